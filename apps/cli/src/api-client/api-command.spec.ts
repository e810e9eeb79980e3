import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { ApiRejectedError, ApiUnavailableError, ApiUrlError } from './api-client';
import { runApiCommand } from './api-command';

class DataError extends Error {}

async function outcome(error: Error | undefined, usageErrors: (new (message: string) => Error)[] = []): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io = { stderr: (t: string) => void (stderr += t) } as CliIo;
  const code = await runApiCommand(
    io,
    async () => {
      if (error) throw error;
    },
    usageErrors,
  );
  return { code, stderr };
}

describe('runApiCommand', () => {
  it('exits 0 when the action succeeds', async () => {
    expect(await outcome(undefined)).toEqual({ code: 0, stderr: '' });
  });

  it('exits 3 when the API is unavailable, with the first line of the message', async () => {
    expect(await outcome(new ApiUnavailableError('cannot reach the Driftwatch API\nstack'))).toEqual({
      code: 3,
      stderr: 'driftwatch: cannot reach the Driftwatch API\n',
    });
  });

  it('exits 2 when the API refuses, naming the status', async () => {
    expect(await outcome(new ApiRejectedError(400, 'invalid policy'))).toEqual({
      code: 2,
      stderr: 'driftwatch: the API refused the request (400): invalid policy\n',
    });
  });

  it('exits 2 on bad usage, a bad --api URL and the command’s own usage errors', async () => {
    expect(await outcome(new CliError('give either --file or --reset'))).toEqual({ code: 2, stderr: 'driftwatch: give either --file or --reset\n' });
    expect(await outcome(new ApiUrlError('--api must be an http:// or https:// URL'))).toMatchObject({ code: 2 });
    expect(await outcome(new DataError('train.csv: no rows'), [DataError])).toEqual({ code: 2, stderr: 'driftwatch: train.csv: no rows\n' });
  });

  it('rethrows anything else, including a usage error of another command', async () => {
    await expect(outcome(new TypeError('bug'))).rejects.toThrow('bug');
    await expect(outcome(new DataError('not ours'))).rejects.toThrow('not ours');
  });
});
