// The report page in a real browser (Debian's headless Chromium through playwright-core) against
// the whole standalone process with a drifted model: the served page at /models/{model} behind a
// read token, the overview at /, and the same page as one self-contained file opened from disk.
// Writes the screenshots under dist/screenshots/ (tools/screenshots.cjs copies the README's).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBaseline, columnsFromRecords } from '@driftwatch/stats';
import { sendRecords } from '@driftwatch/kafka';
import { collectModelReport, selfContainedHtml } from '@driftwatch/report-page';
import { collectPageErrors, launchChromium, paintedPixels } from '@driftwatch/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, waitFor, type StandaloneEnv } from './standalone-harness.test-util';
import { IMPORTANCE, trainingRows, windowEvents, type Failure } from './synthetic-model.test-util';

const MODEL = 'credit-page';
const VERSION = '3';
const WINDOW_MS = 60_000;
/** As in pipeline.e2e.spec.ts: enough events that a clean window's noise stays well below the threshold. */
const EVENTS_PER_WINDOW = 2000;
const READ_TOKEN = 'page-read-token-0123456789';
const WRITE_TOKEN = 'page-write-token-0123456789';
/** Clean windows, then income shifted by 2 std (a critical data_drift on a top feature), then clean again. */
const PLAN: (Failure | null)[] = [null, null, null, 'income-shift', 'income-shift', 'income-shift', null];
/** Event time: the last half hour, so the page's default ranges (last hour, last day) hold every window. */
const T0 = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS - 30 * WINDOW_MS;
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../dist/screenshots');

let env: StandaloneEnv;
let browser: Browser;

async function api<T>(method: string, urlPath: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.baseUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Until the page has drawn (page.mjs counts its renders in data-ready). */
async function drawn(page: Page): Promise<void> {
  await page.waitForSelector('#app[data-ready]', { timeout: 60_000 });
}

beforeAll(async () => {
  env = await startStandalone('report-page', {
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    DRIFTWATCH_API_TOKENS: `read:${READ_TOKEN},write:${WRITE_TOKEN}`,
  });
  const { columns, kinds } = columnsFromRecords(trainingRows(5000));
  const stats = buildBaseline(columns, { importance: IMPORTANCE, kinds });
  const created = await api('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, WRITE_TOKEN, { baselineId: 'train-page', rowCount: stats.rowCount, source: 'synthetic:page', features: stats.features });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const policy = await api('PUT', `/api/models/${MODEL}/policy`, WRITE_TOKEN, { minWindowEvents: 100, rollup: { enabled: false } });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);

  const incomeShift = 2 * (stats.features.find((f) => f.name === 'income')?.std ?? NaN);
  const events = [...PLAN, null].flatMap((failure, index) =>
    windowEvents({ modelId: MODEL, modelVersion: VERSION, index, windowStart: T0 + index * WINDOW_MS, windowMs: WINDOW_MS, count: EVENTS_PER_WINDOW, failure, incomeShift }),
  );
  // The last window's first events only: they move the watermark past the planned windows.
  const sent = events.slice(0, PLAN.length * EVENTS_PER_WINDOW + 5);
  await sendRecords(env.producer, env.config.topics.events, sent.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })));
  await waitFor(
    'every planned window judged and the income incident open',
    async () => {
      const drift = await api<{ evaluations: { judged: boolean }[] }>('GET', `/api/models/${MODEL}/drift?from=${T0}&to=${T0 + PLAN.length * WINDOW_MS}`, READ_TOKEN);
      const open = await api<{ incidents: { kind: string; feature: string }[] }>('GET', `/api/incidents?model=${MODEL}&status=open`, READ_TOKEN);
      return drift.body.evaluations.filter((e) => e.judged).length === PLAN.length && open.body.incidents.some((i) => i.kind === 'data_drift' && i.feature === 'income');
    },
    90_000,
  );
  browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('the report page in a browser', () => {
  it('asks for a read token, then shows the incident, the drifted feature and its charts, without console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = collectPageErrors(page);
    const url = `${env.baseUrl}/models/${MODEL}?range=1h&feature=income`;
    const res = await page.goto(url);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await drawn(page);
    // Tokens are configured: the page's script got a 401 from the JSON API and asks for one.
    expect(await page.locator('#token-form').isVisible()).toBe(true);
    await page.fill('#token', READ_TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#feature-panel', { timeout: 60_000 });
    await page.waitForSelector('#app[data-ready="2"]', { timeout: 60_000 });

    const incident = page.locator('li.incident[data-kind="data_drift"][data-feature="income"]');
    expect(await incident.count()).toBe(1);
    expect(await incident.locator('.status').textContent()).toBe('open');
    expect(await incident.locator('.message').textContent()).toMatch(/income/);
    // Evidence: baseline vs current side by side.
    expect(await incident.locator('table.evidence th').allTextContents()).toEqual(expect.arrayContaining(['baseline', 'current', 'mean']));

    // The feature table: every feature of the latest judged window (clean again), by score × importance.
    expect(await page.locator('#feature-table tbody tr').count()).toBe(6);
    expect(await page.locator('#feature-table tbody tr.drifted').count()).toBe(0);
    const weighted = (await page.locator('#feature-table tbody tr td:nth-child(8)').allTextContents()).map(Number);
    expect(weighted).toEqual([...weighted].sort((a, b) => b - a));

    // The selected feature's charts: histograms (baseline, current), drift with its threshold, quality rates.
    const charts = page.locator('#feature-panel figure.chart');
    expect(await charts.evaluateAll((els) => els.map((e) => [e.id, (e as unknown as { dataset: Record<string, string> }).dataset.series]))).toEqual([
      ['hist-income', '2'],
      ['drift-income', '2'],
      ['quality-income', '3'],
    ]);
    for (const pixels of await paintedPixels(page, '#feature-panel')) expect(pixels).toBeGreaterThan(2000);
    // The drift line crosses its threshold: the windows of the shift are above it.
    const driftPoints = await page.evaluate(() => {
      const chart = (globalThis as unknown as { Chart: { getChart(el: unknown): { data: { datasets: { data: { y: number }[] }[] } } } }).Chart.getChart(
        (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#drift-income canvas'),
      );
      return chart.data.datasets.map((d) => d.data.map((p) => p.y));
    });
    expect(driftPoints[0]).toHaveLength(PLAN.length);
    PLAN.forEach((failure, i) => expect(driftPoints[0][i] >= driftPoints[1][i], `window ${i}`).toBe(failure !== null));

    // The URL says what is shown: a shareable link.
    expect(new URL(page.url()).searchParams.get('feature')).toBe('income');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-page.png'), fullPage: true });
    // Sorting by name puts age first.
    await page.click('#feature-table th[data-sort="name"]');
    expect(await page.locator('#feature-table tbody tr').first().getAttribute('data-feature')).toBe('age');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the model on the overview with its open incident by severity', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    const errors = collectPageErrors(page);
    await page.goto(`${env.baseUrl}/`);
    // The token is kept per tab (sessionStorage): a new page asks again.
    await drawn(page);
    await page.fill('#token', READ_TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector(`tr[data-model="${MODEL}"]`, { timeout: 60_000 });
    const cells = await page.locator(`tr[data-model="${MODEL}"] td`).allTextContents();
    const open = await api<{ incidents: { severity: string }[] }>('GET', `/api/incidents?model=${MODEL}&status=open`, READ_TOKEN);
    const count = (severity: string) => String(open.body.incidents.filter((i) => i.severity === severity).length);
    expect(cells[0]).toBe(MODEL);
    expect(Number(cells[3])).toBeGreaterThanOrEqual(1); // income's data_drift is critical
    expect([cells[3], cells[4]]).toEqual([count('critical'), count('warning')]);
    await page.click(`tr[data-model="${MODEL}"] a`);
    await page.waitForSelector('#feature-table', { timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe(`/models/${MODEL}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes the same page as one self-contained file that draws from disk, offline', async () => {
    const getJson = async (apiPath: string) => (await api<unknown>('GET', apiPath, READ_TOKEN)).body;
    const data = await collectModelReport(getJson, { model: MODEL, from: T0 - WINDOW_MS, to: T0 + (PLAN.length + 2) * WINDOW_MS });
    const file = path.join(SCREENSHOT_DIR, 'report.html');
    writeFileSync(file, selfContainedHtml(data, `Driftwatch: ${MODEL}`));

    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await drawn(page);
    expect(await page.locator('li.incident[data-kind="data_drift"][data-feature="income"]').count()).toBe(1);
    await page.click('#feature-table tbody tr[data-feature="income"]');
    await page.waitForSelector('#hist-income[data-series="2"]');
    for (const pixels of await paintedPixels(page, '#feature-panel')) expect(pixels).toBeGreaterThan(2000);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-file.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
