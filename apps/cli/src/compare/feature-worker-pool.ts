import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CsvNotPlainError } from '@driftwatch/tabular';
import { runFeatureTask, transferables, type FeatureTask, type FeatureTaskResult } from './feature-task';

/** Runs feature tasks: on worker threads when it pays, else in this thread, with the same results. */
export interface FeatureRunner {
  run(task: FeatureTask): Promise<FeatureTaskResult>;
  close(): Promise<void>;
}

/** The compiled worker entry beside this file; absent when running from the TypeScript sources (tests). */
export const DEFAULT_WORKER_SCRIPT = path.join(__dirname, 'compare-feature.worker.js');

export interface RunnerOptions {
  /** Threads in all, this one included (default: the cores available, at most 2). */
  threads?: number;
  /** Worker entry (default DEFAULT_WORKER_SCRIPT); without a readable one, tasks run in this thread. */
  script?: string;
}

/**
 * `threads` threads in all: this one and `threads - 1` workers (each worker is another
 * JavaScript engine to load and warm up, so this thread, idle while it waits, takes its share
 * of the tasks); only this thread when fewer than 2 threads or no worker script.
 */
export function openFeatureRunner(options: RunnerOptions = {}): FeatureRunner {
  const threads = options.threads ?? Math.min(2, os.availableParallelism());
  const script = options.script ?? DEFAULT_WORKER_SCRIPT;
  if (threads < 2 || !existsSync(script)) return inThreadRunner();
  return new SharedRunner(new FeatureWorkerPool(script, threads - 1), threads - 1);
}

type Job = { task: FeatureTask; resolve: (r: FeatureTaskResult) => void; reject: (e: unknown) => void };

/**
 * One queue for the workers and this thread: each worker keeps two tasks in hand (no gap
 * while its result comes back), this thread runs the next one between turns of the event
 * loop, so results and further tasks keep flowing.
 */
class SharedRunner implements FeatureRunner {
  private readonly queue: Job[] = [];
  private inFlight = 0;
  private turnScheduled = false;

  constructor(
    private readonly pool: FeatureWorkerPool,
    private readonly workers: number,
  ) {}

  run(task: FeatureTask): Promise<FeatureTaskResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight + taskWeight(this.queue[0].task) <= 2 * this.workers) {
      const job = this.queue.shift() as Job;
      const weight = taskWeight(job.task);
      this.inFlight += weight;
      this.pool.run(job.task).then(
        (r) => this.settle(job.resolve, r, weight),
        (e) => this.settle(job.reject, e, weight),
      );
    }
    if (this.turnScheduled || this.queue.length === 0) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      const job = this.queue.shift();
      if (job !== undefined) {
        try {
          job.resolve(runFeatureTask(job.task));
        } catch (err) {
          job.reject(err);
        }
      }
      this.pump();
    });
  }

  private settle<T>(settle: (v: T) => void, value: T, weight: number): void {
    this.inFlight -= weight;
    settle(value);
    this.pump();
  }
}

/**
 * A file read fills a worker's two slots: the other file then goes to this thread instead of
 * waiting behind it.
 */
function taskWeight(task: FeatureTask): number {
  return task.type === 'scan-csv' ? 2 : 1;
}

function inThreadRunner(): FeatureRunner {
  return {
    run: async (task) => runFeatureTask(task),
    close: async () => undefined,
  };
}

/**
 * A worker's error as this thread's: the CSV reader's CsvNotPlainError (the caller then
 * reads with the engine) and a file system error's code survive the trip.
 */
function rebuiltError(message: string, name?: string, code?: string): Error {
  if (name === 'CsvNotPlainError') return new CsvNotPlainError(message);
  const err: Error & { code?: string } = new Error(message);
  if (code !== undefined) err.code = code;
  return err;
}

type Pending = { resolve: (r: FeatureTaskResult) => void; reject: (e: Error) => void };

interface Member {
  worker: Worker;
  pending: Map<number, Pending>;
}

class FeatureWorkerPool implements FeatureRunner {
  private readonly members: Member[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(script: string, threads: number) {
    for (let i = 0; i < threads; i++) {
      const member: Member = { worker: new Worker(script), pending: new Map() };
      member.worker.on('message', (m: { id: number; result?: FeatureTaskResult; error?: string; errorName?: string; errorCode?: string }) => {
        const p = member.pending.get(m.id);
        if (p === undefined) return;
        member.pending.delete(m.id);
        if (m.error !== undefined) p.reject(rebuiltError(m.error, m.errorName, m.errorCode));
        else p.resolve(m.result as FeatureTaskResult);
      });
      member.worker.on('error', (err) => this.fail(member, err));
      member.worker.on('exit', (code) => this.fail(member, new Error(`a compare worker thread exited with code ${code}`)));
      this.members.push(member);
    }
  }

  run(task: FeatureTask): Promise<FeatureTaskResult> {
    if (this.failure) return Promise.reject(this.failure);
    // The least busy thread: tasks differ in size (numeric vs categorical features).
    const member = this.members.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      member.pending.set(id, { resolve, reject });
      member.worker.postMessage({ id, task }, transferables(task));
    });
  }

  async close(): Promise<void> {
    const members = this.members.splice(0);
    for (const m of members) m.worker.removeAllListeners('exit');
    await Promise.all(members.map((m) => m.worker.terminate()));
  }

  private fail(member: Member, err: Error): void {
    this.failure ??= err;
    for (const p of member.pending.values()) p.reject(err);
    member.pending.clear();
  }
}
