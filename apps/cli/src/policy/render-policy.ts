import type { EffectivePolicy, PolicyView } from './policy-view';

const AUTO_NUMERIC = 'auto (≤ 1000 baseline rows: KS p ≤ 0.05, else Wasserstein ≥ 0.1)';
const AUTO_CATEGORICAL = 'auto (≤ 1000 baseline rows: chi-square p < 0.05, else Jensen–Shannon ≥ 0.1)';

function rule(r: EffectivePolicy['drift']['numeric'], auto: string): string {
  if (r.method === 'auto') return auto;
  const levels = [r.threshold === null ? 'default threshold' : `threshold ${r.threshold}`, r.critical === null ? 'default critical' : `critical ${r.critical}`];
  return `${r.method}, ${levels.join(', ')}`;
}

/** A policy as a person reads it: one line per section, then per-feature settings. */
export function renderPolicy(view: PolicyView): string {
  const p = view.effective;
  const rows: Array<[string, string]> = [
    ['minimum window', `${p.minWindowEvents} events (smaller windows are not judged)`],
    ['drift, numeric', rule(p.drift.numeric, AUTO_NUMERIC)],
    ['drift, categorical', rule(p.drift.categorical, AUTO_CATEGORICAL)],
    [
      'drift, alarm rate',
      p.drift.falseAlarmRate === null
        ? 'not calibrated: the thresholds alone decide'
        : `at most ${p.drift.falseAlarmRate} false incident(s) per 30 days: drift must exceed a clean window's noise at that rate`,
    ],
    ['importance', `top feature ≥ ${p.importance.critical} of the total: critical; others at most ${p.importance.minorMaxSeverity}`],
    ['missing values', `increase > ${p.missing.increase} (critical > ${p.missing.critical})`],
    ['new categories', `share > ${p.newCategory.share} (critical > ${p.newCategory.critical})`],
    ['type errors', `rate > ${p.typeErrors.rate} (critical > ${p.typeErrors.critical})`],
    ['out of range', `share > ${p.outOfRange.share} (critical > ${p.outOfRange.critical}); mean ratio ≥ ${p.outOfRange.ratio}× either way: critical`],
    ['schema', `unknown feature: ${p.schema.unknownSeverity}; vanished feature: ${p.schema.vanishedSeverity}`],
    ['dataset drift', `≥ ${p.dataset.share} of features (correction: ${p.dataset.correction}): ${p.dataset.severity}`],
    ['silence', `fewer than ${p.silence.minEvents} events, or no window for ${p.silence.afterWindows} window sizes: ${p.silence.severity}`],
    ['incidents', `open after ${p.alerting.openAfter} bad, resolve after ${p.alerting.resolveAfter} clean, re-notify after ${p.alerting.cooldownSeconds} s`],
    ['rollup', p.rollup.enabled ? `every ${p.rollup.bucketSeconds} s` : 'off'],
    ['drift reference', reference(p)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `policy of ${view.modelId} (${view.updatedAt === null ? 'defaults: none stored' : `updated ${view.updatedAt}`})`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  const features = Object.entries(p.features);
  if (features.length > 0) {
    lines.push('  features:');
    const fw = Math.max(...features.map(([name]) => name.length));
    for (const [name, f] of features) {
      const parts = [
        f.ignore ? 'ignored' : undefined,
        f.method === undefined ? undefined : `method ${f.method}`,
        f.threshold === undefined ? undefined : `threshold ${f.threshold}`,
        f.critical === undefined ? undefined : `critical ${f.critical}`,
        f.importance === undefined ? undefined : `importance ${f.importance}`,
      ].filter((s): s is string => s !== undefined);
      lines.push(`    ${name.padEnd(fw)}  ${parts.join(', ')}`);
    }
  }
  if (view.updatedAt !== null) lines.push(`overrides: ${JSON.stringify(view.policy)}`);
  return `${lines.join('\n')}\n`;
}

function reference(p: EffectivePolicy): string {
  // A server older than the option answers without the section.
  const r = (p as Partial<EffectivePolicy>).reference;
  if (!r || r.mode === 'baseline') return 'the baseline';
  const { mode, lagSeconds, minEvents } = r;
  const span = `the same span ${lagSeconds} s earlier`;
  const fallback = `when it holds ${minEvents}+ events, else the baseline alone`;
  return mode === 'lagged' ? `${span}, ${fallback}` : `drift only where the baseline and ${span} both say so; that span ${fallback}`;
}
