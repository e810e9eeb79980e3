import type { BaselineFeature, EvaluationMessage, FeatureHistogram, WindowAggregate } from '@driftwatch/contracts';
import { seededRandom } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import type { PolicyOverrides } from '../policy/policy.types';
import { WINDOW_START, makeBaseline, makeWindow } from '../testing/fixture.test-util';
import { evaluateWindow } from './evaluate-window';
import { chooseLaggedReference, laggedBaseline, laggedSpan } from './lagged-reference';

// A model with a daily rhythm: by day amounts are high and most orders come from stores, at
// night amounts are low and most come from the web. The baseline was taken over whole days
// (two thirds day, one third night), so every night window differs from it.
const EDGES = [10, 20, 30, 40, 50, 60, 70, 80, 90];
const MIDS = [5, 15, 25, 35, 45, 55, 65, 75, 85, 95];
const DAY = [0, 0.02, 0.03, 0.05, 0.1, 0.2, 0.25, 0.2, 0.1, 0.05];
const NIGHT = [0.1, 0.25, 0.3, 0.2, 0.1, 0.03, 0.02, 0, 0, 0];
const CHANNELS = ['store', 'web', 'phone'];
const DAY_CHANNELS = [0.7, 0.2, 0.1];
const NIGHT_CHANNELS = [0.1, 0.85, 0.05];
const ALL_DAY = DAY.map((d, i) => (2 * d + NIGHT[i]) / 3);
const ALL_DAY_CHANNELS = DAY_CHANNELS.map((d, i) => (2 * d + NIGHT_CHANNELS[i]) / 3);
const NOW = Date.UTC(2026, 10, 26, 3, 2);
const NIGHT_START = Date.UTC(2026, 10, 26, 3, 0);
const WEEK_MS = 7 * 86_400_000;

function draw(shares: number[], n: number, seed: number): number[] {
  const rnd = seededRandom(seed);
  const cumulative = shares.map((_, i) => shares.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const counts = shares.map(() => 0);
  for (let k = 0; k < n; k++) {
    const u = rnd.uniform() * cumulative[cumulative.length - 1];
    counts[Math.max(0, cumulative.findIndex((c) => u < c))]++;
  }
  return counts;
}

function baselineFeatures(rows: number): BaselineFeature[] {
  const bins = ALL_DAY.map((s) => Math.round(s * rows));
  const count = bins.reduce((a, b) => a + b, 0);
  const mean = bins.reduce((s, c, i) => s + c * MIDS[i], 0) / count;
  const variance = bins.reduce((s, c, i) => s + c * (MIDS[i] - mean) ** 2, 0) / count;
  return [
    { name: 'amount', kind: 'numeric', edges: EDGES, binCounts: bins, categories: {}, count, missing: 0, min: 0, max: 100, mean, std: Math.sqrt(variance), median: 50, importance: 0.6 },
    {
      name: 'channel',
      kind: 'categorical',
      edges: [],
      binCounts: [],
      categories: Object.fromEntries(CHANNELS.map((c, i) => [c, Math.round(ALL_DAY_CHANNELS[i] * rows)])),
      count: rows,
      missing: 0,
      min: null,
      max: null,
      mean: null,
      std: null,
      median: null,
      importance: 0.4,
    },
  ];
}

/** A window (or a lagged span) of `n` events drawn from the given amount and channel shares. */
function sample(amount: number[], channels: number[], n: number, seed: number, o: { start?: number; sizeMs?: number; baselineId?: string; missing?: number } = {}): WindowAggregate {
  const bins = draw(amount, n, seed);
  const sum = bins.reduce((s, c, i) => s + c * MIDS[i], 0);
  const sumSq = bins.reduce((s, c, i) => s + c * MIDS[i] ** 2, 0);
  const missing = o.missing ?? 0;
  const hist = (h: Partial<FeatureHistogram> & { feature: string }): FeatureHistogram => ({
    baselineId: o.baselineId ?? 'b1',
    count: n,
    missing,
    typeErrors: 0,
    bins: [],
    fineBins: [],
    categories: {},
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    min: null,
    max: null,
    sum: 0,
    sumSq: 0,
    ...h,
  });
  const channelCounts = draw(channels, n, seed + 1);
  return makeWindow(
    [
      hist({ feature: 'amount', bins, min: MIDS[bins.findIndex((c) => c > 0)], max: MIDS[bins.length - 1 - [...bins].reverse().findIndex((c) => c > 0)], sum, sumSq }),
      hist({ feature: 'channel', categories: Object.fromEntries(CHANNELS.map((c, i) => [c, channelCounts[i]]).filter(([, k]) => (k as number) > 0)) }),
    ],
    n + missing,
    o.start ?? NIGHT_START,
    o.sizeMs ?? 60_000,
  );
}

const baseline = makeBaseline(baselineFeatures(30_000), 30_000);

function judge(window: WindowAggregate, lagged: WindowAggregate | null, overrides: PolicyOverrides = {}): EvaluationMessage {
  const policy = mergePolicy(overrides);
  const span = laggedSpan(window.windowStart, window.windowEnd, policy);
  return evaluateWindow({ baseline, window, policy, now: NOW, lagged: chooseLaggedReference(baseline, lagged, span, policy) });
}

const driftKinds = (m: EvaluationMessage) =>
  m.findings
    .filter((f) => ['data_drift', 'prediction_drift', 'dataset_drift'].includes(f.kind))
    .map((f) => `${f.kind}${f.feature ? `:${f.feature}` : ''}`)
    .sort();

// 03:00 tonight against 03:00 a week ago: the same night, another sample of it.
const nightWindow = sample(NIGHT, NIGHT_CHANNELS, 1000, 11);
const lastWeeksNight = sample(NIGHT, NIGHT_CHANNELS, 2000, 23, { start: NIGHT_START - WEEK_MS });

describe('lagged references (week over week)', () => {
  it('judges a night window drifted against the all-day baseline, as before', () => {
    const m = judge(nightWindow, lastWeeksNight);
    expect(driftKinds(m)).toEqual(['data_drift:amount', 'data_drift:channel', 'dataset_drift']);
    // The default mode is the baseline: the evaluation is what it was before the option.
    expect(m.reference).toBeUndefined();
    expect(m).toEqual(evaluateWindow({ baseline, window: nightWindow, policy: mergePolicy({}), now: NOW }));
  });

  it.each(['lagged', 'both'] as const)('does not judge the same night drifted against last week with mode %s, and says what judged', (mode) => {
    const m = judge(nightWindow, lastWeeksNight, { reference: { mode } });
    expect(driftKinds(m)).toEqual([]);
    expect(m.features.map((f) => f.drift.detected)).toEqual([false, false]);
    expect(m.dataset.detected).toBe(false);
    expect(m.reference).toEqual({ kind: mode, from: NIGHT_START - WEEK_MS, to: NIGHT_START - WEEK_MS + 60_000, eventCount: 2000 });
  });

  it('still judges a real shift at night drifted: it differs from last week too', () => {
    // Tonight's amounts look like the day's and the channels like the baseline's mix.
    const shifted = sample(DAY, ALL_DAY_CHANNELS.map((s, i) => (s + DAY_CHANNELS[i]) / 2), 1000, 31);
    const against = judge(shifted, null);
    expect(driftKinds(against)).toEqual(['data_drift:amount', 'dataset_drift']);
    expect(driftKinds(judge(shifted, lastWeeksNight, { reference: { mode: 'lagged' } }))).toEqual(['data_drift:amount', 'data_drift:channel', 'dataset_drift']);
    // Both: only what both references call drift; the channel mix is close to the baseline's own.
    const both = judge(shifted, lastWeeksNight, { reference: { mode: 'both' } });
    expect(driftKinds(both)).toEqual(['data_drift:amount', 'dataset_drift']);
    expect(both.findings.find((f) => f.kind === 'data_drift')).toEqual(against.findings.find((f) => f.kind === 'data_drift'));
  });

  it('falls back to the baseline when the lagged span is too thin, and says so', () => {
    const thin = sample(NIGHT, NIGHT_CHANNELS, 999, 23, { start: NIGHT_START - WEEK_MS });
    for (const mode of ['lagged', 'both'] as const) {
      const m = judge(nightWindow, thin, { reference: { mode } });
      expect(driftKinds(m)).toEqual(['data_drift:amount', 'data_drift:channel', 'dataset_drift']);
      expect(m.reference).toEqual({ kind: 'baseline', from: NIGHT_START - WEEK_MS, to: NIGHT_START - WEEK_MS + 60_000, eventCount: 999 });
    }
    // The threshold is the policy's: 999 events judge once minEvents allows it.
    expect(driftKinds(judge(nightWindow, thin, { reference: { mode: 'lagged', minEvents: 999 } }))).toEqual([]);
    const none = judge(nightWindow, null, { reference: { mode: 'lagged' } });
    expect(none.reference).toEqual({ kind: 'baseline', from: NIGHT_START - WEEK_MS, to: NIGHT_START - WEEK_MS + 60_000, eventCount: 0 });
  });

  it('falls back to the baseline when the lagged span was binned against another baseline (its bins do not compare)', () => {
    const rebinned = sample(NIGHT, NIGHT_CHANNELS, 2000, 23, { start: NIGHT_START - WEEK_MS, baselineId: 'b0' });
    const m = judge(nightWindow, rebinned, { reference: { mode: 'lagged' } });
    expect(m.reference).toMatchObject({ kind: 'baseline', eventCount: 0 });
    expect(driftKinds(m)).toContain('data_drift:amount');
  });

  it('judges data quality against the baseline whatever the reference', () => {
    // Last week's night had as many missing amounts: still a missing_feature against the baseline.
    const missingTonight = sample(NIGHT, NIGHT_CHANNELS, 1000, 11, { missing: 400 });
    const missingLastWeek = sample(NIGHT, NIGHT_CHANNELS, 2000, 23, { start: NIGHT_START - WEEK_MS, missing: 800 });
    const m = judge(missingTonight, missingLastWeek, { reference: { mode: 'lagged' } });
    expect(m.findings.filter((f) => f.kind === 'missing_feature').map((f) => f.feature)).toEqual(['amount', 'channel']);
    expect(m.features.map((f) => f.baselineMissingRate)).toEqual([0, 0]);
    expect(driftKinds(m)).toEqual([]);
  });

  it('does not take the reference\'s sampling noise for drift: the calibration resamples it at its size', () => {
    // Clean windows of 5000 night events against clean lagged nights of 1000: PSI with a
    // threshold every pair crosses, so the calibration alone decides, and a generous
    // falseAlarmRate (α about 0.01) so that false alarms can be counted. The lagged sample's own
    // noise is most of the distance (1/5000 + 1/1000 is six times 1/5000): the null resamples the
    // reference at its row count (its summed bins), a reference taken for the truth would let
    // most of these pairs drift.
    const policy: PolicyOverrides = { reference: { mode: 'lagged' }, drift: { falseAlarmRate: 2000, numeric: { method: 'psi', threshold: 0.0001, critical: 0.0002 } } };
    let drifted = 0;
    for (let s = 0; s < 60; s++) {
      const w = sample(NIGHT, NIGHT_CHANNELS, 5000, 1000 + s);
      const l = sample(NIGHT, NIGHT_CHANNELS, 1000, 5000 + s, { start: NIGHT_START - WEEK_MS });
      if (judge(w, l, policy).features[0].drift.detected) drifted++;
    }
    expect(drifted).toBeLessThanOrEqual(3);
  });
});

describe('laggedBaseline', () => {
  it('turns the summed histograms into a reference of the span\'s size, with the baseline\'s importance and scale', () => {
    const ref = laggedBaseline(baseline, lastWeeksNight);
    const amount = ref.features[0];
    const h = lastWeeksNight.features[0];
    expect(ref).toMatchObject({ baselineId: 'b1', rowCount: 2000 });
    expect(ref.performance).toBeUndefined();
    expect(amount).toMatchObject({ edges: EDGES, binCounts: h.bins, count: 2000, missing: 0, min: h.min, max: h.max, importance: 0.6, std: baseline.features[0].std });
    expect(amount.mean).toBeCloseTo(h.sum / 2000, 12);
    expect(ref.features[1]).toMatchObject({ categories: lastWeeksNight.features[1].categories, count: 2000, importance: 0.4 });
  });

  it('leaves a feature the span never saw (or saw on other edges) without counts: undecided, not drifted', () => {
    const partial: WindowAggregate = { ...lastWeeksNight, features: [{ ...lastWeeksNight.features[0], bins: [1, 2, 3] }] };
    const ref = laggedBaseline(baseline, partial);
    expect(ref.features.map((f) => [f.name, f.count])).toEqual([
      ['amount', 0],
      ['channel', 0],
    ]);
    expect(ref.features[0].binCounts).toHaveLength(EDGES.length + 1);
  });
});

describe('laggedSpan', () => {
  it('is the same span lagSeconds earlier', () => {
    expect(laggedSpan(WINDOW_START, WINDOW_START + 3_600_000, mergePolicy({ reference: { lagSeconds: 86_400 } }))).toEqual({
      from: WINDOW_START - 86_400_000,
      to: WINDOW_START - 82_800_000,
    });
  });
});
