// One vitest setup for every project: the same path aliases as tsconfig.base.json,
// SWC so NestJS decorator metadata works in tests, and the forks pool because the
// embedded ClickHouse engine crashes at exit when loaded in a worker thread.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));
const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths as Record<string, string[]>).map(([name, [target]]) => [
    name,
    path.join(root, target),
  ]),
);

export function projectConfig(projectDir: string, overrides: { testTimeout?: number; include?: string[] } = {}): ViteUserConfig {
  const name = path.relative(root, projectDir).replace(/[\\/]/g, '-');
  return defineConfig({
    root: projectDir,
    resolve: { alias },
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include: overrides.include ?? ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      pool: 'forks',
      passWithNoTests: true,
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 120_000,
      // Specs write rows at fixed dates (late 2026): ten years of retention keeps the tables'
      // TTLs from deleting them as those dates age (libs/testing TEST_RETENTION_ENV, the same).
      env: {
        DRIFTWATCH_WINDOW_RETENTION_DAYS: '3650',
        DRIFTWATCH_RESULT_RETENTION_DAYS: '3650',
        DRIFTWATCH_INCIDENT_RETENTION_DAYS: '3650',
        DRIFTWATCH_SAMPLE_RETENTION_DAYS: '3650',
      },
      reporters: ['default', 'json'],
      outputFile: { json: path.join(root, 'dist', 'test-results', `${name}.json`) },
    },
  });
}
