/** Where a command writes and how it ends: the real process, or a capture in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Sets the exit code the process ends with once the command returns. */
  setExitCode: (code: number) => void;
  /** Ends at once (commander's usage errors, before any command ran). */
  exit: (code: number) => never;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  get stdoutIsTTY() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  // An exit code rather than process.exit(): stdout still being written to a pipe is not cut off.
  setExitCode: (code) => {
    process.exitCode = code;
  },
  exit: (code) => process.exit(code),
};
