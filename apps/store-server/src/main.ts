// The store server: `npm run store-server`, or `node dist/apps/store-server/apps/store-server/src/main.js`.
// Serves the embedded engine under DRIFTWATCH_DATA_DIR over ClickHouse's HTTP interface, so the
// services can run as separate processes on this machine with CLICKHOUSE_URL pointing here.
// For single-machine multi-process runs and tests; not a production ClickHouse server.
import { ConfigError, loadConfig, loadStoreServerConfig } from '@driftwatch/config';
import { startStoreServer } from '@driftwatch/store';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const storeServer = loadStoreServerConfig(process.env);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} store-server ${line}\n`);
  const server = await startStoreServer({ ...config, storeServer }, { error: (line) => log(`error: ${line}`) });
  log(`serving ${server.directory} (ClickHouse ${server.version}) at ${server.url}; services use CLICKHOUSE_URL=${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing ${server.inFlight()} statement(s), then closing the engine`);
    server.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`store-server: closing failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`driftwatch store-server: ${error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
