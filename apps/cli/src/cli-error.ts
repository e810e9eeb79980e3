/** Bad input the user can fix (usage, files, thresholds): one line on stderr and exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export const EXIT_OK = 0;
export const EXIT_DRIFT = 1;
export const EXIT_USAGE = 2;

/** The one-line form of any error message: the first line only. */
export function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}
