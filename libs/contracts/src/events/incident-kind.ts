/** The failures Driftwatch watches for, each an incident kind (docs/architecture.md). */
export const INCIDENT_KINDS = [
  'missing_feature',
  'new_category',
  'data_drift',
  'schema_violation',
  'out_of_range',
  'dataset_drift',
  'prediction_drift',
  'performance_degradation',
  'silence',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SEVERITIES = ['warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
