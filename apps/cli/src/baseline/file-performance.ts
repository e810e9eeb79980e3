import type { LabelledPrediction, PerformanceSnapshot } from '@driftwatch/contracts';
import { computePerformance, inferTask } from '@driftwatch/evaluation';
import { readCells, type CellColumn, type TableSource } from '@driftwatch/tabular';

/** How a column's cells are read: decided by --numeric/--categorical, else by what the column holds. */
export type CellReading = 'number' | 'text' | 'infer';

const BOOLEAN_TEXT = /^(true|false)$/i;

/**
 * The file's prediction and target columns as labelled predictions, one per row with a
 * prediction (a row without one predicts nothing and is left out). The prediction is a number
 * (kind 'number') when every prediction cell is a number, else the cell's text (kind 'class').
 * The label is what the file gives: numbers when every target cell is a number, else booleans
 * when every one is true/false (any case, as in JSON), else the text; a missing target is no
 * label (the row is predicted but unlabelled).
 */
export function labelledPredictions(prediction: CellColumn, target: CellColumn, readings: { prediction: CellReading; target: CellReading }): LabelledPrediction[] {
  const numericPrediction = readings.prediction === 'number' || (readings.prediction === 'infer' && allNumbers(prediction));
  const label = labelReader(target, readings.target);
  const rows: LabelledPrediction[] = [];
  for (let i = 0; i < prediction.missing.length; i++) {
    if (prediction.missing[i] === 1) continue;
    const number = prediction.numbers[i];
    // A text cell in a column read as numbers is not a prediction the model could have made.
    if (numericPrediction && Number.isNaN(number)) continue;
    rows.push({
      eventId: String(i),
      eventTime: i,
      kind: numericPrediction ? 'number' : 'class',
      number: numericPrediction ? number : null,
      class: numericPrediction ? null : prediction.texts[i],
      probabilities: {},
      label: label(i),
    });
  }
  return rows;
}

function allNumbers(c: CellColumn): boolean {
  for (let i = 0; i < c.missing.length; i++) if (c.missing[i] === 0 && Number.isNaN(c.numbers[i])) return false;
  return true;
}

function labelReader(target: CellColumn, reading: CellReading): (i: number) => number | string | boolean | null {
  const missing = (i: number) => target.missing[i] === 1;
  if (reading === 'number' || (reading === 'infer' && allNumbers(target))) {
    return (i) => (missing(i) || Number.isNaN(target.numbers[i]) ? null : target.numbers[i]);
  }
  if (reading === 'infer' && target.texts.every((t, i) => missing(i) || BOOLEAN_TEXT.test(t.trim()))) {
    return (i) => (missing(i) ? null : target.texts[i].trim().toLowerCase() === 'true');
  }
  return (i) => (missing(i) ? null : target.texts[i]);
}

export interface FilePerformance {
  /** null when no row had both a prediction and a target. */
  snapshot: PerformanceSnapshot | null;
  predicted: number;
  labelled: number;
}

/** Reads the two columns of the file and computes the model's performance on its rows. */
export async function filePerformance(
  source: TableSource,
  columns: { prediction: string; target: string },
  readings: { prediction: CellReading; target: CellReading },
): Promise<FilePerformance> {
  const [prediction, target] = await readCells(source, [columns.prediction, columns.target]);
  const rows = labelledPredictions(prediction, target, readings);
  const labelled = rows.reduce((n, r) => n + (r.label === null ? 0 : 1), 0);
  const snapshot = labelled === 0 ? null : computePerformance(rows, inferTask(rows, 'auto'));
  return { snapshot, predicted: rows.length, labelled };
}
