// The Avro schema of the driftwatch.incidents message; schemas/incident.avsc is the same object
// as JSON, kept identical by a test. Enumerations (eventType, kind, severity, status) are
// strings, not Avro enums, for the reason given in window-closed.schema.ts: adding a symbol to
// an enum breaks readers of the older schema. `evidence.details` is free-form evidence with no
// fixed shape, so in Avro it travels as JSON text.
const FEATURE_SIDE_SUMMARY = {
  type: 'record',
  name: 'FeatureSideSummary',
  doc: 'Summary of one feature on one side (baseline or window).',
  fields: [
    { name: 'count', type: 'long' },
    { name: 'missingRate', type: 'double' },
    { name: 'typeErrors', type: ['null', 'long'], default: null },
    { name: 'min', type: ['null', 'double'], default: null },
    { name: 'max', type: ['null', 'double'], default: null },
    { name: 'mean', type: ['null', 'double'], default: null },
    { name: 'median', type: ['null', 'double'], default: null },
    { name: 'topCategories', type: ['null', { type: 'map', values: 'double' }], default: null, doc: 'Category to share.' },
  ],
} as const;

const FINDING = {
  type: 'record',
  name: 'Finding',
  doc: 'What the policy judged bad in one window: the evidence of an incident.',
  fields: [
    { name: 'kind', type: 'string' },
    { name: 'feature', type: ['null', 'string'], default: null, doc: 'null for model-level kinds.' },
    { name: 'severity', type: 'string', doc: 'warning or critical.' },
    { name: 'metric', type: 'string', doc: "The metric that decided, e.g. 'psi'." },
    { name: 'value', type: ['null', 'double'], default: null, doc: 'null when the value is infinite.' },
    { name: 'threshold', type: 'double' },
    { name: 'message', type: 'string' },
    { name: 'baseline', type: ['null', FEATURE_SIDE_SUMMARY], default: null },
    { name: 'current', type: ['null', 'FeatureSideSummary'], default: null },
    { name: 'details', type: ['null', 'string'], default: null, doc: 'Extra evidence as a JSON object, in JSON text.' },
  ],
} as const;

export const INCIDENT_SCHEMA = {
  type: 'record',
  name: 'IncidentEvent',
  namespace: 'io.driftwatch',
  doc: 'One step of an incident (opened, updated, resolved); published on driftwatch.incidents keyed by modelId.',
  fields: [
    { name: 'schemaVersion', type: 'int', doc: 'Currently 1.' },
    { name: 'eventType', type: 'string', doc: 'One of: opened, updated, resolved.' },
    { name: 'incidentId', type: 'string', doc: 'The same from opened to resolved.' },
    { name: 'modelId', type: 'string' },
    { name: 'modelVersion', type: 'string' },
    { name: 'kind', type: 'string', doc: 'An incident kind, e.g. data_drift.' },
    { name: 'feature', type: ['null', 'string'], default: null, doc: 'null for model-level kinds.' },
    { name: 'severity', type: 'string', doc: 'warning or critical.' },
    { name: 'status', type: 'string', doc: 'open or resolved.' },
    { name: 'openedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'updatedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'resolvedAt', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'windowStart', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'Inclusive.' },
    { name: 'windowEnd', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'Exclusive.' },
    { name: 'evidence', type: FINDING },
    { name: 'badWindows', type: 'long', doc: 'Bad windows seen while open, the opening ones included.' },
    // Last and with a default, so Avro schema resolution works both ways: readers of the older schema
    // skip it, readers of this one fill in null for messages written without it.
    { name: 'granularity', type: ['null', 'string'], default: null, doc: 'window or rollup; null in events written before the field existed.' },
  ],
} as const;
