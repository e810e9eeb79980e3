// Driftwatch's report page: the overview of models, one model's drift, and the report of
// `driftwatch compare`. One module for the three: served by the API (it fetches the JSON API),
// and inlined into a self-contained file by the CLI (it reads the JSON blob inlined beside it).
// The loaders (loadOverview, loadModel) take the fetch function as a parameter, so the CLI runs
// the very same ones in Node to collect what a report file inlines. Chart.js is the global
// `Chart` (its UMD build, loaded before this module). Text from the data is always set with
// textContent, never parsed as HTML.

export const DATA_ELEMENT_ID = 'driftwatch-data';
const TOKEN_KEY = 'driftwatch.token';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The picker's ranges, by the key the URL carries (`?range=24h`). */
export const RANGES = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY };
const DEFAULT_RANGE = '24h';
/** Up to this span, the drift history is read per window; beyond, per rollup bucket. */
const WINDOW_HISTORY_MAX_SPAN = 2 * DAY;
/** Categories drawn one by one; the rest are summed into one bar. */
export const MAX_CATEGORIES = 30;
export const OTHER_CATEGORY = '(other)';
const COLORS = { baseline: 'rgba(120, 130, 145, 0.55)', current: 'rgba(37, 99, 235, 0.75)', fresh: 'rgba(234, 88, 12, 0.9)', threshold: '#dc2626', second: '#7c3aed', third: '#059669' };

// ---------------------------------------------------------------------------------------------
// Where the page is: model, time range, version, feature; all in the URL, so links can be shared.

/** The state a URL describes. `now` fixes relative ranges (`?range=1h`) to absolute times. */
export function parseLocation(pathname, search, now) {
  const params = new URLSearchParams(search);
  const match = /^\/models\/([^/]+)\/?$/.exec(pathname);
  const model = match ? decodeURIComponent(match[1]) : null;
  const from = parseInstant(params.get('from'));
  const to = parseInstant(params.get('to'));
  let range;
  if (from !== null && to !== null && from < to) range = { key: 'custom', from, to };
  else {
    const key = Object.hasOwn(RANGES, params.get('range') ?? '') ? params.get('range') : DEFAULT_RANGE;
    range = { key, from: now - RANGES[key], to: now };
  }
  return { model, range, version: params.get('version') || null, feature: params.get('feature') || null };
}

/** The URL of a state: the inverse of parseLocation. */
export function locationOf(state) {
  const params = new URLSearchParams();
  if (state.range.key === 'custom') {
    params.set('from', new Date(state.range.from).toISOString());
    params.set('to', new Date(state.range.to).toISOString());
  } else params.set('range', state.range.key);
  if (state.version) params.set('version', state.version);
  if (state.feature) params.set('feature', state.feature);
  return `${state.model === null ? '/' : `/models/${encodeURIComponent(state.model)}`}?${params}`;
}

function parseInstant(text) {
  if (!text) return null;
  const t = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

// ---------------------------------------------------------------------------------------------
// Loading: what each view needs from the JSON API. `getJson(path)` resolves to the parsed answer.

/** The overview: every model (first page) and the open incidents. */
export async function loadOverview(getJson) {
  const [models, incidents] = await Promise.all([getJson('/api/models?limit=1000'), getJson('/api/incidents?status=open&limit=1000')]);
  return { view: 'overview', models: models.models, openIncidents: incidents.incidents };
}

/** One model over [from, to): its drift history, incidents, windows summed, baseline, performance. */
export async function loadModel(getJson, { model, from, to, version }) {
  const m = encodeURIComponent(model);
  const models = await getJson('/api/models?limit=1000');
  const entry = models.models.find((x) => x.modelId === model);
  if (!entry) throw Object.assign(new Error(`no model ${JSON.stringify(model)}: Driftwatch has seen no event nor baseline of it`), { name: 'ModelNotFound' });
  const versions = [...entry.versions].sort((a, b) => Date.parse(b.lastWindowEnd ?? 0) - Date.parse(a.lastWindowEnd ?? 0));
  const chosen = version ? versions.find((v) => v.modelVersion === version) : (versions[0] ?? null);
  if (chosen === undefined) throw Object.assign(new Error(`model ${JSON.stringify(model)} has no version ${JSON.stringify(version)} (it has ${versions.map((v) => v.modelVersion).join(', ') || 'none'})`), { name: 'ModelNotFound' });
  const v = chosen?.modelVersion ?? null;
  const range = (extra) => new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(v === null ? {} : { version: v }), ...extra });
  const span = to - from;
  const bucket = span <= 31 * DAY ? HOUR : DAY;
  const history = async () => {
    if (span > WINDOW_HISTORY_MAX_SPAN) {
      const rollups = await getJson(`/api/models/${m}/drift?${range({ granularity: 'rollup', limit: '10000' })}`);
      if (rollups.evaluations.length > 0) return rollups;
    }
    return getJson(`/api/models/${m}/drift?${range({ granularity: 'window', limit: '10000' })}`);
  };
  const [drift, incidents, windows, performance, baseline] = await Promise.all([
    history(),
    getJson(`/api/incidents?model=${m}&limit=200`),
    getJson(`/api/models/${m}/windows/rollup?${range({ bucket: String(bucket / 1000), limit: '1000' })}`),
    getJson(`/api/models/${m}/performance?${range({ granularity: 'window', limit: '10000' })}`),
    chosen?.activeBaselineId ? getJson(`/api/models/${m}/versions/${encodeURIComponent(v)}/baselines/active`) : Promise.resolve(null),
  ]);
  return {
    view: 'model',
    model,
    version: v,
    versions: versions.map((x) => x.modelVersion),
    versionInfo: chosen,
    from,
    to,
    evaluations: drift.evaluations,
    incidents: incidents.incidents.filter((i) => v === null || i.modelVersion === v),
    windows: windows.windows,
    performance: performance.windows,
    baseline,
  };
}

// ---------------------------------------------------------------------------------------------
// Histograms: baseline and current in one shape for every source, shares of their totals.

/** Labels of numeric bins from interior edges: below the first, between two, at or above the last. */
export function binLabels(edges) {
  if (edges.length === 0) return ['all'];
  const labels = [`< ${fmt(edges[0])}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${fmt(edges[i - 1])} – ${fmt(edges[i])}`);
  labels.push(`≥ ${fmt(edges[edges.length - 1])}`);
  return labels;
}

/** A numeric feature: counts per bin of the same edges on both sides. */
export function numericPair(edges, referenceCounts, currentCounts) {
  return { labels: binLabels(edges), reference: shares(referenceCounts), current: shares(currentCounts), fresh: edges.concat([0]).map(() => false) };
}

/**
 * A categorical feature: categories of either side, the baseline's first (largest first), then
 * the new ones (flagged); past MAX_CATEGORIES the smallest are summed into OTHER_CATEGORY.
 */
export function categoricalPair(referenceCounts, currentCounts) {
  const known = Object.keys(referenceCounts).filter((c) => referenceCounts[c] > 0);
  const fresh = Object.keys(currentCounts).filter((c) => currentCounts[c] > 0 && !(referenceCounts[c] > 0));
  const refTotal = sum(Object.values(referenceCounts));
  const curTotal = sum(Object.values(currentCounts));
  const share = (counts, total, c) => (total > 0 ? (counts[c] ?? 0) / total : 0);
  const weight = (c) => Math.max(share(referenceCounts, refTotal, c), share(currentCounts, curTotal, c));
  const ordered = [...known.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1)), ...fresh.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))];
  const shown = ordered.length > MAX_CATEGORIES ? [...ordered].sort((a, b) => weight(b) - weight(a)).slice(0, MAX_CATEGORIES - 1) : ordered;
  const kept = new Set(shown);
  const labels = ordered.filter((c) => kept.has(c));
  const pair = {
    labels,
    reference: labels.map((c) => share(referenceCounts, refTotal, c)),
    current: labels.map((c) => share(currentCounts, curTotal, c)),
    fresh: labels.map((c) => !(referenceCounts[c] > 0)),
  };
  if (kept.size < ordered.length) {
    const rest = ordered.filter((c) => !kept.has(c));
    pair.labels.push(OTHER_CATEGORY);
    pair.reference.push(sum(rest.map((c) => share(referenceCounts, refTotal, c))));
    pair.current.push(sum(rest.map((c) => share(currentCounts, curTotal, c))));
    pair.fresh.push(rest.some((c) => !(referenceCounts[c] > 0)));
  }
  return pair;
}

/** Baseline vs the windows of the range summed, for one feature; null when either side has nothing. */
export function modelFeaturePair(data, feature) {
  const base = data.baseline?.features.find((f) => f.name === feature);
  if (!base) return null;
  const bins = new Array(base.binCounts.length).fill(0);
  const categories = {};
  let seen = 0;
  for (const w of data.windows) {
    for (const f of w.features) {
      // Bins refer to the edges of the baseline they were binned against: only that one's add up.
      if (f.feature !== feature || f.baselineId !== data.baseline.baselineId) continue;
      seen += f.count;
      f.bins.forEach((c, i) => (bins[i] = (bins[i] ?? 0) + c));
      for (const [k, c] of Object.entries(f.categories)) categories[k] = (categories[k] ?? 0) + c;
    }
  }
  if (seen === 0) return null;
  return base.kind === 'numeric' ? numericPair([...base.edges], [...base.binCounts], bins) : categoricalPair(base.categories, categories);
}

/** The compare report's histogram of one feature (FeatureComparison.histogram). */
export function comparePair(histogram) {
  if (!histogram) return null;
  if (histogram.kind === 'numeric') return numericPair(histogram.edges, histogram.reference, histogram.current);
  const reference = {};
  const current = {};
  histogram.categories.forEach((c, i) => {
    reference[c] = histogram.reference[i];
    current[c] = histogram.current[i];
  });
  const pair = categoricalPair(reference, current);
  if (histogram.other && (histogram.other.reference > 0 || histogram.other.current > 0)) {
    // Categories the CLI already summed: shares of the sides' totals, as the others.
    const refTotal = sum(histogram.reference) + histogram.other.reference;
    const curTotal = sum(histogram.current) + histogram.other.current;
    const scale = (shares, total, known) => shares.map((s) => (s * known) / total);
    pair.reference = scale(pair.reference, refTotal, sum(histogram.reference));
    pair.current = scale(pair.current, curTotal, sum(histogram.current));
    pair.labels.push(OTHER_CATEGORY);
    pair.reference.push(histogram.other.reference / refTotal);
    pair.current.push(histogram.other.current / curTotal);
    pair.fresh.push(false);
  }
  return pair;
}

function shares(counts) {
  const total = sum(counts);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0);

// ---------------------------------------------------------------------------------------------
// Drift score: the decision value against its threshold, one scale for distances and p-values.

const P_VALUE_METHODS = new Set(['ks', 'chiSquare', 'twoProportionZ', 'andersonDarling', 'cramerVonMises', 'mannWhitney']);

/**
 * 1 at the threshold, above 1 when drifted: a distance over its threshold, or for a p-value
 * log(p) / log(threshold) (so p = threshold² scores 2). null when there is no value.
 */
export function driftScore(method, value, threshold) {
  if (value === null || value === undefined || !Number.isFinite(threshold) || threshold <= 0) return null;
  if (P_VALUE_METHODS.has(method)) return threshold >= 1 ? null : Math.log(Math.max(value, 1e-300)) / Math.log(threshold);
  return value / threshold;
}

/** The rows of the feature table, from one evaluation's features, with the sort key score × importance. */
export function featureRows(evaluation) {
  if (!evaluation) return [];
  const anyImportance = evaluation.features.some((f) => f.importance > 0);
  return evaluation.features.map((f) => {
    const score = driftScore(f.drift.method, f.drift.value, f.drift.threshold);
    // Without importances every feature weighs the same: the order is then the score's.
    const weight = anyImportance ? f.importance : 1;
    return {
      name: f.name,
      kind: f.kind,
      importance: anyImportance ? f.importance : null,
      method: f.drift.method,
      value: f.drift.value,
      threshold: f.drift.threshold,
      detected: f.drift.detected,
      severity: f.drift.severity,
      score,
      weighted: score === null ? null : score * weight,
      missingRate: f.missingRate,
      typeErrorRate: f.typeErrorRate,
      newCategoryShare: f.newCategoryShare,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting and DOM helpers.

export function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

export function pct(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (x === 0) return '0%';
  const p = x * 100;
  return `${Math.abs(p) < 0.1 ? p.toPrecision(1) : Number(p.toPrecision(3))}%`;
}

const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–');

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

function table(headers, rows, attrs = {}) {
  return h('table', attrs, h('thead', {}, h('tr', {}, headers.map((x) => (x instanceof Node ? x : h('th', {}, x))))), h('tbody', {}, rows));
}

const badge = (severity) => h('span', { class: `badge ${severity ?? 'none'}` }, severity ?? 'ok');

// ---------------------------------------------------------------------------------------------
// Charts (Chart.js). Every chart is drawn without animation, so what a screenshot or a test sees
// is the final picture.

const charts = [];

function chartBox(id, title, draw) {
  const canvas = h('canvas', { 'aria-label': title, role: 'img' });
  const box = h('figure', { class: 'chart', id, 'data-chart': id }, h('figcaption', {}, title), h('div', { class: 'canvas-box' }, canvas));
  // Drawn once the box is in the document, so Chart.js knows its size.
  queueMicrotask(() => {
    const chart = draw(canvas);
    charts.push(chart);
    box.dataset.series = String(chart.data.datasets.length);
  });
  return box;
}

function histogramChart(id, title, pair, labels = { reference: 'baseline', current: 'current' }) {
  return chartBox(id, title, (canvas) =>
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: pair.labels.map((l, i) => (pair.fresh[i] ? `${l} (new)` : l)),
        datasets: [
          { label: labels.reference, data: pair.reference, backgroundColor: COLORS.baseline, grouped: false, barPercentage: 0.95, categoryPercentage: 1 },
          { label: labels.current, data: pair.current, backgroundColor: pair.fresh.map((f) => (f ? COLORS.fresh : COLORS.current)), grouped: false, barPercentage: 0.55, categoryPercentage: 1 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => pct(v) } }, x: { ticks: { autoSkip: false, maxRotation: 60 } } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${pct(c.parsed.y)}` } } },
      },
    }),
  );
}

/** A line chart over time; `series`: [{label, points: [[ms, y]], color, dashed?, axis?}]. */
function timeChart(id, title, series, { percent = false, rightAxis = null } = {}) {
  return chartBox(id, title, (canvas) =>
    new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s) => ({
          label: s.label,
          data: s.points.map(([x, y]) => ({ x, y })),
          borderColor: s.color,
          backgroundColor: s.color,
          borderDash: s.dashed ? [6, 4] : undefined,
          pointRadius: s.dashed ? 0 : 2,
          stepped: s.dashed ? 'before' : false,
          yAxisID: s.axis ?? 'y',
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', ticks: { callback: (v) => shortTime(v), maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { callback: (v) => (percent ? pct(v) : fmt(v)) } },
          ...(rightAxis ? { y2: { position: 'right', beginAtZero: true, max: rightAxis.max, grid: { drawOnChartArea: false }, ticks: { callback: (v) => pct(v) } } } : {}),
        },
        plugins: { tooltip: { callbacks: { title: (items) => when(new Date(items[0].parsed.x).toISOString()) } } },
      },
    }),
  );
}

function shortTime(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// ---------------------------------------------------------------------------------------------
// Views.

function overviewView(data, state) {
  const bySeverity = new Map();
  for (const i of data.openIncidents) {
    const counts = bySeverity.get(i.modelId) ?? { critical: 0, warning: 0 };
    counts[i.severity] = (counts[i.severity] ?? 0) + 1;
    bySeverity.set(i.modelId, counts);
  }
  const rows = data.models.map((m) => {
    const last = m.versions.reduce((acc, v) => (v.lastWindowEnd && (!acc || v.lastWindowEnd > acc) ? v.lastWindowEnd : acc), null);
    const open = bySeverity.get(m.modelId) ?? { critical: 0, warning: 0 };
    return h(
      'tr',
      { 'data-model': m.modelId },
      h('td', {}, h('a', { href: locationOf({ ...state, model: m.modelId, version: null, feature: null }) }, m.modelId)),
      h('td', {}, m.versions.map((v) => h('span', { class: 'version' }, v.modelVersion, v.hasBaseline ? '' : ' (no baseline)'))),
      h('td', {}, when(last)),
      h('td', { class: open.critical > 0 ? 'num critical-text' : 'num' }, String(open.critical)),
      h('td', { class: open.warning > 0 ? 'num warning-text' : 'num' }, String(open.warning)),
    );
  });
  return h(
    'section',
    { id: 'overview' },
    h('h2', {}, 'Models'),
    data.models.length === 0
      ? h('p', { class: 'empty' }, 'No model yet: send inference events or store a baseline (see the README, "Try it").')
      : table(['model', 'versions', 'last window end', 'open critical', 'open warning'], rows, { class: 'models' }),
  );
}

function incidentView(i, onFeature) {
  const ev = i.evidence ?? {};
  const sides = [ev.baseline, ev.current];
  const rows = [
    ['values', (s) => String(s.count)],
    ['missing', (s) => pct(s.missingRate)],
    ['type errors', (s) => (s.typeErrors === undefined ? '–' : String(s.typeErrors))],
    ['mean', (s) => fmt(s.mean)],
    ['median', (s) => fmt(s.median)],
    ['min', (s) => fmt(s.min)],
    ['max', (s) => fmt(s.max)],
    ['top categories', (s) => (s.topCategories ? Object.entries(s.topCategories).map(([k, v]) => `${k} ${pct(v)}`).join(', ') : '–')],
  ].filter(([, f]) => sides.some((s) => s && f(s) !== '–'));
  const comparison =
    ev.baseline || ev.current
      ? table(['', 'baseline', 'current'], rows.map(([name, f]) => h('tr', {}, h('th', {}, name), h('td', {}, ev.baseline ? f(ev.baseline) : '–'), h('td', {}, ev.current ? f(ev.current) : '–'))), { class: 'evidence' })
      : null;
  const details = ev.details && Object.keys(ev.details).length > 0 ? h('details', {}, h('summary', {}, 'details'), h('pre', { class: 'details' }, JSON.stringify(ev.details, null, 1))) : null;
  return h(
    'li',
    { class: `incident ${i.status}`, 'data-incident': i.incidentId, 'data-kind': i.kind, 'data-feature': i.feature ?? '' },
    h(
      'div',
      { class: 'incident-head' },
      badge(i.severity),
      h('strong', {}, i.kind),
      i.feature ? h('button', { class: 'link', type: 'button', onclick: () => onFeature(i.feature) }, i.feature) : null,
      h('span', { class: `status ${i.status}` }, i.status),
      h('span', { class: 'muted' }, `v${i.modelVersion} · ${i.granularity} · opened ${when(i.openedAt)} · updated ${when(i.updatedAt)} · ${i.badWindows} bad window${i.badWindows === 1 ? '' : 's'}`),
    ),
    h('p', { class: 'message' }, ev.message ?? ''),
    comparison,
    details,
  );
}

function sortableTable(columns, rows, initial, onRow, attrs) {
  let sort = initial;
  const tbody = h('tbody');
  const heads = columns.map((c) =>
    h('th', { class: c.num ? 'num sortable' : 'sortable', 'data-sort': c.key, onclick: () => {
      sort = { key: c.key, desc: sort.key === c.key ? !sort.desc : c.num === true };
      draw();
    } }, c.title),
  );
  const draw = () => {
    const key = sort.key;
    const sorted = [...rows].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === y) return a.name < b.name ? -1 : 1;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (sort.desc ? -1 : 1);
    });
    heads.forEach((th, i) => th.setAttribute('aria-sort', columns[i].key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'));
    tbody.replaceChildren(...sorted.map((r) => h('tr', { 'data-feature': r.name, class: r.detected ? 'drifted' : '', onclick: onRow ? () => onRow(r.name) : null }, columns.map((c) => h('td', { class: c.num ? 'num' : '' }, c.show(r))))));
  };
  draw();
  return h('table', attrs, h('thead', {}, h('tr', {}, heads)), tbody);
}

function featureTable(rows, onFeature) {
  const columns = [
    { key: 'name', title: 'feature', show: (r) => r.name },
    { key: 'kind', title: 'kind', show: (r) => r.kind },
    { key: 'importance', title: 'importance', num: true, show: (r) => fmt(r.importance) },
    { key: 'method', title: 'method', show: (r) => r.method },
    { key: 'value', title: 'value', num: true, show: (r) => fmt(r.value) },
    { key: 'threshold', title: 'threshold', num: true, show: (r) => fmt(r.threshold) },
    { key: 'score', title: 'drift score', num: true, show: (r) => fmt(r.score) },
    { key: 'weighted', title: 'score × importance', num: true, show: (r) => fmt(r.weighted) },
    { key: 'detected', title: 'drift', show: (r) => (r.detected ? badge(r.severity ?? 'warning') : 'no') },
    { key: 'missingRate', title: 'missing', num: true, show: (r) => pct(r.missingRate) },
    { key: 'typeErrorRate', title: 'type errors', num: true, show: (r) => pct(r.typeErrorRate) },
    { key: 'newCategoryShare', title: 'new categories', num: true, show: (r) => pct(r.newCategoryShare) },
  ];
  return sortableTable(columns, rows, { key: 'weighted', desc: true }, onFeature, { class: 'features', id: 'feature-table' });
}

/** Per evaluation of the range, oldest first: the feature's decision and quality figures. */
function featureSeries(evaluations, feature) {
  const points = [];
  for (const e of evaluations) {
    if (!e.judged) continue;
    const f = e.features.find((x) => x.name === feature);
    if (f) points.push({ t: Date.parse(e.windowEnd), f });
  }
  return points;
}

function featurePanel(data, feature) {
  const series = featureSeries(data.evaluations, feature);
  const pair = modelFeaturePair(data, feature);
  const last = series.at(-1)?.f;
  const method = last?.drift.method ?? '';
  const parts = [h('h3', {}, feature === '@prediction' ? 'Prediction drift' : `Feature ${feature}`, last ? h('span', { class: 'muted' }, ` · ${last.kind} · ${method}`) : null)];
  const charts = [];
  charts.push(pair ? histogramChart(`hist-${feature}`, 'Baseline vs current (the range\'s windows summed)', pair) : h('p', { class: 'empty' }, 'No histogram: no baseline for this feature, or no window in the range binned on the active baseline.'));
  if (series.length > 0) {
    charts.push(
      timeChart(`drift-${feature}`, `Drift (${method}) over time, with its threshold`, [
        { label: method, points: series.map((p) => [p.t, p.f.drift.value]), color: COLORS.current },
        { label: 'threshold', points: series.map((p) => [p.t, p.f.drift.threshold]), color: COLORS.threshold, dashed: true },
      ]),
    );
    charts.push(
      timeChart(
        `quality-${feature}`,
        'Missing and type-error rates over time',
        [
          { label: 'missing', points: series.map((p) => [p.t, p.f.missingRate]), color: COLORS.current },
          { label: 'baseline missing', points: series.map((p) => [p.t, p.f.baselineMissingRate]), color: COLORS.baseline, dashed: true },
          { label: 'type errors', points: series.map((p) => [p.t, p.f.typeErrorRate]), color: COLORS.second },
          ...(series.some((p) => p.f.newCategoryShare > 0) ? [{ label: 'new categories', points: series.map((p) => [p.t, p.f.newCategoryShare]), color: COLORS.fresh }] : []),
        ],
        { percent: true },
      ),
    );
  } else charts.push(h('p', { class: 'empty' }, 'No judged window of this feature in the range.'));
  parts.push(h('div', { class: 'charts' }, charts));
  return h('section', { class: 'feature-panel', id: feature === '@prediction' ? 'prediction-panel' : 'feature-panel', 'data-feature': feature }, parts);
}

function performancePanel(data) {
  const rows = [...data.performance].sort((a, b) => Date.parse(a.windowEnd) - Date.parse(b.windowEnd));
  const withLabels = rows.filter((r) => r.labelled > 0);
  if (withLabels.length === 0) return h('section', { id: 'performance' }, h('h3', {}, 'Performance'), h('p', { class: 'empty' }, 'No labels in the range: performance needs labelled predictions (inference-labels).'));
  const metric = withLabels.at(-1).metric;
  const t = (r) => Date.parse(r.windowEnd);
  return h(
    'section',
    { id: 'performance' },
    h('h3', {}, `Performance (${metric})`),
    h(
      'div',
      { class: 'charts' },
      timeChart(
        'performance-chart',
        `${metric} over time, the baseline's, and label coverage`,
        [
          { label: metric, points: rows.map((r) => [t(r), r.value]), color: COLORS.current },
          { label: `baseline ${metric}`, points: rows.map((r) => [t(r), r.baselineValue]), color: COLORS.threshold, dashed: true },
          { label: 'label coverage', points: rows.map((r) => [t(r), r.coverage]), color: COLORS.third, axis: 'y2' },
        ],
        { rightAxis: { max: 1 } },
      ),
    ),
  );
}

function modelView(data, state, navigate) {
  const judged = data.evaluations.filter((e) => e.judged);
  const latest = judged.at(-1) ?? null;
  const rows = featureRows(latest).filter((r) => r.name !== '@prediction');
  const feature = state.feature && rows.some((r) => r.name === state.feature) ? state.feature : ([...rows].sort((a, b) => (b.weighted ?? -1) - (a.weighted ?? -1))[0]?.name ?? null);
  const selectFeature = (name) => navigate({ ...state, feature: name }, { keepData: true });
  const incidents = [...data.incidents].sort((a, b) => (a.status === b.status ? Date.parse(b.updatedAt) - Date.parse(a.updatedAt) : a.status === 'open' ? -1 : 1));
  const events = data.windows.reduce((n, w) => n + w.eventCount, 0);
  const summary = h(
    'dl',
    { class: 'summary' },
    h('dt', {}, 'version'),
    h('dd', {}, data.version ?? '–'),
    h('dt', {}, 'baseline'),
    h('dd', {}, data.baseline ? `${data.baseline.baselineId} (${data.baseline.rowCount} rows, ${data.baseline.source})` : 'none'),
    h('dt', {}, 'last window end'),
    h('dd', {}, when(data.versionInfo?.lastWindowEnd)),
    h('dt', {}, 'events in range'),
    h('dd', {}, String(events)),
    h('dt', {}, 'judged windows'),
    h('dd', {}, String(judged.length)),
    h('dt', {}, 'dataset drift (latest)'),
    h('dd', {}, latest ? `${pct(latest.dataset.driftShare)} of features drifted (threshold ${pct(latest.dataset.threshold)})${latest.dataset.detected ? ' — detected' : ''}` : '–'),
  );
  const hasPrediction = latest?.features.some((f) => f.name === '@prediction');
  return h(
    'div',
    { id: 'model' },
    h('h2', {}, `Model ${data.model}`),
    summary,
    h(
      'section',
      { id: 'incidents' },
      h('h3', {}, `Incidents (${incidents.filter((i) => i.status === 'open').length} open)`),
      incidents.length === 0 ? h('p', { class: 'empty' }, 'No incident.') : h('ul', { class: 'incidents' }, incidents.map((i) => incidentView(i, selectFeature))),
    ),
    h(
      'section',
      { id: 'features' },
      h('h3', {}, 'Features', latest ? h('span', { class: 'muted' }, ` · latest judged window ${when(latest.windowStart)} – ${when(latest.windowEnd)}; click a row for its charts, a header to sort`) : null),
      rows.length === 0 ? h('p', { class: 'empty' }, 'No judged window in the range.') : featureTable(rows, selectFeature),
    ),
    feature ? featurePanel(data, feature) : null,
    hasPrediction ? featurePanel(data, '@prediction') : h('section', { id: 'prediction-panel' }, h('h3', {}, 'Prediction drift'), h('p', { class: 'empty' }, 'No prediction drift in the range (the baseline has no @prediction).')),
    performancePanel(data),
  );
}

/** The report of `driftwatch compare`: summary, a row per feature, every feature's histograms; sorted by drift. */
function compareView(report) {
  const order = (f) => driftScore(f.drift.method, f.drift.value, f.drift.threshold) ?? -1;
  const features = [...report.features].sort((a, b) => Number(b.drift.detected) - Number(a.drift.detected) || order(b) - order(a) || (a.name < b.name ? -1 : 1));
  const d = report.datasetDrift;
  const rows = features.map((f) =>
    h(
      'tr',
      { 'data-feature': f.name, class: f.drift.detected ? 'drifted' : '' },
      h('td', {}, h('a', { href: `#feature-${encodeURIComponent(f.name)}` }, f.name)),
      h('td', {}, f.kind),
      h('td', {}, f.drift.method),
      h('td', { class: 'num' }, fmt(f.drift.value)),
      h('td', { class: 'num' }, fmt(f.drift.threshold)),
      h('td', {}, f.drift.detected ? badge('drift') : 'no'),
      h('td', { class: 'num' }, `${pct(f.missing.reference)} → ${pct(f.missing.current)}`),
      h('td', { class: 'num' }, `${f.typeErrors.reference} → ${f.typeErrors.current}`),
      h('td', {}, f.newCategories && Object.keys(f.newCategories).length > 0 ? Object.entries(f.newCategories).slice(0, 5).map(([k, v]) => `${k} (${v})`).join(', ') : '–'),
    ),
  );
  return h(
    'div',
    { id: 'compare' },
    h('h2', {}, 'Dataset comparison'),
    h(
      'dl',
      { class: 'summary' },
      h('dt', {}, 'dataset drift'),
      h('dd', { id: 'dataset-drift' }, d.detected ? 'detected' : 'not detected'),
      h('dt', {}, 'drifted share'),
      h('dd', {}, `${d.drifted ?? features.filter((f) => f.drift.detected).length} of ${d.features ?? features.length} features (${pct(d.share)}; threshold ${pct(d.threshold)})`),
      h('dt', {}, 'rows'),
      h('dd', {}, `reference ${report.rows.reference}, current ${report.rows.current}`),
    ),
    h('section', { id: 'features' }, h('h3', {}, 'Features, most drifted first'), table(['feature', 'kind', 'method', 'score', 'threshold', 'decision', 'missing', 'type errors', 'new categories'], rows, { class: 'features', id: 'feature-table' })),
    h(
      'section',
      { id: 'histograms' },
      h('h3', {}, 'Reference vs current'),
      h(
        'div',
        { class: 'charts grid' },
        features.map((f) => {
          const pair = comparePair(f.histogram);
          return h(
            'div',
            { id: `feature-${encodeURIComponent(f.name)}`, class: 'feature-chart', 'data-feature': f.name },
            pair ? histogramChart(`hist-${f.name}`, `${f.name} · ${f.drift.method} ${fmt(f.drift.value)}${f.drift.detected ? ' · drift' : ''}`, pair, { reference: 'reference', current: 'current' }) : h('p', { class: 'empty' }, `${f.name}: ${f.reason ?? 'no histogram'}`),
          );
        }),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// The page: reads its state, gets its data (inlined, or from the API), draws.

class AuthRequired extends Error {}

function apiGetter() {
  return async (path) => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.status === 401 || res.status === 403) throw new AuthRequired(res.status === 403 ? 'this token may not read (scope read needed)' : token ? 'the API refused this token' : 'this Driftwatch needs a token of scope read');
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json();
  };
}

function tokenForm(message, retry) {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', placeholder: 'read token', size: 40 });
  return h(
    'form',
    { id: 'token-form', onsubmit: (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      retry();
    } },
    h('p', {}, message, '. Paste an API token (it stays in this tab only, in sessionStorage, and is sent as a bearer header to this Driftwatch).'),
    input,
    h('button', { type: 'submit' }, 'Use token'),
  );
}

function rangePicker(state, navigate, fixed) {
  if (fixed) return h('div', { class: 'range' }, `Range ${when(new Date(state.range.from).toISOString())} – ${when(new Date(state.range.to).toISOString())}`);
  const local = (ms) => new Date(ms).toISOString().slice(0, 16);
  const from = h('input', { type: 'datetime-local', id: 'range-from', value: local(state.range.from) });
  const to = h('input', { type: 'datetime-local', id: 'range-to', value: local(state.range.to) });
  const custom = h('span', { class: state.range.key === 'custom' ? 'custom' : 'custom hidden' }, from, ' – ', to, ' UTC ', h('button', { type: 'button', onclick: () => navigate({ ...state, range: { key: 'custom', from: Date.parse(`${from.value}Z`), to: Date.parse(`${to.value}Z`) } }) }, 'Apply'));
  const select = h(
    'select',
    { id: 'range', onchange: (e) => {
      if (e.target.value === 'custom') custom.classList.remove('hidden');
      else navigate({ ...state, range: { key: e.target.value, from: Date.now() - RANGES[e.target.value], to: Date.now() } });
    } },
    [['1h', 'last hour'], ['24h', 'last day'], ['7d', 'last week'], ['custom', 'custom…']].map(([k, label]) => h('option', { value: k, selected: state.range.key === k }, label)),
  );
  return h('div', { class: 'range' }, h('label', { for: 'range' }, 'Range '), select, custom);
}

function versionPicker(data, state, navigate) {
  if (!navigate || !data || data.view !== 'model' || data.versions.length < 2) return null;
  return h('label', { class: 'version-picker' }, 'Version ', h('select', { id: 'version', onchange: (e) => navigate({ ...state, version: e.target.value, feature: null }) }, data.versions.map((v) => h('option', { value: v, selected: v === data.version }, v))));
}

function destroyCharts() {
  while (charts.length > 0) charts.pop().destroy();
}

function render(root, state, data, navigate, inlined) {
  destroyCharts();
  const header = h(
    'header',
    {},
    h('h1', {}, inlined ? 'Driftwatch' : h('a', { href: locationOf({ ...state, model: null, version: null, feature: null }) }, 'Driftwatch')),
    data?.view === 'compare' ? null : rangePicker(state, navigate, inlined),
    versionPicker(data, state, inlined ? null : navigate),
    inlined && data?.generatedAt ? h('span', { class: 'muted' }, `report written ${when(data.generatedAt)}`) : null,
  );
  const body = data.view === 'compare' ? compareView(data.report) : data.view === 'overview' ? overviewView(data, state) : modelView(data, state, navigate);
  root.replaceChildren(header, h('main', {}, body));
  document.title = data.view === 'model' ? `${data.model} · Driftwatch` : data.view === 'compare' ? 'Dataset comparison · Driftwatch' : 'Driftwatch';
}

function tokenRequired() {
  return document.querySelector('meta[name="driftwatch-auth"]')?.getAttribute('content') === 'token';
}

function inlinedData() {
  const el = document.getElementById(DATA_ELEMENT_ID);
  return el ? JSON.parse(el.textContent) : null;
}

export async function start(root = document.getElementById('app')) {
  const inlined = inlinedData();
  let data = null;
  const show = (state, { keepData = false } = {}) => {
    if (inlined) {
      render(root, state, data, (next) => show(next, { keepData: true }), true);
      return done(root);
    }
    return load(state, keepData);
  };
  const load = async (state, keepData) => {
    try {
      // Asked before the first request when the API needs a token: no 401 to begin with.
      if (tokenRequired() && !sessionStorage.getItem(TOKEN_KEY)) throw new AuthRequired('this Driftwatch needs a token of scope read');
      if (!keepData || data === null) {
        root.setAttribute('aria-busy', 'true');
        const getJson = apiGetter();
        data = state.model === null ? await loadOverview(getJson) : await loadModel(getJson, { model: state.model, from: state.range.from, to: state.range.to, version: state.version });
      }
      render(root, state, data, navigate, false);
    } catch (err) {
      destroyCharts();
      root.replaceChildren(err instanceof AuthRequired ? tokenForm(err.message, () => load(state, false)) : h('p', { class: 'error', role: 'alert' }, String(err.message ?? err)));
    }
    return done(root);
  };
  const navigate = (state, options = {}) => {
    history.pushState(null, '', locationOf(state));
    return load(state, options.keepData === true);
  };
  window.addEventListener('popstate', () => load(parseLocation(location.pathname, location.search, Date.now()), false));
  if (inlined) {
    data = inlined;
    const state = inlined.view === 'model' ? { model: inlined.model, range: { key: 'custom', from: inlined.from, to: inlined.to }, version: inlined.version, feature: null } : { model: null, range: { key: DEFAULT_RANGE, from: 0, to: 0 }, version: null, feature: null };
    return show(state);
  }
  return show(parseLocation(location.pathname, location.search, Date.now()));
}

/** Marks the page drawn (charts are drawn in microtasks): tests and the screenshot script wait for it. */
async function done(root) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  root.removeAttribute('aria-busy');
  root.dataset.ready = String(Number(root.dataset.ready ?? 0) + 1);
}

if (typeof document !== 'undefined' && document.getElementById('app')) start();
