import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../src/cli-io';
import { buildProgram } from '../src/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

/** Runs `driftwatch …args` in this process (same code path as the binary, output captured, not a TTY). */
export async function runCli(args: string[], tty = false): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: tty,
    stderrIsTTY: false,
    setExitCode: (c) => (code = c),
    exit: (c) => {
      throw new ExitSignal(c);
    },
  };
  try {
    await buildProgram(io).parseAsync(['node', 'driftwatch', ...args]);
  } catch (err) {
    if (!(err instanceof ExitSignal)) throw err;
    code = err.code;
  }
  return { code, stdout, stderr };
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(REPO_ROOT, 'apps', 'cli', 'bin', 'driftwatch.cjs');
const BUILT_MAIN = path.join(REPO_ROOT, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

/** Runs the built binary as a child process (`npx nx run cli:build` first; the test target depends on it). */
export function runBin(args: string[]): CliRun {
  if (!existsSync(BUILT_MAIN)) throw new Error(`the CLI is not built (${BUILT_MAIN} missing): run \`npx nx run cli:build\``);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
