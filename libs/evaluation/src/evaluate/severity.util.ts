import type { Severity } from '@driftwatch/contracts';
import type { Policy } from '../policy/policy.types';
import { isTop, type ImportanceView } from './importance';

export interface ImportanceContext {
  view: ImportanceView;
  policy: Policy;
}

/**
 * data_drift and missing_feature: "a drifted or missing top feature is critical while a minor
 * one is a warning". Without any importance the levels decide alone.
 */
export function importanceWeighted(level: Severity, feature: string, ctx: ImportanceContext): Severity {
  if (!ctx.view.known) return level;
  if (isTop(ctx.view, feature, ctx.policy)) return 'critical';
  return lower(level, ctx.policy.importance.minorMaxSeverity);
}

/** Data-quality kinds: the levels decide, and a top feature is always critical. */
export function importanceRaised(level: Severity, feature: string, ctx: ImportanceContext): Severity {
  return isTop(ctx.view, feature, ctx.policy) ? 'critical' : level;
}

function lower(a: Severity, b: Severity): Severity {
  return a === 'warning' || b === 'warning' ? 'warning' : 'critical';
}
