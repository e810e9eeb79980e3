// The Avro schema of the internal driftwatch.windows message; schemas/window-closed.avsc is
// the same object as JSON, kept identical by a test. `reason` is a string, not an Avro enum:
// enum symbols cannot contain '-' ('late-update'), and adding a symbol to an enum breaks
// readers with the older schema.
export const WINDOW_CLOSED_SCHEMA = {
  type: 'record',
  name: 'WindowClosed',
  namespace: 'io.driftwatch.internal',
  doc: 'A window whose histograms are durable in ClickHouse; published on driftwatch.windows. Counts are totals, not deltas.',
  fields: [
    { name: 'schemaVersion', type: 'int', doc: 'Currently 1.' },
    { name: 'modelId', type: 'string' },
    { name: 'modelVersion', type: 'string' },
    { name: 'windowStart', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'Inclusive.' },
    { name: 'windowEnd', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'Exclusive.' },
    { name: 'eventCount', type: 'long', doc: 'All events of the window, late ones included.' },
    { name: 'lateCount', type: 'long', doc: 'Events that arrived after the window had closed.' },
    { name: 'closedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'reason', type: 'string', doc: 'One of: watermark, idle, late-update.' },
  ],
} as const;
