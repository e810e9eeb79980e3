import { BadRequestException } from '@nestjs/common';
import type { PerformanceSnapshot } from '@driftwatch/contracts';
import type { BaselineFeature } from '@driftwatch/store';
import { MAX_CATEGORIES, MAX_PERFORMANCE_METRICS, type BaselineFeatureBody, type CreateBaselineBody, type PerformanceSnapshotBody } from './baseline-body.dto';

const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

/**
 * The checks a schema cannot express: bins that match their edges, counts that add up,
 * categories that are counts. Throws a 400 naming the feature and the field; returns the
 * features in the store's shape.
 */
export function checkBaselineBody(body: CreateBaselineBody): BaselineFeature[] {
  const names = new Set<string>();
  return body.features.map((f, i) => {
    const where = `features[${i}] (${JSON.stringify(f.name)})`;
    const fail = (message: string): never => {
      throw new BadRequestException(`${where}: ${message}`);
    };
    if (names.has(f.name)) fail('the feature name appears twice');
    names.add(f.name);
    const feature = toFeature(f);
    if (feature.count + feature.missing > body.rowCount) {
      fail(`count ${feature.count} + missing ${feature.missing} exceeds rowCount ${body.rowCount}`);
    }
    if (f.kind === 'numeric') checkNumeric(feature, fail);
    else checkCategorical(feature, fail);
    return feature;
  });
}

function toFeature(f: BaselineFeatureBody): BaselineFeature {
  return {
    name: f.name,
    kind: f.kind,
    edges: f.edges ?? [],
    binCounts: f.binCounts ?? [],
    fineEdges: f.fineEdges ?? [],
    fineCounts: f.fineCounts ?? [],
    categories: f.categories ?? {},
    count: f.count,
    missing: f.missing,
    min: f.min ?? null,
    max: f.max ?? null,
    mean: f.mean ?? null,
    std: f.std ?? null,
    median: f.median ?? null,
    importance: f.importance ?? null,
  };
}

function checkNumeric(f: BaselineFeature, fail: (message: string) => never): void {
  checkGrid('edges', 'binCounts', f.edges, f.binCounts, f.count, fail);
  if (f.fineEdges?.length || f.fineCounts?.length) checkGrid('fineEdges', 'fineCounts', f.fineEdges ?? [], f.fineCounts ?? [], f.count, fail);
  if (Object.keys(f.categories).length > 0) fail('a numeric feature has no categories');
  if (f.min !== null && f.max !== null && f.min > f.max) fail(`min ${f.min} is greater than max ${f.max}`);
}

function checkGrid(edgesName: string, countsName: string, edges: readonly number[], counts: readonly number[], count: number, fail: (m: string) => never): void {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) fail(`${edgesName} must be strictly ascending (${edgesName}[${i}] = ${edges[i]} after ${edges[i - 1]})`);
  }
  if (counts.length !== edges.length + 1) fail(`${countsName} has ${counts.length} entries, expected ${edges.length + 1} (${edgesName}.length + 1)`);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== count) fail(`${countsName} add up to ${total}, but count is ${count}`);
}

function checkCategorical(f: BaselineFeature, fail: (message: string) => never): void {
  if (f.edges.length > 0 || f.binCounts.length > 0 || (f.fineEdges?.length ?? 0) > 0) fail(`a ${f.kind} feature has no edges or bin counts`);
  const entries = Object.entries(f.categories);
  if (entries.length > MAX_CATEGORIES) fail(`${entries.length} categories, at most ${MAX_CATEGORIES} are accepted`);
  let total = 0;
  for (const [category, n] of entries) {
    if (!Number.isSafeInteger(n) || n < 0) fail(`categories[${JSON.stringify(category)}] must be a count (an integer >= 0), got ${JSON.stringify(n)}`);
    if (f.kind === 'boolean' && category !== 'true' && category !== 'false') fail(`a boolean feature has only the categories "true" and "false", got ${JSON.stringify(category)}`);
    total += n;
  }
  if (total !== f.count) fail(`categories add up to ${total}, but count is ${f.count}`);
}

/**
 * The performance snapshot's checks beyond its schema: metric values finite or null, a task
 * consistent with its classes, no more labelled pairs than rows. Throws a 400 naming the field.
 */
export function checkPerformance(p: PerformanceSnapshotBody, rowCount: number): PerformanceSnapshot {
  const fail = (field: string, message: string): never => {
    throw new BadRequestException(`performance.${field} ${message}`);
  };
  const entries = Object.entries(p.metrics);
  if (entries.length > MAX_PERFORMANCE_METRICS) fail('metrics', `has ${entries.length} entries, at most ${MAX_PERFORMANCE_METRICS} are accepted`);
  for (const [name, value] of entries) {
    if (!METRIC_NAME.test(name)) fail('metrics', `has a bad metric name ${JSON.stringify(name)} (a letter, then up to 127 letters, digits, "_", ".", ":" or "-")`);
    // JSON has no NaN or Infinity; a string or a boolean is the sender's mistake, not a metric.
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) fail(`metrics.${name}`, `must be a finite number or null, got ${JSON.stringify(value)}`);
  }
  if (p.labelled > rowCount) fail('labelled', `${p.labelled} exceeds rowCount ${rowCount}`);
  const classes = p.classes ?? [];
  if (new Set(classes).size !== classes.length) fail('classes', 'has a class twice');
  const positiveClass = p.positiveClass ?? null;
  if (p.task === 'regression' && classes.length > 0) fail('classes', 'must be empty for a regression task');
  if (p.task !== 'binary' && positiveClass !== null) fail('positiveClass', `must be null for a ${p.task} task`);
  if (p.task === 'binary' && positiveClass === null) fail('positiveClass', 'is required for a binary task');
  return { task: p.task, positiveClass, classes: [...classes].sort(), labelled: p.labelled, metrics: Object.fromEntries(entries) };
}
