import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBin } from './run-cli.test-util';

const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps', 'cli', 'package.json'), 'utf8')) as { version: string };

// The built binary: the package.json the version comes from must be found beside the compiled code.
describe('driftwatch --version', () => {
  it.each([['--version'], ['-v']])('%s prints the package version and exits 0', (flag) => {
    const run = runBin([flag]);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
