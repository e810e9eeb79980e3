/** What the silence timer knows of one model version. */
export interface VersionActivity {
  modelId: string;
  modelVersion: string;
  hasBaseline: boolean;
  /** Processing time (the aggregator's clock) of the last window close; null if none closed yet. */
  lastClosedAt: number | null;
  /** Event-time end of the last window, for the evidence; null without windows. */
  lastWindowEnd: number | null;
}

/** A model as the silence timer judges it: all its versions together. */
export interface ModelActivity {
  modelId: string;
  /** The version whose window closed last: the silence evaluation is published under it. */
  modelVersion: string;
  lastClosedAt: number;
  lastWindowEnd: number | null;
}

export interface SilenceTiming {
  windowMs: number;
  /** Grace, out-of-orderness and idle-close delays: how late a close may come after traffic. */
  slackMs: number;
  /** A model whose last close is older than this is retired, not silent. */
  lookbackMs: number;
}

export interface SilentSlot {
  start: number;
  end: number;
}

/**
 * Folds versions into models: a model whose traffic moved to a new version is not silent, so
 * the last close of any of its versions counts. Only models with a baseline on some version and
 * at least one closed window are watched (a model never seen sending has not stopped).
 */
export function modelActivity(versions: readonly VersionActivity[]): ModelActivity[] {
  const watched = new Set(versions.filter((v) => v.hasBaseline).map((v) => v.modelId));
  const byModel = new Map<string, ModelActivity>();
  for (const v of versions) {
    if (!watched.has(v.modelId) || v.lastClosedAt === null) continue;
    const seen = byModel.get(v.modelId);
    const lastWindowEnd = maxOrNull(seen?.lastWindowEnd ?? null, v.lastWindowEnd);
    if (!seen || v.lastClosedAt > seen.lastClosedAt) {
      byModel.set(v.modelId, { modelId: v.modelId, modelVersion: v.modelVersion, lastClosedAt: v.lastClosedAt, lastWindowEnd });
    } else {
      seen.lastWindowEnd = lastWindowEnd;
    }
  }
  return [...byModel.values()].sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
}

/**
 * The silence rule, on processing time: a model is silent when none of its windows CLOSED for
 * more than `afterWindows` window sizes plus the slack, by the clock, whatever the event times
 * of its windows (backfilled data and an aggregator catching up after an outage have windows
 * hours old in event time while they close right now). Returns the clock slot to report: the
 * last whole window-size slot before `now`, or null when the model is not silent or retired.
 * A slot that would start before the last window's event-time end is not reported yet: in real
 * time that window covers it (and the alerter would drop such a silence as stale).
 */
export function silentSlot(model: ModelActivity, afterWindows: number, now: number, timing: SilenceTiming): SilentSlot | null {
  const quiet = now - model.lastClosedAt;
  if (quiet > timing.lookbackMs) return null;
  if (quiet <= afterWindows * timing.windowMs + timing.slackMs) return null;
  const end = Math.floor(now / timing.windowMs) * timing.windowMs;
  const start = end - timing.windowMs;
  if (model.lastWindowEnd !== null && start < model.lastWindowEnd) return null;
  return { start, end };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
