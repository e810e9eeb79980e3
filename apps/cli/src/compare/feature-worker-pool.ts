import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runFeatureTask, transferables, type FeatureTask, type FeatureTaskResult } from './feature-task';

/** Runs feature tasks: on worker threads when it pays, else in this thread, with the same results. */
export interface FeatureRunner {
  run(task: FeatureTask): Promise<FeatureTaskResult>;
  close(): Promise<void>;
}

/** The compiled worker entry beside this file; absent when running from the TypeScript sources (tests). */
export const DEFAULT_WORKER_SCRIPT = path.join(__dirname, 'compare-feature.worker.js');

export interface RunnerOptions {
  /** Threads to start (default: the cores available, at most 2 — the sorting and statistics scale no further here). */
  threads?: number;
  /** Worker entry (default DEFAULT_WORKER_SCRIPT); without a readable one, tasks run in this thread. */
  script?: string;
}

/** A pool of `threads` workers, or the in-thread runner when fewer than 2 threads or no worker script. */
export function openFeatureRunner(options: RunnerOptions = {}): FeatureRunner {
  const threads = options.threads ?? Math.min(2, os.availableParallelism());
  const script = options.script ?? DEFAULT_WORKER_SCRIPT;
  if (threads < 2 || !existsSync(script)) return inThreadRunner();
  return new FeatureWorkerPool(script, threads);
}

function inThreadRunner(): FeatureRunner {
  return {
    run: async (task) => runFeatureTask(task),
    close: async () => undefined,
  };
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
      member.worker.on('message', (m: { id: number; result?: FeatureTaskResult; error?: string }) => {
        const p = member.pending.get(m.id);
        if (p === undefined) return;
        member.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
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
