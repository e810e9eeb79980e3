// The canonical Avro schema of a label; schemas/inference-label.avsc is the same object as
// JSON, kept identical by a test. `double` rather than `long` for the same reason as in
// inference-event.schema.ts.
export const INFERENCE_LABEL_SCHEMA = {
  type: 'record',
  name: 'InferenceLabel',
  namespace: 'io.driftwatch',
  doc: 'The ground truth of an earlier inference, joined to it by eventId; consumed from inference-labels.',
  fields: [
    { name: 'eventId', type: 'string', doc: 'The eventId of the inference this label belongs to.' },
    { name: 'modelId', type: 'string' },
    {
      name: 'timestamp',
      type: { type: 'long', logicalType: 'timestamp-millis' },
      doc: 'When the label became known, milliseconds since the Unix epoch (UTC).',
    },
    { name: 'label', type: ['double', 'string', 'boolean'] },
  ],
} as const;
