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

/**
 * Ten years of retention: the specs write rows at fixed dates (late 2026), which the default
 * TTLs would start deleting some months later (retention-ttl.spec.ts sets its own).
 */
export function embeddedConfig(dataDir: string, database = 'driftwatch'): StoreConfig {
  return { dataDir, clickhouse: { mode: 'embedded', database }, retention: { windowDays: 3650, resultDays: 3650, incidentDays: 3650, sampleDays: 3650 } };
}
