import type { DatasetDrift, FeatureComparison } from '@driftwatch/stats';

/** The document `driftwatch compare --format json` prints. */
export interface CompareReport {
  rows: { reference: number; current: number };
  features: FeatureComparison[];
  datasetDrift: DatasetDrift;
}

/**
 * JSON text of the report; infinite and NaN values become null (JSON has no literal for them).
 * The features' histograms are left out: they are for the HTML report's pictures.
 */
export function reportJson(report: CompareReport): string {
  return JSON.stringify({ ...report, features: report.features.map(({ histogram: _histogram, ...f }) => f) }, null, 2) + '\n';
}
