import { loadConfig } from '@driftwatch/config';
import { encodeWindowClosed } from '@driftwatch/contracts';
import type { BatchContext, BatchResult, ConsumerShell, ShellConsumerOptions } from '@driftwatch/kafka';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { EvaluatorOptions } from '../evaluator.options';
import type { EvaluationPipeline } from './evaluation-pipeline';
import type { EvaluationSink } from './evaluation-sink';
import { WindowsConsumer } from './windows-consumer';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 26, 14, 0, 0);

function message(offset: number): KafkaMessage {
  const start = START + offset * MINUTE;
  const value = encodeWindowClosed({ schemaVersion: 1, modelId: 'm', modelVersion: '1', windowStart: start, windowEnd: start + MINUTE, eventCount: 10, lateCount: 0, closedAt: start + MINUTE + 15_000, reason: 'watermark' });
  return { offset: String(offset), value, key: null, timestamp: String(start), attributes: 0, headers: {} } as KafkaMessage;
}

/** A consumer whose handler the test calls directly; `stopAfter` windows are evaluated before the runner reports a stop. */
async function consumerStoppingAfter(stopAfter: number): Promise<{ handle: (batch: BatchContext) => Promise<BatchResult | void>; evaluated: number[]; delivered: number[] }> {
  let handler: ((batch: BatchContext) => Promise<BatchResult | void>) | undefined;
  const shell = {
    start: async (options: ShellConsumerOptions) => void (handler = options.handler),
    deadLetter: async () => undefined,
  } as unknown as ConsumerShell;
  const evaluated: number[] = [];
  const delivered: number[] = [];
  const pipeline = {
    evaluateClosed: async (event: { windowStart: number }) => {
      evaluated.push((event.windowStart - START) / MINUTE);
      return [{ windowStart: event.windowStart }];
    },
  } as unknown as EvaluationPipeline;
  const sink = { deliver: async (evaluations: { windowStart: number }[]) => void delivered.push(...evaluations.map((e) => (e.windowStart - START) / MINUTE)) } as unknown as EvaluationSink;
  const consumer = new WindowsConsumer(shell, loadConfig({}), { consumer: {} } as EvaluatorOptions, pipeline, sink, { warn: () => undefined, error: () => undefined });
  await consumer.start();
  const handle = (batch: BatchContext) => handler!({ ...batch, isRunning: () => evaluated.length < stopAfter });
  return { handle, evaluated, delivered };
}

function batch(offsets: number[]): BatchContext {
  const messages = offsets.map(message);
  return { topic: 't', partition: 0, messages, skipped: [], highWatermark: String(offsets.at(-1)! + 1), lastOffset: String(offsets.at(-1)), generation: 1, heartbeat: async () => undefined, isRunning: () => true };
}

describe('WindowsConsumer when the runner stops during a batch', () => {
  it('evaluates no further window, delivers what it evaluated and commits only through it', async () => {
    const c = await consumerStoppingAfter(2);
    const result = await c.handle(batch([0, 1, 2, 3, 4]));
    expect(c.evaluated).toEqual([0, 1]);
    expect(c.delivered).toEqual([0, 1]);
    expect(result).toEqual({ durableThrough: '1' });
  });

  it('commits nothing when stopped before the first window', async () => {
    const c = await consumerStoppingAfter(0);
    expect(await c.handle(batch([7, 8]))).toEqual({});
    expect(c.evaluated).toEqual([]);
  });

  it('commits the whole batch when no stop comes', async () => {
    const c = await consumerStoppingAfter(Number.POSITIVE_INFINITY);
    expect(await c.handle(batch([3, 4, 5]))).toEqual({ durableThrough: '5' });
    expect(c.evaluated).toEqual([3, 4, 5]);
  });
});

describe('WindowsConsumer judging a batch of several models', () => {
  it("judges different models' windows at once but one model's windows one after another, in order", async () => {
    let handler: ((batch: BatchContext) => Promise<BatchResult | void>) | undefined;
    const shell = { start: async (options: ShellConsumerOptions) => void (handler = options.handler), deadLetter: async () => undefined } as unknown as ConsumerShell;
    const running = new Map<string, number>();
    let overlapSameModel = false;
    let maxAtOnce = 0;
    const order: string[] = [];
    const pipeline = {
      evaluateClosed: async (event: { modelId: string; windowStart: number }) => {
        if (running.get(event.modelId)) overlapSameModel = true;
        running.set(event.modelId, 1);
        maxAtOnce = Math.max(maxAtOnce, [...running.values()].reduce((a, b) => a + b, 0));
        order.push(`${event.modelId}@${(event.windowStart - START) / MINUTE}`);
        await new Promise((r) => setTimeout(r, 5));
        running.set(event.modelId, 0);
        return [{ windowStart: event.windowStart }];
      },
    } as unknown as EvaluationPipeline;
    const delivered: number[] = [];
    const sink = { deliver: async (evaluations: { windowStart: number }[]) => void delivered.push(...evaluations.map((e) => (e.windowStart - START) / MINUTE)) } as unknown as EvaluationSink;
    const consumer = new WindowsConsumer(shell, loadConfig({}), { consumer: { evaluationConcurrency: 4 } } as EvaluatorOptions, pipeline, sink, { warn: () => undefined, error: () => undefined });
    await consumer.start();
    const messages = [0, 1, 2, 3, 4, 5].map((i) => {
      const start = START + i * MINUTE;
      const value = encodeWindowClosed({ schemaVersion: 1, modelId: i % 2 === 0 ? 'a' : 'b', modelVersion: '1', windowStart: start, windowEnd: start + MINUTE, eventCount: 10, lateCount: 0, closedAt: start + MINUTE, reason: 'watermark' });
      return { offset: String(i), value, key: null, timestamp: String(start), attributes: 0, headers: {} } as KafkaMessage;
    });
    const result = await handler!({ ...batch([0, 1, 2, 3, 4, 5]), messages });
    expect(overlapSameModel).toBe(false);
    expect(maxAtOnce).toBe(2);
    expect(order.filter((o) => o.startsWith('a@'))).toEqual(['a@0', 'a@2', 'a@4']);
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result).toEqual({ durableThrough: '5' });
  });
});
