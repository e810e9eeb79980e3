/**
 * Every tag (route group) of the OpenAPI document with what it holds, in the order Swagger UI
 * shows them. A controller with a tag missing here fails apps/api/test/api.e2e.spec.ts, so the
 * document's description never again names only some of the groups.
 */
export const OPENAPI_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'models', description: 'Models seen in events or given a baseline: versions, window counts, active baselines.' },
  { name: 'windows', description: "A model's stored windows (event and late counts, per-feature histograms) and their rollups into epoch-aligned buckets." },
  { name: 'baselines', description: 'Reference distributions per model version: store one (from training data or from stored windows), list them, read the active one.' },
  { name: 'policies', description: "A model's drift policy: stored overrides, the effective policy with every default, and its history." },
  { name: 'drift', description: 'Drift history: every evaluation of a window or rollup bucket, with per-feature methods, scores, thresholds, decisions and findings.' },
  { name: 'performance', description: 'Model performance per window or rollup bucket from joined labels: label coverage, the watched metric against the baseline, every metric.' },
  { name: 'incidents', description: 'Incidents opened and resolved by the alerter, with their latest evidence and explanation.' },
  { name: 'webhooks', description: 'Webhook destinations for incident events (generic, Slack, PagerDuty); admin scope, secrets never returned.' },
  { name: 'health', description: 'Liveness, readiness (ClickHouse, Kafka, consumers) and Prometheus metrics.' },
];

/** The document's description: what the API covers, group by group. */
export const OPENAPI_DESCRIPTION =
  'The Driftwatch API: models and their windows, baselines, drift policies, drift history (evaluations), performance, incidents and webhook destinations; health and Prometheus metrics. ' +
  'Times are ISO-8601 UTC in answers; queries take ISO-8601 or epoch milliseconds. Lists are paged: pass `nextCursor` back as `cursor`. ' +
  'With DRIFTWATCH_API_TOKENS set, routes need a bearer token of scope read (GET), write (baselines, policies) or admin (webhooks).';
