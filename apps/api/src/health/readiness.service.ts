import { Inject, Injectable } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { createKafka, kafkaClientConfig } from '@driftwatch/kafka';
import { DRIFTWATCH_CONFIG, STORE } from '@driftwatch/runtime';
import type { Store } from '@driftwatch/store';

export type CheckResult = { ok: true } | { ok: false; error: string };
export type ReadinessCheck = () => Promise<CheckResult>;

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

/** How long one dependency may take to answer before it counts as down. */
export const CHECK_TIMEOUT_MS = 2_500;

/**
 * Readiness = every dependency answers: ClickHouse (a query) and Kafka (cluster metadata),
 * plus checks the host registers (the aggregator's, in the standalone process).
 */
@Injectable()
export class ReadinessService {
  private readonly extra = new Map<string, ReadinessCheck>();

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(DRIFTWATCH_CONFIG) private readonly config: DriftwatchConfig,
  ) {}

  /** Adds a named check (e.g. 'aggregator') to /health/ready. */
  register(name: string, check: ReadinessCheck): void {
    this.extra.set(name, check);
  }

  async check(): Promise<Readiness> {
    const checks: [string, ReadinessCheck][] = [
      ['clickhouse', () => this.store.client.ping()],
      ['kafka', () => this.kafka()],
      ...this.extra,
    ];
    const results = await Promise.all(checks.map(async ([name, run]) => [name, await withTimeout(name, run)] as const));
    return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
  }

  private async kafka(): Promise<CheckResult> {
    // A client of its own: silent and without retries, so a down broker is reported at once
    // instead of logged on every probe.
    const kafka = createKafka({
      ...kafkaClientConfig(this.config.kafka),
      clientId: `${this.config.kafka.clientId}-health`,
      logLevel: 'nothing',
      connectionTimeoutMs: CHECK_TIMEOUT_MS,
      requestTimeoutMs: CHECK_TIMEOUT_MS,
      retry: { retries: 0 },
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 ? { ok: true } : { ok: false, error: 'the cluster lists no broker' };
    } catch (error) {
      return { ok: false, error: `${this.config.kafka.brokers.join(',')}: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      void admin.disconnect().catch(() => undefined);
    }
  }
}

async function withTimeout(name: string, run: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `${name} did not answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      run().catch((error: unknown): CheckResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
