import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoreConfig } from '../client/clickhouse-client.factory';

/**
 * A fresh data directory for one spec file. The embedded engine binds one directory per
 * process, and vitest runs each spec file in its own forked process, so every spec file uses
 * one directory and separates its tests by database name.
 */
export function tempDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-store-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function embeddedConfig(dataDir: string, database = 'driftwatch'): StoreConfig {
  return { dataDir, clickhouse: { mode: 'embedded', database } };
}
