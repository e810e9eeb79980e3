import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

/**
 * The system's Chromium (Debian's `chromium`; CHROMIUM_PATH names another): the browser tests
 * never download one. null when none is installed.
 */
export function chromiumPath(): string | null {
  const named = process.env.CHROMIUM_PATH;
  if (named) return existsSync(named) ? named : null;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH: the next name
    }
  }
  return null;
}

/** Headless Chromium through playwright-core. Throws, naming CHROMIUM_PATH, when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === null) throw new Error('no Chromium: install Debian\'s `chromium` (apt-get install -y chromium) or set CHROMIUM_PATH');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** Console errors and uncaught exceptions of a page, as they come. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e: Error) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/** Non-blank pixels of each canvas under `selector` (a canvas Chart.js drew on has thousands). */
export function paintedPixels(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(`${selector} canvas`, (canvases) =>
    canvases.map((c) => {
      // Runs in the page; libs have no DOM types, so the canvas is described by what is used.
      const canvas = c as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      if (data) for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    }),
  );
}
