import { writeFileSync } from 'node:fs';
import { CliError } from './cli-error';

/** Writes a command's output to the file of `-o`; a file that cannot be written is the user's to fix (exit 2). */
export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new CliError(`-o ${JSON.stringify(file)}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
