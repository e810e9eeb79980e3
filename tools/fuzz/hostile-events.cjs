// The messages `npm run fuzz` sends to the events topic: good inference events and, mixed among
// them, messages the contract refuses. Every kind below has one outcome fixed by the contract
// (libs/contracts validation), so the fuzzer knows for each message whether it must be counted
// in a window or found in the DLQ with a reason — nothing is left to "either is fine".
'use strict';

// Hostile but valid ids: they end up in SQL parameters, URLs and Prometheus labels, and must be
// counted like any other model.
const MODELS = ['fuzz-a', "fuzz'); DROP TABLE windows; --", '../fuzz/..%2F{{x}}'];
const NUMERIC = ['n0', 'n1', 'n2', 'n3'];
const CATEGORICAL = ['c0', 'c1'];
const CATEGORIES = ['red', 'green', 'blue', 'über', '日本', ''];

/** A good event: the shapes producers really send (nulls, booleans, ISO timestamps, unknown extra fields). */
function goodEvent(i, rand, now) {
  const features = {};
  for (const name of NUMERIC) features[name] = rand.uniform() < 0.02 ? null : Math.round(rand.normal() * 1e6) / 1e3;
  for (const name of CATEGORICAL) features[name] = CATEGORIES[Math.floor(rand.uniform() * CATEGORIES.length)];
  if (rand.uniform() < 0.1) features.flag = rand.uniform() < 0.5;
  // Feature names the baseline does not know are allowed (counted, reported as unknown).
  if (rand.uniform() < 0.05) features[`extra_${i % 7}`] = i;
  const timestamp = now - Math.floor(rand.uniform() * 120_000);
  const event = {
    eventId: `fuzz-${i}`,
    modelId: MODELS[i % MODELS.length],
    modelVersion: '1',
    timestamp: rand.uniform() < 0.2 ? new Date(timestamp).toISOString() : timestamp,
    features,
    prediction: rand.uniform() < 0.5 ? Math.round(rand.uniform() * 1e4) / 1e4 : 'yes',
  };
  if (rand.uniform() < 0.05) event.requestId = `r-${i}`;
  return event;
}

const json = (value) => Buffer.from(JSON.stringify(value));
const deepArray = (depth) => '['.repeat(depth) + ']'.repeat(depth);

/**
 * Each bad kind: a name and a function of (index, a good event to spoil, rand) giving the bytes
 * (null: a tombstone). All of them must end in the DLQ.
 */
const BAD_KINDS = [
  // '{' first, so it is read as JSON (a first byte other than '{' is read as Avro); no '}' or '"' after it, so it never parses.
  ['not-json', (i, e, rand) => Buffer.from('{' + Array.from({ length: 1 + Math.floor(rand.uniform() * 200) }, () => String.fromCharCode(0x23 + Math.floor(rand.uniform() * 0x58))).join(''))],
  ['truncated-json', (i, e) => { const b = json(e); return b.subarray(0, Math.max(1, Math.floor(b.length / 2))); }],
  ['tombstone', () => null],
  ['empty-value', () => Buffer.alloc(0)],
  ['json-array', (i, e) => json([e])],
  ['json-null', () => Buffer.from('null')],
  ['deep-nesting-feature', (i, e) => Buffer.from(JSON.stringify({ ...e, features: { n0: '__DEEP__' } }).replace('"__DEEP__"', deepArray(50_000)))],
  ['deep-nesting-json', () => Buffer.from('{"a":' + deepArray(200_000) + '}')],
  ['megabyte-string', (i, e) => json({ ...e, features: { ...e.features, c0: 'x'.repeat(900_000) } })],
  ['ten-thousand-features', (i, e) => json({ ...e, features: Object.fromEntries(Array.from({ length: 10_000 }, (_, k) => [`f${k}`, k])) })],
  ['proto-top-level', (i, e) => Buffer.from(JSON.stringify(e).replace(/^\{/, '{"__proto__":{"polluted":true},'))],
  ['proto-feature', (i, e) => Buffer.from(JSON.stringify(e).replace('"features":{', '"features":{"__proto__":1,'))],
  ['constructor-feature', (i, e) => json({ ...e, features: { ...e.features, constructor: 'x' } })],
  ['infinity', (i, e) => Buffer.from(JSON.stringify(e).replace('"features":{', '"features":{"big":1e999,'))],
  ['nan-literal', (i, e) => Buffer.from(JSON.stringify(e).replace('"features":{', '"features":{"bad":NaN,'))],
  ['epoch-seconds', (i, e) => json({ ...e, timestamp: Math.floor(Date.now() / 1000) })],
  ['bad-date', (i, e) => json({ ...e, timestamp: '2026-02-30T10:00:00Z' })],
  ['missing-model', (i, e) => { const { modelId: _m, ...rest } = e; return json(rest); }],
  ['long-model-id', (i, e) => json({ ...e, modelId: 'm'.repeat(10_000) })],
  ['object-feature', (i, e) => json({ ...e, features: { ...e.features, n1: { value: 1 } } })],
  ['array-features', (i, e) => json({ ...e, features: [1, 2, 3] })],
  ['string-event-id', (i, e) => json({ ...e, eventId: 42 })],
  ['huge-prediction', (i, e) => json({ ...e, prediction: Object.fromEntries(Array.from({ length: 5_000 }, (_, k) => [`class${k}`, 1 / 5_000])) })],
  ['reserved-feature', (i, e) => json({ ...e, features: { ...e.features, '@prediction': 1 } })],
  ['confluent-unknown-schema', (i, e) => Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xff]), json(e)])],
  // Every byte has its high bit set: the first Avro varint never ends.
  ['avro-garbage', (i, e, rand) => Buffer.from(Array.from({ length: 64 }, () => 0x80 + Math.floor(rand.uniform() * 0x7f)))],
];

module.exports = { MODELS, NUMERIC, CATEGORICAL, CATEGORIES, goodEvent, BAD_KINDS };
