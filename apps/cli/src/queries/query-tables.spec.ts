import { describe, expect, it } from 'vitest';
import { driftRatio, renderDrift, sortByDrift } from './drift-table';
import { renderIncidents } from './incidents-table';
import type { DriftEvaluationView, FeatureDriftView, IncidentView, ModelView } from './query-views';
import { renderStatus } from './status-table';
import { renderWindows } from './windows-table';

const cells = (line: string) => line.split(/\s{2,}/);
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

const version = (modelVersion: string, o: Partial<ModelView['versions'][number]> = {}) => ({
  modelVersion,
  windowCount: 10,
  eventCount: 1000,
  firstWindowStart: '2026-12-03T10:00:00.000Z',
  lastWindowEnd: '2026-12-03T17:59:00.000Z',
  hasBaseline: true,
  activeBaselineId: 'b1',
  ...o,
});

const incident = (o: Partial<IncidentView>): IncidentView => ({
  incidentId: 'inc',
  modelId: 'credit-risk',
  modelVersion: '1',
  granularity: 'window',
  kind: 'data_drift',
  feature: 'income',
  severity: 'critical',
  status: 'open',
  openedAt: '2026-12-03T17:00:00.000Z',
  updatedAt: '2026-12-03T17:05:00.000Z',
  resolvedAt: null,
  window: { start: '2026-12-03T16:59:00.000Z', end: '2026-12-03T17:00:00.000Z' },
  badWindows: 1,
  evidence: { message: 'income: Wasserstein 0.4 ≥ 0.1 (critical)', metric: 'wasserstein', value: 0.4, threshold: 0.1 },
  ...o,
});

describe('renderStatus', () => {
  it('a row per version with open incidents counted by severity, then the totals', () => {
    const text = renderStatus({
      models: [
        { modelId: 'credit-risk', versionCount: 2, versions: [version('2'), version('1', { hasBaseline: false, lastWindowEnd: '2026-12-02T08:00:30.000Z' })] },
        { modelId: 'churn', versionCount: 1, versions: [version('7')] },
      ],
      openIncidents: [incident({}), incident({ feature: 'age', severity: 'warning' }), incident({ modelVersion: '2', severity: 'warning' }), incident({ modelId: 'gone', modelVersion: '3' })],
    });
    const lines = text.split('\n');
    expect(cells(lines[0])).toEqual(['model', 'version', 'windows', 'last window end', 'baseline', 'critical', 'warning']);
    expect(lines.slice(2, 6).map(cells)).toEqual([
      ['credit-risk', '2', '10', '2026-12-03 17:59', 'yes', '0', '1'],
      ['credit-risk', '1', '10', '2026-12-02 08:00:30', 'no', '1', '1'],
      ['churn', '7', '10', '2026-12-03 17:59', 'yes', '0', '0'],
      // A version the catalog did not list still shows its open incidents.
      ['gone', '3', '?', '?', '?', '1', '0'],
    ]);
    expect(lines.at(-2)).toBe('2 model(s), 3 version(s); open incidents: 2 critical, 2 warning');
  });

  it('says how to begin when there is nothing, and fits 80 columns with long names', () => {
    expect(renderStatus({ models: [], openIncidents: [] })).toMatch(/^no model yet: send events \(driftwatch simulate\)/);
    const text = renderStatus({ models: [{ modelId: 'm'.repeat(60), versionCount: 1, versions: [version('v'.repeat(30))] }], openIncidents: [] });
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toContain('…');
  });
});

describe('renderIncidents', () => {
  it('open incidents with when they opened and their evidence below; no status column', () => {
    const text = renderIncidents([incident({})], { status: 'open', more: false, limit: 100 });
    expect(text).toBe(
      [
        'severity  model        version  kind        feature',
        '--------  -----------  -------  ----------  -------',
        'critical  credit-risk  1        data_drift  income',
        '    opened 2026-12-03 17:00: income: Wasserstein 0.4 ≥ 0.1 (critical)',
        '',
      ].join('\n'),
    );
  });

  it('all: a status column, resolved times, model-level kinds, the cut said, 80 columns at most', () => {
    const text = renderIncidents(
      [
        incident({ status: 'resolved', resolvedAt: '2026-12-03T17:30:00.000Z' }),
        incident({ kind: 'performance_degradation', feature: null, evidence: { ...incident({}).evidence, message: `rocAuc ${'fell far below the baseline '.repeat(4)}` } }),
      ],
      { status: 'all', more: true, limit: 2 },
    );
    const lines = text.split('\n');
    expect(cells(lines[0])).toEqual(['severity', 'status', 'model', 'version', 'kind', 'feature']);
    expect(cells(lines[2])).toEqual(['critical', 'resolved', 'credit-risk', '1', 'data_drift', 'income']);
    expect(lines[3]).toBe('    opened 2026-12-03 17:00, resolved 2026-12-03 17:30: income: Wasserstein 0.4 ≥ 0.1 (critical)'.slice(0, 79) + '…');
    expect(cells(lines[4])).toEqual(['critical', 'open', 'credit-risk', '1', 'performance_degradation', '-']);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text.endsWith('\nthe 2 most recently updated; more with --limit\n')).toBe(true);
  });

  it('none', () => {
    expect(renderIncidents([], { status: 'open', more: false, limit: 100 })).toBe('no open incident\n');
    expect(renderIncidents([], { status: 'all', more: false, limit: 100 })).toBe('no incident\n');
  });
});

describe('renderWindows', () => {
  it('a row per window with the missing share and type errors over its features, then the totals', () => {
    const text = renderWindows({
      modelId: 'credit-risk',
      modelVersion: null,
      from: '2026-12-03T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
      windows: [
        {
          modelVersion: '1',
          start: '2026-12-03T17:00:00.000Z',
          end: '2026-12-03T17:05:00.000Z',
          eventCount: 400,
          lateCount: 3,
          closedAt: null,
          features: [
            { feature: 'income', count: 380, missing: 20, typeErrors: 0 },
            { feature: 'age', count: 390, missing: 0, typeErrors: 10 },
          ],
        },
        { modelVersion: '1', start: '2026-12-03T18:00:00.000Z', end: '2026-12-03T19:00:00.000Z', eventCount: 0, lateCount: 0, closedAt: null, features: [] },
      ],
    });
    const lines = text.split('\n');
    expect(lines.slice(2, 4).map(cells)).toEqual([
      ['2026-12-03 17:00', '5m', '1', '400', '3', '2.5%', '10', '2'],
      ['2026-12-03 18:00', '1h', '1', '0', '0', '-', '0', '0'],
    ]);
    expect(lines.at(-2)).toBe('2 window(s), 400 events, starting in 2026-12-03 00:00 .. 2026-12-04 00:00 UTC');
  });

  it('none in the range', () => {
    expect(renderWindows({ modelId: 'm', modelVersion: '2', from: '2026-12-03T00:00:00.000Z', to: '2026-12-03T01:00:00.000Z', windows: [] })).toBe(
      'no window of m version 2 starting in 2026-12-03 00:00 .. 01:00 UTC\n',
    );
  });
});

const feature = (name: string, drift: Partial<FeatureDriftView['drift']>, kind = 'numeric'): FeatureDriftView => ({
  name,
  kind,
  importance: 0.2,
  drift: { detected: false, method: 'psi', value: 0, threshold: 0.1, severity: null, ...drift },
  missingRate: 0,
  newCategoryShare: 0,
});

describe('drift order', () => {
  it('compares distances and p-values by how far past their threshold they are', () => {
    expect(driftRatio(feature('a', { method: 'psi', value: 0.3, threshold: 0.1 }))).toBeCloseTo(3);
    expect(driftRatio(feature('b', { method: 'ks', value: 0.01, threshold: 0.05 }))).toBeCloseTo(5);
    expect(driftRatio(feature('c', { method: 'chiSquare', value: 0, threshold: 0.05 }))).toBe(Infinity);
    expect(driftRatio(feature('d', { method: 'ks', value: 0.5, threshold: 0.05 }))).toBeCloseTo(0.1);
    expect(driftRatio(feature('e', { value: null, detected: true }))).toBe(Infinity);
    expect(driftRatio(feature('f', { value: null }))).toBe(-1);
  });

  it('drifted first, critical before warning, then by ratio, then by name', () => {
    const order = sortByDrift([
      feature('quiet-b', { value: 0.01 }),
      feature('warned', { method: 'ks', value: 0.0001, threshold: 0.05, detected: true, severity: 'warning' }),
      feature('quiet-a', { value: 0.01 }),
      feature('critical', { value: 0.2, detected: true, severity: 'critical' }),
      feature('close', { method: 'ks', value: 0.06, threshold: 0.05 }),
      feature('uncomputable', { value: null }),
    ]).map((f) => f.name);
    expect(order).toEqual(['critical', 'warned', 'close', 'quiet-a', 'quiet-b', 'uncomputable']);
  });
});

describe('renderDrift', () => {
  it('the window, the dataset verdict, the features by drift and the findings', () => {
    const evaluation: DriftEvaluationView = {
      evaluationId: 'e1',
      modelVersion: '3',
      granularity: 'window',
      windowStart: '2026-12-03T17:00:00.000Z',
      windowEnd: '2026-12-03T17:01:00.000Z',
      evaluatedAt: '2026-12-03T17:01:12.000Z',
      baselineId: 'train-2026-11',
      eventCount: 2000,
      judged: true,
      dataset: { driftShare: 0.5, threshold: 0.5, detected: true },
      features: [
        feature('region', { method: 'jensenShannon', value: 0.02 }, 'categorical'),
        feature('income', { method: 'wasserstein', value: 0.000012, threshold: 0.1 }),
        feature('returning_customer', { method: 'twoProportionZ', value: 1e-9, threshold: 0.05, detected: true, severity: 'warning' }, 'boolean'),
        feature('amount', { method: 'psi', value: 3.2, threshold: 0.1, detected: true, severity: 'critical' }),
      ],
      findings: [{ kind: 'data_drift', feature: 'amount', severity: 'critical', message: 'amount: PSI 3.2 ≥ 0.1 (critical)' }],
    };
    expect(renderDrift('credit-risk', evaluation)).toBe(
      [
        'drift of credit-risk version 3, window 2026-12-03 17:00 .. 17:01 UTC',
        '2000 events, judged 2026-12-03 17:01:12, baseline train-2026-11',
        'dataset drift: DETECTED (2 of 4 features drifted, share 0.5 ≥ 0.5)',
        '',
        'feature             kind  method           score  threshold  decision',
        '------------------  ----  --------------  ------  ---------  --------------',
        'amount              num   psi                3.2        0.1  DRIFT critical',
        'returning_customer  bool  twoProportionZ  1.0e-9       0.05  DRIFT warning',
        'region              cat   jensenShannon     0.02        0.1  ok',
        'income              num   wasserstein     1.2e-5        0.1  ok',
        '',
        'findings:',
        '  amount: PSI 3.2 ≥ 0.1 (critical)',
        '',
      ].join('\n'),
    );
  });
});
