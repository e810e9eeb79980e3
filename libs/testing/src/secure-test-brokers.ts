import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_BROKERS } from './test-brokers';

// The extra listeners deploy/local/kafka.sh opens beside the plain one: SASL_PLAINTEXT at the
// client port + 2 (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and SSL with a required client
// certificate at + 3. Overridable for a cluster elsewhere.
const [host, port] = (TEST_BROKERS[0] ?? '127.0.0.1:9092').split(':');

/** The SASL_PLAINTEXT listener: DRIFTWATCH_TEST_SASL_BROKERS, or the local broker's client port + 2. */
export const TEST_SASL_BROKERS = list(process.env.DRIFTWATCH_TEST_SASL_BROKERS) ?? [`${host}:${Number(port) + 2}`];
/** The SSL listener: DRIFTWATCH_TEST_TLS_BROKERS, or the local broker's client port + 3. */
export const TEST_TLS_BROKERS = list(process.env.DRIFTWATCH_TEST_TLS_BROKERS) ?? [`${host}:${Number(port) + 3}`];
/** The local broker's test user (kafka.sh), the same for every mechanism. */
export const TEST_SASL_USER = {
  username: process.env.DRIFTWATCH_TEST_SASL_USERNAME ?? 'driftwatch',
  password: process.env.DRIFTWATCH_TEST_SASL_PASSWORD ?? 'driftwatch-local-secret',
};
/** ca.crt, client.crt and client.key of the local broker's CA (kafka.sh makes them under its data dir). */
export const TEST_TLS_DIR =
  process.env.DRIFTWATCH_TEST_TLS_DIR ??
  path.join(path.resolve(process.env.DRIFTWATCH_DATA_DIR ?? path.join(repositoryRoot(), '.driftwatch')), 'kafka', 'tls');

/** A file of TEST_TLS_DIR, or an error saying where it was looked for and how to point there. */
export function testTlsFile(name: 'ca.crt' | 'client.crt' | 'client.key'): string {
  const file = path.join(TEST_TLS_DIR, name);
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: the TLS tests need the certificates deploy/local/kafka.sh makes under its data dir; ` +
        'set DRIFTWATCH_DATA_DIR to the data dir the broker was started with (or DRIFTWATCH_TEST_TLS_DIR), or start the broker with `deploy/local/kafka.sh start`',
    );
  }
  return file;
}

/** Tests run in their project's directory; kafka.sh's default data dir is the repository's. */
function repositoryRoot(): string {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, 'nx.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function list(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((b) => b.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}
