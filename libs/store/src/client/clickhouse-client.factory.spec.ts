import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { createClickHouseClient, embeddedDataDirectory } from './clickhouse-client.factory';
import { EmbeddedStoreLockedError } from './store-errors';

// The child opens the directory with chdb directly and holds it until its stdin closes; this
// process then tries to open it through the factory. (The factory is TypeScript, so the
// roles are this way round: the child needs no TypeScript loader.)
const HOLDER = `
const { createChdbConnection } = require('chdb/connection');
const conn = createChdbConnection({ path: process.argv[1] });
conn.query({ query: 'SELECT 1', format: 'CSV' }).then(() => process.stdout.write('ready\\n'));
process.stdin.resume();
process.stdin.on('end', () => conn.close().then(() => process.exit(0)));
`;

const dir = tempDataDir();
let holder: ChildProcess | undefined;

afterAll(async () => {
  if (holder && holder.exitCode === null) {
    holder.stdin?.end();
    await once(holder, 'exit');
  }
  dir.remove();
});

async function holdDirectory(path: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', HOLDER, path], { cwd: __dirname, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited early with code ${code}`)));
  });
  return child;
}

describe('createClickHouseClient (embedded)', () => {
  it('says which directory is locked when another process holds it', async () => {
    const config = embeddedConfig(dir.dataDir);
    holder = await holdDirectory(embeddedDataDirectory(config));
    let error: unknown;
    try {
      const client = createClickHouseClient(config);
      await client.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmbeddedStoreLockedError);
    expect((error as EmbeddedStoreLockedError).directory).toBe(embeddedDataDirectory(config));
    expect((error as EmbeddedStoreLockedError).pid).toBe(holder.pid);
    expect((error as Error).message).toContain(`${embeddedDataDirectory(config)} is already in use by another process (pid ${holder.pid})`);
  });
});
