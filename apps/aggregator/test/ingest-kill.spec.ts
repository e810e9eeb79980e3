import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openStore, type Store } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import { expectedWindows } from './support/expected-windows';
import {
  MIN,
  T0,
  baselineOf,
  categoricalFeature,
  createTestEnv,
  engineRepositories,
  evenGrid,
  fastOptions,
  numericFeature,
  produceEvents,
  random,
  sampleGrid,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

const TOTAL = 20_000;
const PARTITIONS = 3;
const model = baselineOf('k', 'b-k-1', [
  numericFeature('x', [-1, 0, 1], -3, 3, sampleGrid(-3, 3, 100, 11)),
  numericFeature('y', [10, 20, 30, 40], 0, 50, evenGrid(0, 1, 49)),
  categoricalFeature('c', ['a', 'b', 'c']),
]);

/** Events over 5 minutes of event time, slightly out of order; one in 20 from a model without a baseline. */
function allEvents(): { event: RawEvent; partition: number }[] {
  const r = random(7);
  return Array.from({ length: TOTAL }, (_, i) => ({
    event: {
      eventId: `k${i}`,
      modelId: i % 20 === 0 ? 'fresh' : 'k',
      modelVersion: '1',
      timestamp: T0 + Math.floor((i * 5 * MIN) / TOTAL) - Math.floor(r() * 2_000),
      features: {
        x: r() < 0.05 ? null : (r() - 0.5) * 6,
        y: r() < 0.02 ? 'n/a' : Math.floor(r() * 55),
        c: ['a', 'b', 'c', 'd'][Math.floor(r() * 4)],
      },
    },
    partition: i % PARTITIONS,
  }));
}

interface Child {
  process: ChildProcess;
  stdout: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Offsets committed so far, summed over partitions (last committed offset + 1 each). */
  committed(): number;
}

function startChild(t: TestEnv, extraEnv: Record<string, string>): Child {
  const support = path.join(__dirname, 'support');
  const child = spawn(process.execPath, ['-r', path.join(support, 'swc-register.cjs'), path.join(support, 'aggregator-child.ts')], {
    env: { ...process.env, ...t.env, FLUSH_MS: '100', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const progress = new Map<number, number>();
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      stdout.push(line);
      const m = /^committed (\d+) (\d+)$/.exec(line);
      if (m) progress.set(Number(m[1]), Number(m[2]) + 1);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code) process.stderr.write(`aggregator child failed:\n${stderr.join('')}\n`);
      resolve({ code, signal });
    }),
  );
  return { process: child, stdout, exited, committed: () => [...progress.values()].reduce((a, b) => a + b, 0) };
}

let t: TestEnv;

beforeAll(async () => {
  t = await createTestEnv('kill', { partitions: PARTITIONS });
  // Only one process may open the data directory: the parent closes it before the children run.
  const store = await openStore(t.config);
  await store.baselines.save(model);
  await store.close();
});

afterAll(async () => {
  await t?.cleanup();
});

describe('aggregator: kill -9 during ingestion', () => {
  it('restarts after SIGKILL in the middle of a flush and at a random moment, ending with exactly the produced counts', async () => {
    const events = allEvents();
    const topic = t.config.topics.events;
    await produceEvents(t.producer, topic, events.slice(0, TOTAL / 2));

    // 1. Dies right after the deltas of its third flush are written, before samples and commit.
    const a = startChild(t, { CRASH_AT: 'deltas-written:3', MAX_BYTES_PER_PARTITION: String(32 * 1024) });
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(a.stdout.some((l) => l.startsWith('crashing after deltas-written'))).toBe(true);

    // 2. Killed from outside while events are still being produced.
    const b = startChild(t, { MAX_BYTES_PER_PARTITION: String(32 * 1024) });
    const producing = (async () => {
      for (let from = TOTAL / 2; from < TOTAL; from += 1_000) {
        await produceEvents(t.producer, topic, events.slice(from, from + 1_000));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await waitFor('the second child to commit past 12,000 offsets', () => b.committed() >= 12_000, 60_000);
    b.process.kill('SIGKILL');
    expect(await b.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(b.committed()).toBeLessThan(TOTAL);
    await producing;

    // 3. A third run in this process finishes the stream.
    const store: Store = await openStore(t.config);
    const engine = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    try {
      await engine.start();
      const total = async () =>
        (await store.windows.windows({ modelId: 'k', from: 0, to: T0 + 3_600_000 })).reduce((n, w) => n + w.eventCount, 0) +
        (await store.windows.windows({ modelId: 'fresh', from: 0, to: T0 + 3_600_000 })).reduce((n, w) => n + w.eventCount, 0);
      await waitFor('every event in the store', async () => (await total()) >= TOTAL, 60_000);
      await new Promise((r) => setTimeout(r, 500)); // anything counted twice would show by now
      expect(await total()).toBe(TOTAL);

      const expected = expectedWindows(
        events.map((e) => e.event),
        [model],
        MIN,
      );
      for (const modelId of ['k', 'fresh']) {
        const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
        const want = [...expected.values()].filter((w) => w.modelId === modelId);
        expect(windows.map((w) => [w.windowStart, w.eventCount])).toEqual(want.map((w) => [w.windowStart, w.events]));
        for (const w of windows) {
          const got = Object.fromEntries(
            w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]),
          );
          expect(got).toEqual(expected.get(`${modelId}@${w.windowStart}`)!.features);
        }
      }
    } finally {
      await engine.stop();
      await store.close();
    }
  }, 120_000);
});
