import { selfContainedHtml } from '@driftwatch/report-page';
import type { CompareReport } from './compare-report';

/**
 * `compare --format html`: one self-contained file (styles, Chart.js, the report page's script
 * and the report inlined) with the summary, a row per feature and both sides' histograms.
 */
export function compareHtml(report: CompareReport, inputs: { reference: string; current: string }): string {
  return selfContainedHtml({ view: 'compare', report: { ...report, inputs } }, `Driftwatch: ${inputs.current} vs ${inputs.reference}`);
}
