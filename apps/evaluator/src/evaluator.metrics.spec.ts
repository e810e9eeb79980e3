import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EvaluatorMetrics, MAX_BASELINE_AGE_SERIES } from './evaluator.metrics';

async function values(name: string): Promise<{ labels: Record<string, string | number>; value: number; metricName?: string }[]> {
  return (await register.getSingleMetric(name)!.get()).values as { labels: Record<string, string | number>; value: number; metricName?: string }[];
}

describe('EvaluatorMetrics', () => {
  it('starts the evaluation-duration histogram of both granularities at 0 and times evaluations, failures included', async () => {
    const metrics = new EvaluatorMetrics();
    const count = async (granularity: string) =>
      (await values('driftwatch_evaluator_evaluation_duration_seconds')).find((v) => v.metricName?.endsWith('_count') && v.labels.granularity === granularity)?.value;
    expect(await count('rollup')).toBe(0);
    const before = (await count('window')) ?? 0;
    expect(await metrics.timeEvaluation('window', async () => 7)).toBe(7);
    await expect(metrics.timeEvaluation('window', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await count('window')).toBe(before + 2);
  });

  it("exports each model version's baseline age in seconds at scrape time, from the baseline last judged against", async () => {
    const metrics = new EvaluatorMetrics();
    const now = Date.now();
    metrics.observeBaseline('fraud', '3', now - 3_600_000);
    metrics.observeBaseline('fraud', '4', now - 60_000);
    metrics.observeBaseline('fraud', '3', now - 7_200_000);
    const age = Object.fromEntries((await values('driftwatch_baseline_age_seconds')).map((v) => [`${v.labels.model}/${v.labels.model_version}`, v.value]));
    expect(age['fraud/3']).toBeGreaterThanOrEqual(7_200);
    expect(age['fraud/3']).toBeLessThan(7_260);
    expect(age['fraud/4']).toBeGreaterThanOrEqual(60);
    expect(age['fraud/4']).toBeLessThan(120);
  });

  it('keeps at most MAX_BASELINE_AGE_SERIES model versions, dropping the least recently evaluated', async () => {
    const metrics = new EvaluatorMetrics();
    metrics.observeBaseline('oldest', '1', Date.now());
    for (let i = 0; i < MAX_BASELINE_AGE_SERIES; i++) metrics.observeBaseline('many', String(i), Date.now());
    const series = await values('driftwatch_baseline_age_seconds');
    expect(series.length).toBe(MAX_BASELINE_AGE_SERIES);
    expect(series.some((v) => v.labels.model === 'oldest')).toBe(false);
  });
});
