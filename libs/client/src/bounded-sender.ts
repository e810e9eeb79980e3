import type { Producer } from 'kafkajs';

export interface SenderCounts {
  /** Accepted into the queue. */
  queued: number;
  /** Acknowledged by the broker. */
  delivered: number;
  /** Refused because the queue was full (or the sender closed). */
  dropped: number;
  /** Sent but not acknowledged: kafkajs gave up after its retries. */
  failed: number;
}

interface Pending {
  topic: string;
  key: string;
  value: Buffer;
}

/**
 * A bounded in-memory queue in front of one kafkajs producer: `push` never waits and never
 * throws; batches of up to `batchSize` go out one request at a time, `lingerMs` after the first
 * message or as soon as a batch is full. When the broker is slow or down the queue fills to
 * `maxQueue` and further messages are dropped and counted. A request that fails (after kafkajs's
 * own retries) is counted as failed and not retried again: retrying would hold memory for a
 * broker that may be gone for hours.
 */
export class BoundedSender {
  readonly counts: SenderCounts = { queued: 0, delivered: 0, dropped: 0, failed: 0 };
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private connected = false;
  private closed = false;

  constructor(
    private readonly producer: Producer,
    private readonly opts: { maxQueue: number; batchSize: number; lingerMs: number; onError?: (error: Error, context: { messages: number }) => void },
  ) {}

  get size(): number {
    return this.queue.length;
  }

  push(topic: string, key: string, value: Buffer): boolean {
    if (this.closed || this.queue.length >= this.opts.maxQueue) {
      this.counts.dropped++;
      return false;
    }
    this.queue.push({ topic, key, value });
    this.counts.queued++;
    if (this.queue.length >= this.opts.batchSize) this.kick();
    else if (this.timer === null && this.sending === null) {
      this.timer = setTimeout(() => this.kick(), this.opts.lingerMs);
      // A pending batch must not keep a finished process alive; `close` (or beforeExit) sends it.
      this.timer.unref();
    }
    return true;
  }

  /** Sends everything queued; resolves when the queue is empty (or `timeoutMs` passed). */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.sending) && Date.now() < deadline) {
      this.kick();
      await Promise.race([this.sending, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
    }
  }

  async close(timeoutMs = 10_000): Promise<void> {
    await this.flush(timeoutMs);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.counts.dropped += this.queue.length;
    this.queue = [];
    await this.producer.disconnect().catch(() => undefined);
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.sending || this.queue.length === 0) return;
    this.sending = this.drain().finally(() => {
      this.sending = null;
      if (this.queue.length > 0 && !this.closed) this.kick();
    });
  }

  private async drain(): Promise<void> {
    const batch = this.queue.splice(0, this.opts.batchSize);
    const byTopic = new Map<string, { key: string; value: Buffer }[]>();
    for (const m of batch) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value });
      byTopic.set(m.topic, list);
    }
    try {
      if (!this.connected) {
        await this.producer.connect();
        this.connected = true;
      }
      await this.producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
      this.counts.delivered += batch.length;
    } catch (error) {
      this.counts.failed += batch.length;
      this.connected = false;
      this.opts.onError?.(error as Error, { messages: batch.length });
    }
  }
}
