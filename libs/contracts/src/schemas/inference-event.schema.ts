// The canonical Avro schema of an inference event. schemas/inference-event.avsc is the same
// object as JSON for other runtimes; a test keeps the two identical.
//
// Why these choices:
// - features is a map of a union, not a record: one schema must fit every model, and
//   feature names are data. A typed per-model record would decode faster (measured: ~280k/s
//   vs ~110k/s per core) but Avro cannot resolve a record into a map, so it could not serve
//   as a writer schema for this contract.
// - numbers are `double` only: a union holding both `long` and `double` cannot be unwrapped
//   (both are JavaScript numbers), and JSON numbers are doubles anyway. Integers up to 2^53
//   are exact. Writer schemas with `long`/`int`/`float` branches still resolve (promotion).
// - timestamp is `long` with logical type timestamp-millis, the value we normalise to.
export const INFERENCE_EVENT_SCHEMA = {
  type: 'record',
  name: 'InferenceEvent',
  namespace: 'io.driftwatch',
  doc: 'One inference of a model in production, as consumed by Driftwatch from inference-events.',
  fields: [
    { name: 'eventId', type: 'string', doc: 'Unique per inference; used for idempotency and to join labels.' },
    { name: 'modelId', type: 'string' },
    { name: 'modelVersion', type: 'string' },
    {
      name: 'timestamp',
      type: { type: 'long', logicalType: 'timestamp-millis' },
      doc: 'Event time, milliseconds since the Unix epoch (UTC).',
    },
    {
      name: 'features',
      type: { type: 'map', values: ['null', 'boolean', 'double', 'string'] },
      doc: 'Flat map of feature name to value; null means missing.',
    },
    {
      name: 'prediction',
      type: ['null', 'double', 'string', { type: 'map', values: 'double' }],
      default: null,
      doc: 'Score or regression output, class name, or class to probability.',
    },
  ],
} as const;
