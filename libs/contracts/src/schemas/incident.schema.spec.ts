import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from 'avsc';
import { describe, expect, it } from 'vitest';
import { INCIDENT_SCHEMA } from './incident.schema';

// The same checks avsc-files.spec.ts makes for the other contracts, kept in their own file.
describe('schemas/incident.avsc', () => {
  const committed = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/incident.avsc'), 'utf8'));

  it('is identical to its TypeScript schema object', () => {
    expect(committed).toStrictEqual(JSON.parse(JSON.stringify(INCIDENT_SCHEMA)));
  });

  it('is a valid Avro schema whose unions avsc can unwrap', () => {
    expect(() => Type.forSchema(committed, { wrapUnions: 'never' })).not.toThrow();
  });
});
