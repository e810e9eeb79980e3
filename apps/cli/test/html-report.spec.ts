// The two HTML outputs of the CLI, opened in a real browser (Debian's headless Chromium through
// playwright-core) from disk with the network off: `compare --format html` on the small
// fixtures, and `report` against the real API (in this process, embedded ClickHouse).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium, paintedPixels } from '@driftwatch/testing';
import { startTestApi, type TestApi } from '@driftwatch/api-testing';
import { FIXTURES } from './expected-fixture.test-util';
import { REPO_ROOT, runBin, runCli } from './run-cli.test-util';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'dist', 'screenshots');
let browser: Browser;
let dir: string;

// Two binary runs and a browser: slow on a loaded machine.
beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-cli-html-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a file offline; resolves once page.mjs has drawn it, with the page and what went wrong on it. */
async function openOffline(file: string): Promise<{ page: Page; errors: string[]; requests: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#app[data-ready]', { timeout: 60_000 });
  return { page, errors, requests, close: () => context.close() };
}

describe('driftwatch compare --format html', () => {
  it('writes one file with the summary, a row per feature sorted by drift, and the overlaid histograms', async () => {
    const file = path.join(dir, 'compare.html');
    const run = runBin(['compare', '--reference', path.join(FIXTURES, 'small-ref.csv'), '--current', path.join(FIXTURES, 'small-cur.csv'), '--format', 'html', '-o', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(runBin(['compare', '--reference', path.join(FIXTURES, 'small-ref.csv'), '--current', path.join(FIXTURES, 'small-cur.csv'), '--format', 'json']).stdout);
    // The JSON document is unchanged: histograms are for the pictures only.
    expect(json.features.some((f: object) => 'histogram' in f)).toBe(false);

    const { page, errors, requests, close } = await openOffline(file);
    expect(await page.locator('#dataset-drift').textContent()).toBe(json.datasetDrift.detected ? 'detected' : 'not detected');
    const rows = await page.locator('#feature-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-feature'), tr.getAttribute('class')]));
    expect(rows).toHaveLength(json.features.length);
    // Drifted features first.
    const drifted = json.features.filter((f: { drift: { detected: boolean } }) => f.drift.detected).map((f: { name: string }) => f.name);
    expect(rows.slice(0, drifted.length).map((r) => r[0]).sort()).toEqual([...drifted].sort());
    expect(rows.slice(0, drifted.length).every((r) => r[1] === 'drifted')).toBe(true);

    // One histogram per feature with values (the empty column has none), each two series, painted.
    const withValues = json.features.filter((f: { metrics: unknown }) => f.metrics !== null).length;
    expect(await page.locator('#histograms figure.chart[data-series="2"]').count()).toBe(withValues);
    for (const pixels of await paintedPixels(page, '#histograms')) expect(pixels).toBeGreaterThan(2000);
    // region's category unseen in the reference is labelled and drawn in its own colour.
    const regionLabels = await page.evaluate(() => {
      const g = globalThis as unknown as { Chart: { getChart(el: unknown): { data: { labels: string[] } } }; document: { querySelector(s: string): unknown } };
      return g.Chart.getChart(g.document.querySelector('[data-feature="region"] canvas')).data.labels;
    });
    expect(regionLabels).toContain('overseas (new)');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'compare-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  }, 180_000);
});

describe('driftwatch report', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it("writes a model's page as one file that opens offline", async () => {
    const baseline = {
      baselineId: 'cli-report-train',
      rowCount: 100,
      source: 'test',
      features: [
        { name: 'income', kind: 'numeric', edges: [10, 20], binCounts: [30, 40, 30], categories: {}, count: 100, missing: 0, min: 1, max: 30, mean: 15, std: 5, median: 15, importance: 1 },
      ],
    };
    const created = await fetch(`${api.baseUrl}/api/models/cli-report/versions/1/baselines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(baseline) });
    expect(created.status, await created.clone().text()).toBe(201);

    const file = path.join(dir, 'report.html');
    const run = await runCli(['report', '--model', 'cli-report', '--from', '2026-11-01', '--to', '2026-11-02T00:00:00Z', '--api', api.baseUrl, '-o', file]);
    expect(run.stderr).toMatch(/^driftwatch: wrote .*report\.html \(\d+ KiB\)\n$/);
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('"baselineId":"cli-report-train"');
    expect(html).not.toMatch(/<script[^>]+src=/);

    const { page, errors, requests, close } = await openOffline(file);
    expect(await page.locator('h2').first().textContent()).toBe('Model cli-report');
    expect(await page.locator('.range').textContent()).toContain('2026-11-01 00:00:00Z – 2026-11-02 00:00:00Z');
    expect(await page.locator('#incidents .empty').textContent()).toBe('No incident.');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  }, 180_000);

  it('exits 2 naming the model when the API does not know it', async () => {
    const run = await runCli(['report', '--model', 'nobody', '--api', api.baseUrl, '-o', path.join(dir, 'none.html')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('driftwatch: no model "nobody": Driftwatch has seen no event nor baseline of it\n');
  });

  it('exits 2 naming the versions when the model has not the one asked for', async () => {
    const run = await runCli(['report', '--model', 'cli-report', '--model-version', '9', '--api', api.baseUrl, '-o', path.join(dir, 'none.html')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('driftwatch: model "cli-report" has no version "9" (it has 1)\n');
  });

  it('exits 2 on a range that ends before it starts', async () => {
    const run = await runCli(['report', '--model', 'cli-report', '--from', '2026-11-02', '--to', '2026-11-01', '--api', api.baseUrl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^driftwatch: --from 2026-11-02T00:00:00\.000Z must be before --to/);
  });
});
