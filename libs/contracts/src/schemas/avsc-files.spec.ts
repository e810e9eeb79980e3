import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from 'avsc';
import { describe, expect, it } from 'vitest';
import { INFERENCE_EVENT_SCHEMA } from './inference-event.schema';
import { INFERENCE_LABEL_SCHEMA } from './inference-label.schema';
import { WINDOW_CLOSED_SCHEMA } from './window-closed.schema';

// The .avsc files are the reference for other runtimes; the TypeScript objects are what the
// compiled code loads (tsc does not copy .avsc files). They must never drift apart.
const cases = [
  ['inference-event.avsc', INFERENCE_EVENT_SCHEMA],
  ['inference-label.avsc', INFERENCE_LABEL_SCHEMA],
  ['window-closed.avsc', WINDOW_CLOSED_SCHEMA],
] as const;

describe('committed .avsc files', () => {
  it.each(cases)('%s is identical to its TypeScript schema object', (file, schema) => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '../../schemas', file), 'utf8'));
    expect(committed).toStrictEqual(JSON.parse(JSON.stringify(schema)));
  });

  it.each(cases)('%s is a valid Avro schema whose unions avsc can unwrap', (file) => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '../../schemas', file), 'utf8'));
    expect(() => Type.forSchema(committed, { wrapUnions: 'never' })).not.toThrow();
  });
});
