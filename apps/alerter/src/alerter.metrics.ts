import { isPerformanceEvaluation } from '@driftwatch/alerting';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import type { OpenIncidentCount } from '@driftwatch/store';
import { Counter, Gauge, register, type Metric } from 'prom-client';

// The default registry, so the api's /metrics (or the alerter's own in distributed mode) shows
// these without wiring. Created once per process: the standalone app and tests may build several
// alerter instances.
function singleton<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

type Labels = Record<string, string>;

export const WEBHOOK_OUTCOMES = ['delivered', 'failed'] as const;
export const WEBHOOK_ATTEMPT_RESULTS = ['delivered', 'retry', 'failed', 'refused'] as const;

/** The drift series one model version currently exports, to remove exactly those when they retire. */
interface VersionSeries {
  /** Start of the newest judged window seen for the version. */
  windowStart: number;
  score: Map<string, Labels>;
  drifted: Map<string, Labels>;
  share: Map<string, Labels>;
}

interface ModelSeries {
  /** `topic:partition` the model's evaluations came from: the series move with the partition. */
  partition: string;
  versions: Map<string, VersionSeries>;
}

const labelKey = (labels: Labels) => JSON.stringify(labels);

/**
 * A model version's drift and performance series retire when the model's newest window (of that
 * kind) is this much event time past the version's own newest one (the version stopped serving or
 * being labelled, or was replaced), and beyond the MAX_SERIES_VERSIONS most recently evaluated
 * versions of a model: versions live together (canary, shadow) each keep their series, and the
 * number of series per model stays bounded.
 */
export const VERSION_SERIES_RETIRE_MS = 24 * 3600_000;
export const MAX_SERIES_VERSIONS = 4;
/** The same horizon for the performance series (issue 8's names). */
export const PERFORMANCE_RETIRE_MS = VERSION_SERIES_RETIRE_MS;
export const MAX_PERFORMANCE_VERSIONS = MAX_SERIES_VERSIONS;

/** The performance series one model version currently exports. */
interface VersionPerformance {
  /** Start of the newest performance window seen for the version. */
  windowStart: number;
  value: Labels | null;
  baseline: Labels | null;
  coverage: Labels;
}

interface ModelPerformance {
  partition: string;
  versions: Map<string, VersionPerformance>;
}

/**
 * The alerter's Prometheus metrics (docs/architecture.md "Prometheus metrics").
 *
 * Label sets stay bounded: the drift gauges of a model version show exactly the series of its
 * latest judged window evaluation. Versions live together (canary, shadow) each keep their own
 * series, so they do not swap every window; a version's series go VERSION_SERIES_RETIRE_MS of
 * event time after its last judged window and beyond MAX_SERIES_VERSIONS per model. When a
 * feature is no longer in a version's evaluation (retired, vanished) or a metric is no longer
 * computed for it, the series of the old (feature, method) are removed, not left at their last
 * value. The series of a model also go when its partition moves to another alerter (that one
 * exports them from then on). Rollup evaluations do not touch the gauges: they would make the
 * same series jump between minute and hourly values. `driftwatch_incidents_open` (per model
 * version) is re-read from the store, so resolved incidents leave it, and it survives restarts;
 * with several alerters each exports the same totals (aggregate with max, not sum).
 *
 * Performance gauges (driftwatch_model_performance, _baseline, driftwatch_label_coverage) come
 * from performance evaluations only, never touch the drift series (nor the other way round), and
 * are kept per model version, because versions are labelled side by side (canary, shadow): a
 * version's series go VERSION_SERIES_RETIRE_MS of event time after its last performance window,
 * beyond MAX_SERIES_VERSIONS per model, and with the model's partition.
 */
export class AlerterMetrics {
  readonly driftScore = singleton(
    'driftwatch_feature_drift_score',
    () =>
      new Gauge({
        name: 'driftwatch_feature_drift_score',
        help: 'Drift metric of a feature in the latest judged window, by method (psi, jensenShannon, wasserstein, …; a test as <method>PValue for its p-value, e.g. ksPValue, and <method> for its statistic).',
        labelNames: ['model', 'model_version', 'feature', 'method'],
      }),
  );
  readonly featureDrifted = singleton(
    'driftwatch_feature_drifted',
    () =>
      new Gauge({
        name: 'driftwatch_feature_drifted',
        help: '1 when the policy judged the feature drifted in the latest judged window, else 0.',
        labelNames: ['model', 'model_version', 'feature'],
      }),
  );
  readonly datasetDriftShare = singleton(
    'driftwatch_dataset_drift_share',
    () =>
      new Gauge({
        name: 'driftwatch_dataset_drift_share',
        help: 'Share of drifted features in the latest judged window (0..1).',
        labelNames: ['model', 'model_version'],
      }),
  );
  readonly modelPerformance = singleton(
    'driftwatch_model_performance',
    () =>
      new Gauge({
        name: 'driftwatch_model_performance',
        help: 'Value of the performance metric the policy watches (metric label: rocAuc, accuracy, rmse, …) in the latest judged performance window of a model version.',
        labelNames: ['model', 'model_version', 'metric'],
      }),
  );
  readonly modelPerformanceBaseline = singleton(
    'driftwatch_model_performance_baseline',
    () =>
      new Gauge({
        name: 'driftwatch_model_performance_baseline',
        help: "The baseline's value of the watched performance metric that driftwatch_model_performance is judged against (same labels).",
        labelNames: ['model', 'model_version', 'metric'],
      }),
  );
  readonly labelCoverage = singleton(
    'driftwatch_label_coverage',
    () =>
      new Gauge({
        name: 'driftwatch_label_coverage',
        help: 'Share of the predictions of the latest performance window of a model version that have a label (0..1).',
        labelNames: ['model', 'model_version'],
      }),
  );
  readonly incidentsOpen = singleton(
    'driftwatch_incidents_open',
    () =>
      new Gauge({
        name: 'driftwatch_incidents_open',
        help: 'Open incidents, by model, model version, kind and severity.',
        labelNames: ['model', 'model_version', 'kind', 'severity'],
      }),
  );
  readonly webhookDeliveries = singleton(
    'driftwatch_webhook_deliveries_total',
    () =>
      new Counter({
        name: 'driftwatch_webhook_deliveries_total',
        help: 'Incident events delivered to a webhook destination, by destination name, destination_id and outcome (delivered, failed = dead-lettered after retries).',
        labelNames: ['destination', 'destination_id', 'outcome'],
      }),
  );
  readonly webhookAttempts = singleton(
    'driftwatch_webhook_attempts_total',
    () =>
      new Counter({
        name: 'driftwatch_webhook_attempts_total',
        help: 'Webhook HTTP attempts by destination name, destination_id and result (delivered, retry, failed, refused = address policy or open circuit, nothing sent).',
        labelNames: ['destination', 'destination_id', 'result'],
      }),
  );
  readonly evaluations = singleton(
    'driftwatch_alerter_evaluations_total',
    () =>
      new Counter({
        name: 'driftwatch_alerter_evaluations_total',
        help: 'Evaluations consumed by the alerter, by outcome (applied, revised: a re-evaluated window corrected, duplicate, stale, invalid).',
        labelNames: ['outcome'],
      }),
  );
  readonly incidentEvents = singleton(
    'driftwatch_incident_events_total',
    () =>
      new Counter({
        name: 'driftwatch_incident_events_total',
        help: 'Incident lifecycle events published, by kind and event type.',
        labelNames: ['kind', 'event_type'],
      }),
  );

  private readonly models = new Map<string, ModelSeries>();
  private readonly performance = new Map<string, ModelPerformance>();

  /** Sets the drift (or performance) gauges of a model from its evaluation, removing the series that retired. */
  observeEvaluation(evaluation: EvaluationMessage, partition: string): void {
    if (evaluation.granularity !== 'window') return;
    if (isPerformanceEvaluation(evaluation)) {
      this.observePerformance(evaluation, partition);
      return;
    }
    const model = evaluation.modelId;
    const series = this.models.get(model) ?? { partition, versions: new Map<string, VersionSeries>() };
    series.partition = partition;
    this.models.set(model, series);
    // An unjudged window (too few events) says nothing about drift: the last judged values stay.
    if (!evaluation.judged) return;
    const version = evaluation.modelVersion;
    const previous = series.versions.get(version);
    // The alerter applies windows in order per version; a recomputed older window must not overwrite a newer one.
    if (previous && evaluation.windowStart < previous.windowStart) return;
    const next: VersionSeries = { windowStart: evaluation.windowStart, score: new Map(), drifted: new Map(), share: new Map() };
    const values: [Gauge, Labels, number][] = [];
    const add = (gauge: Gauge, into: Map<string, Labels>, labels: Labels, value: number) => {
      into.set(labelKey(labels), labels);
      values.push([gauge, labels, value]);
    };
    for (const f of evaluation.features) {
      const scores: Record<string, number | null> = { ...f.metrics };
      if (f.drift.method && !(f.drift.method in scores)) scores[f.drift.method] = f.drift.value;
      for (const [method, value] of Object.entries(scores)) {
        // null is "infinite or not computable": no sample rather than a made-up number.
        if (value === null || !Number.isFinite(value)) continue;
        add(this.driftScore, next.score, { model, model_version: version, feature: f.name, method }, value);
      }
      add(this.featureDrifted, next.drifted, { model, model_version: version, feature: f.name }, f.drift.detected ? 1 : 0);
    }
    if (Number.isFinite(evaluation.dataset.driftShare)) {
      add(this.datasetDriftShare, next.share, { model, model_version: version }, evaluation.dataset.driftShare);
    }
    if (previous) this.removeRetired(previous, next);
    for (const [gauge, labels, value] of values) gauge.set(labels, value);
    series.versions.set(version, next);
    for (const gone of retiredVersions(series.versions)) {
      this.removeRetired(series.versions.get(gone)!, emptySeries());
      series.versions.delete(gone);
    }
  }

  /** Drops the drift and performance series of models whose evaluations come from partitions this process no longer owns. */
  keepPartitions(owned: ReadonlySet<string>): void {
    for (const [model, series] of this.models) {
      if (owned.has(series.partition)) continue;
      for (const v of series.versions.values()) this.removeRetired(v, emptySeries());
      this.models.delete(model);
    }
    for (const [model, perf] of this.performance) {
      if (owned.has(perf.partition)) continue;
      for (const v of perf.versions.values()) this.removeVersion(v);
      this.performance.delete(model);
    }
  }

  /**
   * Performance gauges, per model version: coverage from every performance window (low coverage is
   * what leaves a window unjudged, so it must show then too), the watched metric and its baseline
   * only from judged ones (a handful of labels says nothing; the last judged value stays). Only
   * the watched metric is exported, so a model version has at most three series.
   */
  private observePerformance(evaluation: EvaluationMessage, partition: string): void {
    const evidence = evaluation.performance;
    if (!evidence) return;
    const model = evaluation.modelId;
    const version = evaluation.modelVersion;
    const perf = this.performance.get(model) ?? { partition, versions: new Map<string, VersionPerformance>() };
    perf.partition = partition;
    this.performance.set(model, perf);
    const previous = perf.versions.get(version);
    // The alerter applies performance evaluations in window order per model; a recomputed older window must not overwrite a newer one.
    if (previous && evaluation.windowStart < previous.windowStart) return;
    const coverage = { model, model_version: version };
    const next: VersionPerformance = { windowStart: evaluation.windowStart, value: previous?.value ?? null, baseline: previous?.baseline ?? null, coverage };
    this.labelCoverage.set(coverage, evidence.coverage);
    if (evaluation.judged) {
      const labels = { model, model_version: version, metric: evidence.metric };
      // The watched metric may change with the policy: the old metric's series go.
      if (previous?.value && labelKey(previous.value) !== labelKey(labels)) this.modelPerformance.remove(previous.value);
      if (previous?.baseline && labelKey(previous.baseline) !== labelKey(labels)) this.modelPerformanceBaseline.remove(previous.baseline);
      next.value = this.setOrRemove(this.modelPerformance, labels, evidence.value);
      next.baseline = this.setOrRemove(this.modelPerformanceBaseline, labels, evidence.baselineValue);
    }
    perf.versions.set(version, next);
    this.retireVersions(perf);
  }

  /** null is "not computable" (e.g. ROC AUC of one class): no sample rather than a made-up number. */
  private setOrRemove(gauge: Gauge, labels: Labels, value: number | null): Labels | null {
    if (value === null || !Number.isFinite(value)) {
      gauge.remove(labels);
      return null;
    }
    gauge.set(labels, value);
    return labels;
  }

  private retireVersions(perf: ModelPerformance): void {
    for (const gone of retiredVersions(perf.versions)) {
      this.removeVersion(perf.versions.get(gone)!);
      perf.versions.delete(gone);
    }
  }

  private removeVersion(v: VersionPerformance): void {
    if (v.value) this.modelPerformance.remove(v.value);
    if (v.baseline) this.modelPerformanceBaseline.remove(v.baseline);
    this.labelCoverage.remove(v.coverage);
  }

  /**
   * A destination's delivery and attempt series at 0 as soon as it is known (read from the
   * store), so its first failure shows in increase(); a renamed destination starts new series.
   */
  zeroDestinations(destinations: readonly { id: string; name: string }[]): void {
    for (const d of destinations) {
      for (const outcome of WEBHOOK_OUTCOMES) this.webhookDeliveries.inc({ destination: d.name, destination_id: d.id, outcome }, 0);
      for (const result of WEBHOOK_ATTEMPT_RESULTS) this.webhookAttempts.inc({ destination: d.name, destination_id: d.id, result }, 0);
    }
  }

  /** Replaces every driftwatch_incidents_open series with the store's counts. */
  setOpenIncidents(counts: readonly OpenIncidentCount[]): void {
    this.incidentsOpen.reset();
    for (const c of counts) this.incidentsOpen.set({ model: c.modelId, model_version: c.modelVersion, kind: c.kind, severity: c.severity }, c.count);
  }

  countIncidentEvents(events: readonly IncidentEvent[]): void {
    for (const e of events) this.incidentEvents.inc({ kind: e.kind, event_type: e.eventType });
  }

  private removeRetired(previous: VersionSeries, next: VersionSeries): void {
    const pairs: [Gauge, Map<string, Labels>, Map<string, Labels>][] = [
      [this.driftScore, previous.score, next.score],
      [this.featureDrifted, previous.drifted, next.drifted],
      [this.datasetDriftShare, previous.share, next.share],
    ];
    for (const [gauge, before, after] of pairs) {
      for (const [key, labels] of before) if (!after.has(key)) gauge.remove(labels);
    }
  }
}

function emptySeries(): VersionSeries {
  return { windowStart: 0, score: new Map(), drifted: new Map(), share: new Map() };
}

/** The versions to retire: too far behind the model's newest window, or beyond the most recent MAX_SERIES_VERSIONS. */
function retiredVersions(versions: ReadonlyMap<string, { windowStart: number }>): string[] {
  const byRecency = [...versions.entries()].sort((a, b) => b[1].windowStart - a[1].windowStart);
  const newest = byRecency[0]?.[1].windowStart ?? 0;
  return byRecency.filter(([, v], i) => i >= MAX_SERIES_VERSIONS || newest - v.windowStart > VERSION_SERIES_RETIRE_MS).map(([version]) => version);
}
