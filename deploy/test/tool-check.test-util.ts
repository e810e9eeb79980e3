import { spawnSync } from 'node:child_process';

/** True when `name` runs; resolved on PATH like a shell would. */
export function hasTool(name: string): boolean {
  const probe = spawnSync(name, ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Whether the specs needing a tool run: always in CI (a missing tool then fails them loudly),
 * elsewhere only when it is installed, with a note saying how to get it.
 */
export function requireTool(name: string, install: string): boolean {
  if (hasTool(name)) return true;
  if (process.env.CI) return true;
  process.stderr.write(`skipping the ${name} checks: ${name} is not installed (${install}); in CI they always run\n`);
  return false;
}

export function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) return { status: null, output: `${command} could not run: ${result.error.message}` };
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
