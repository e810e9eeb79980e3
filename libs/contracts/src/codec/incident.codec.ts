import type { FeatureSideSummary } from '../events/evaluation';
import type { IncidentEvent } from '../events/incident';
import { INCIDENT_SCHEMA } from '../schemas/incident.schema';
import { validateIncidentEvent } from '../validation/incident.validator';
import { createContractCodec } from './contract-codec';
import type { DecodeOptions, DecodeResult, EncodeFormat, EncodeOptions } from './decode-result';

function summaryToAvro(summary: FeatureSideSummary | undefined): unknown {
  if (!summary) return null;
  return {
    count: summary.count,
    missingRate: summary.missingRate,
    typeErrors: summary.typeErrors ?? null,
    min: summary.min ?? null,
    max: summary.max ?? null,
    mean: summary.mean ?? null,
    median: summary.median ?? null,
    topCategories: summary.topCategories ?? null,
  };
}

export const incidentCodec = createContractCodec<IncidentEvent>({
  name: 'IncidentEvent',
  schema: INCIDENT_SCHEMA,
  validate: validateIncidentEvent,
  toAvro: (event) => ({
    ...event,
    granularity: event.granularity ?? null,
    evidence: {
      ...event.evidence,
      baseline: summaryToAvro(event.evidence.baseline),
      current: summaryToAvro(event.evidence.current),
      details: event.evidence.details === undefined ? null : JSON.stringify(event.evidence.details),
    },
  }),
  // Internal message: times stay epoch ms whatever jsonTimestamp says.
  toJson: (event) => event,
});

// JSON by default on driftwatch.incidents, like driftwatch.windows: low volume, and readable by
// any consumer (webhook bridges, kafka-console-consumer) without the schema.
const JSON_OPTIONS: DecodeOptions = { format: 'json' };

/** Decodes and validates one driftwatch.incidents payload. Never throws on bad input. */
export function decodeIncidentEvent(bytes: Buffer, opts: DecodeOptions = JSON_OPTIONS): DecodeResult<IncidentEvent> {
  return incidentCodec.decode(bytes, opts);
}

/** Validates then encodes; throws ContractValidationError on an invalid event. */
export function encodeIncidentEvent(event: IncidentEvent, format: EncodeFormat = 'json', opts?: EncodeOptions): Buffer {
  return incidentCodec.encode(event, format, opts);
}
