import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature, type HostResolver } from '@driftwatch/alerting';
import { decodeIncidentEvent, type IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { createProducer, readDlqMetadata, sendRecords } from '@driftwatch/kafka';
import { IncidentRepository, openStore, WebhookRepository, type Store } from '@driftwatch/store';
import type { Kafka, Producer } from 'kafkajs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlerterMetrics } from '../src/alerter.metrics';
import { IncidentEngine } from '../src/incidents/incident-engine';
import { WEBHOOK_DESTINATION_HEADER, WebhookDispatcher, webhookGroupId, type WebhookDispatcherDeps } from '../src/webhooks/webhook-dispatcher';
import { createTopics, evaluation, finding, follow, incidentEvents, MIN, quietLog, T0, tempDir, TEST_OPTIONS, testConfig, uniqueName, waitFor } from './support/alerter-harness';

const dir = tempDir();
let config: DriftwatchConfig;
let store: Store;
let kafka: Kafka;
let producer: Producer;
let incidents: Awaited<ReturnType<typeof follow>>;
const metrics = new AlerterMetrics();

beforeAll(async () => {
  config = testConfig('alerter', dir.dir);
  kafka = await createTopics(config);
  store = await openStore(config);
  producer = createProducer(kafka);
  await producer.connect();
  incidents = await follow(kafka, config.topics.incidents);
});

afterAll(async () => {
  await incidents?.stop();
  await producer?.disconnect();
  await store?.close();
  dir.remove();
});

function engine(): IncidentEngine {
  return new IncidentEngine({ config, incidents: new IncidentRepository(store.client), kafka, options: TEST_OPTIONS, metrics, log: quietLog });
}

async function publish(...values: unknown[]): Promise<void> {
  await sendRecords(
    producer,
    config.topics.evaluations,
    values.map((v) => ({ key: (v as { modelId?: string }).modelId ?? 'x', value: typeof v === 'string' ? v : JSON.stringify(v) })),
  );
}

const published = (): IncidentEvent[] => incidentEvents(incidents.messages);
const summary = (events: IncidentEvent[]) => events.map((e) => `${e.modelId} ${e.kind}/${e.feature} ${e.eventType} ${e.severity}`);

describe('alerter: evaluations to incidents on Kafka', () => {
  it('opens, escalates and resolves incidents; keeps one through flapping; survives a restart; ignores repeats', async () => {
    const income = (s: 'warning' | 'critical' = 'warning') => finding('data_drift', 'income', s);
    const region = finding('new_category', 'region');
    const first = engine();
    await first.start();
    await publish(
      evaluation('credit', 0, [income(), region]),
      evaluation('credit', 1, [income('critical')]),
      evaluation('credit', 2, []),
      evaluation('credit', 3, []),
      ...Array.from({ length: 8 }, (_, i) => evaluation('flappy', i, i % 2 === 0 ? [finding('missing_feature', 'age', 'critical')] : [])),
      'not json',
    );
    await waitFor('5 incident events', () => incidents.messages.length >= 5);
    // Let the engine commit and write its state before it stops (as a SIGTERM would).
    await new Promise((r) => setTimeout(r, 300));
    await first.stop();

    const byModel = (model: string) => summary(published().filter((e) => e.modelId === model));
    expect(byModel('credit')).toEqual([
      'credit data_drift/income opened warning',
      'credit new_category/region opened warning',
      'credit data_drift/income updated critical',
      'credit new_category/region resolved warning',
    ]);
    expect(byModel('flappy')).toEqual(['flappy missing_feature/age opened critical']);
    expect(incidents.messages.every((m, i) => m.key?.toString() === published()[i].modelId)).toBe(true);

    // A new process: the repeat of window 1 is ignored; window 4 is the third clean one in a row
    // for income only if windows 2 and 3 were remembered across the restart.
    const second = engine();
    await second.start();
    await publish(evaluation('credit', 1, [income('critical')]), evaluation('credit', 4, []));
    await waitFor('the income incident to resolve', () => published().some((e) => e.feature === 'income' && e.eventType === 'resolved'));
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();

    const all = published();
    expect(summary(all).filter((s) => s.startsWith('credit'))).toEqual([
      'credit data_drift/income opened warning',
      'credit new_category/region opened warning',
      'credit data_drift/income updated critical',
      'credit new_category/region resolved warning',
      'credit data_drift/income resolved critical',
    ]);
    const resolved = all.find((e) => e.feature === 'income' && e.eventType === 'resolved');
    expect(resolved).toMatchObject({ resolvedAt: T0 + 5 * MIN, openedAt: T0 + MIN, badWindows: 2, evidence: income('critical') });
    expect(new Set(all.filter((e) => e.feature === 'income').map((e) => e.incidentId)).size).toBe(1);

    const repository = new IncidentRepository(store.client);
    expect((await repository.list({ status: 'open' })).map((i) => `${i.modelId} ${i.kind}/${i.feature} ${i.badWindows}`)).toEqual(['flappy missing_feature/age 4']);
    expect((await repository.list({ modelId: 'credit' })).map((i) => i.status)).toEqual(['resolved', 'resolved']);
    const open = await metrics.incidentsOpen.get();
    expect(open.values.map((v) => [v.labels, v.value])).toEqual([[{ model: 'flappy', model_version: '1', kind: 'missing_feature', severity: 'critical' }, 1]]);

    const dlq = await follow(kafka, config.topics.dlq);
    await waitFor('the bad evaluation in the DLQ', () => dlq.messages.length >= 1);
    await dlq.stop();
    expect(dlq.messages[0].value?.toString()).toBe('not json');
    expect(readDlqMetadata(dlq.messages[0].headers)?.reason).toMatch(/^invalid evaluation: malformed JSON/);
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(respond: (index: number, res: ServerResponse) => void) {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      respond(requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, requests, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const SECRET = 'whsec_integration_0123456789';

describe('alerter: webhooks driven from driftwatch.incidents', () => {
  it('delivers every event, signed, retrying failures; dead-letters a refusing destination', async () => {
    const events = published();
    expect(events).toHaveLength(6);
    const generic = await receiver((i, res) => {
      if (i < 2) res.writeHead(500).end('down');
      else if (i === 2) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200).end('ok');
    });
    const slack = await receiver((_i, res) => res.writeHead(200).end('ok'));
    const refusing = await receiver((_i, res) => res.writeHead(400).end('no such channel'));
    const webhooks = new WebhookRepository(store.client);
    const now = Date.now();
    const base = { routingKey: null, minSeverity: 'warning' as const, enabled: true, createdAt: now, updatedAt: now, secret: SECRET };
    await webhooks.save({ ...base, id: 'generic', name: 'all', modelId: null, format: 'generic', url: generic.url });
    await webhooks.save({ ...base, id: 'slack', name: 'credit-team', modelId: 'credit', format: 'slack', url: slack.url, minSeverity: 'critical' });
    await webhooks.save({ ...base, id: 'refusing', name: 'flappy-team', modelId: 'flappy', format: 'generic', url: refusing.url });

    const dispatcher = new WebhookDispatcher({ config, webhooks, kafka, options: TEST_OPTIONS, metrics, log: quietLog });
    await dispatcher.start();
    try {
      await waitFor('6 deliveries to the generic receiver', () => generic.requests.length >= 3 + 6, 30_000);
      await waitFor('2 deliveries to slack', () => slack.requests.length >= 2);
    } finally {
      await new Promise((r) => setTimeout(r, 300));
      await dispatcher.stop();
      await Promise.all([generic.close(), slack.close(), refusing.close()]);
    }

    // Every request verifies; the first event was tried 4 times under one idempotency key.
    for (const r of [...generic.requests, ...slack.requests]) {
      const check = verifyWebhookSignature(SECRET, r.headers['x-driftwatch-timestamp'] as string, r.body, r.headers['x-driftwatch-signature'] as string);
      expect(check).toEqual({ ok: true });
    }
    const keys = generic.requests.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys.slice(0, 4)).size).toBe(1);
    expect(new Set(keys).size).toBe(6);
    expect(generic.requests.slice(3).map((r) => JSON.parse(r.body).eventType)).toEqual(events.map((e) => e.eventType));

    // Slack: only the credit incident that reached critical (its update and its resolve).
    expect(slack.requests.map((r) => JSON.parse(r.body).blocks[0].text.text)).toEqual([
      '[CRITICAL] credit: data_drift on income updated',
      '[CRITICAL] credit: data_drift on income resolved',
    ]);

    const dlq = await follow(kafka, config.topics.dlq);
    await waitFor('the refused delivery in the DLQ', () => dlq.messages.length >= 2);
    await dlq.stop();
    const refused = dlq.messages[1];
    expect(refused.headers?.[WEBHOOK_DESTINATION_HEADER]?.toString()).toBe('refusing');
    expect(readDlqMetadata(refused.headers)?.reason).toMatch(/webhook delivery failed: flappy-team \(refusing, 127\.0\.0\.1:\d+\): HTTP 400 \(not retried\)/);
    // The receiver's answer never reaches the DLQ: status code only.
    expect(readDlqMetadata(refused.headers)?.reason).not.toContain('no such channel');
    expect(decodeIncidentEvent(refused.value ?? Buffer.alloc(0))).toMatchObject({ ok: true, event: { modelId: 'flappy', eventType: 'opened' } });
    expect(refusing.requests).toHaveLength(1);

    const counted = await metrics.webhookDeliveries.get();
    expect(counted.values.filter((v) => v.value > 0).map((v) => [v.labels.destination, v.labels.destination_id, v.labels.outcome, v.value]).sort()).toEqual([
      ['all', 'generic', 'delivered', 6],
      ['credit-team', 'slack', 'delivered', 2],
      ['flappy-team', 'refusing', 'failed', 1],
    ]);
    // Every destination read from the store has both outcomes, at 0 until they happen.
    expect(counted.values.find((v) => v.labels.destination_id === 'refusing' && v.labels.outcome === 'delivered')?.value).toBe(0);
    for (const id of ['generic', 'slack', 'refusing']) await webhooks.delete(id);
  });

  it('redelivers after a restart with the same idempotency key, and commits only once delivered', async () => {
    let accept = false;
    const flaky = await receiver((_i, res) => (accept ? res.writeHead(204).end() : res.writeHead(503, { 'retry-after': '1' }).end()));
    const webhooks = new WebhookRepository(store.client);
    const now = Date.now();
    await webhooks.save({ id: 'flaky', name: 'flaky', modelId: 'credit', format: 'generic', url: flaky.url, secret: SECRET, routingKey: null, minSeverity: 'warning', enabled: true, createdAt: now, updatedAt: now });
    // A fresh group, as if these deliveries had never been made.
    const restartConfig: DriftwatchConfig = { ...config, kafka: { ...config.kafka, groups: { ...config.kafka.groups, alerter: uniqueName('restart') } } };
    const options = { ...TEST_OPTIONS, webhookRetry: { ...TEST_OPTIONS.webhookRetry, maxAttempts: 100 } };

    const before = new WebhookDispatcher({ config: restartConfig, webhooks, kafka, options, metrics, log: quietLog });
    await before.start();
    await waitFor('a first failing attempt', () => flaky.requests.length >= 1);
    await before.stop();
    const keyBefore = flaky.requests[0].headers['idempotency-key'];

    accept = true;
    const after = new WebhookDispatcher({ config: restartConfig, webhooks, kafka, options, metrics, log: quietLog });
    await after.start();
    const creditEvents = published().filter((e) => e.modelId === 'credit').length;
    try {
      await waitFor('every credit event delivered', () => new Set(flaky.requests.map((r) => r.headers['idempotency-key'])).size >= creditEvents);
      const admin = kafka.admin();
      await admin.connect();
      try {
        await waitFor('the offsets committed', async () => {
          const [topic] = await admin.fetchOffsets({ groupId: webhookGroupId(restartConfig), topics: [config.topics.incidents] });
          return topic.partitions[0].offset === String(published().length);
        });
      } finally {
        await admin.disconnect();
      }
    } finally {
      await after.stop();
      await flaky.close();
    }
    const firstAfterRestart = flaky.requests.find((r, i) => i > 0 && r.headers['x-driftwatch-attempt'] === '1');
    expect(firstAfterRestart?.headers['idempotency-key']).toBe(keyBefore);
    expect(JSON.parse(firstAfterRestart?.body ?? '{}').eventType).toBe('opened');
  });
});

/** A dispatcher in a group of its own, as if none of the events had been delivered yet. */
function freshDispatcher(tag: string, webhooks: WebhookRepository, options: typeof TEST_OPTIONS, extra: Partial<WebhookDispatcherDeps> = {}) {
  const own: DriftwatchConfig = { ...config, kafka: { ...config.kafka, groups: { ...config.kafka.groups, alerter: uniqueName(tag) } } };
  return { config: own, dispatcher: new WebhookDispatcher({ config: own, webhooks, kafka, options, metrics, log: quietLog, ...extra }) };
}

async function committedOffset(groupId: string): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [config.topics.incidents] });
    return topic.partitions[0].offset;
  } finally {
    await admin.disconnect();
  }
}

const dlqOf = (messages: { headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined> }[], destinationId: string) =>
  messages.filter((m) => m.headers?.[WEBHOOK_DESTINATION_HEADER]?.toString() === destinationId).map((m) => readDlqMetadata(m.headers as never)?.reason ?? '');

describe('alerter: webhook destinations are checked and isolated', () => {
  const now = Date.now();
  const base = { secret: SECRET, routingKey: null, minSeverity: 'warning' as const, enabled: true, createdAt: now, updatedAt: now, format: 'generic' as const };

  it('refuses a loopback address and a name resolving to loopback by default (dead-lettered, not retried, nothing sent); delivers to both with ALLOW_PRIVATE=true', async () => {
    const local = await receiver((_i, res) => res.writeHead(204).end());
    const port = new URL(local.url).port;
    const webhooks = new WebhookRepository(store.client);
    await webhooks.save({ ...base, id: 'ssrf-literal', name: 'literal', modelId: 'credit', url: local.url });
    await webhooks.save({ ...base, id: 'ssrf-named', name: 'named', modelId: 'credit', url: `http://hooks.example.test:${port}/hook` });
    // The name resolves to a public address and to loopback (a rebinding answer): every address is checked.
    const resolve: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const creditEvents = published().filter((e) => e.modelId === 'credit').length;
    const dlq = await follow(kafka, config.topics.dlq);
    const refusing = freshDispatcher('ssrf-refuse', webhooks, { ...TEST_OPTIONS, webhookAllowPrivate: false }, { resolve });
    await refusing.dispatcher.start();
    try {
      await waitFor('every refused delivery dead-lettered', () => dlqOf(dlq.messages, 'ssrf-literal').length >= creditEvents && dlqOf(dlq.messages, 'ssrf-named').length >= creditEvents);
      await waitFor('the refused events committed', async () => (await committedOffset(webhookGroupId(refusing.config))) === String(published().length));
    } finally {
      await refusing.dispatcher.stop();
    }
    expect(local.requests).toHaveLength(0);
    for (const reason of dlqOf(dlq.messages, 'ssrf-literal')) {
      expect(reason).toMatch(/literal \(ssrf-literal, 127\.0\.0\.1:\d+\): refused: address 127\.0\.0\.1 is in a non-public range \(loopback\); set DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true .*\(not retried\)/);
    }
    for (const reason of dlqOf(dlq.messages, 'ssrf-named')) expect(reason).toMatch(/refused: resolves to a non-public address \(loopback\).*\(not retried\)/);

    const allowing = freshDispatcher('ssrf-allow', webhooks, { ...TEST_OPTIONS, webhookAllowPrivate: true }, { resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    await allowing.dispatcher.start();
    try {
      await waitFor('both destinations delivered', () => local.requests.length >= 2 * creditEvents);
    } finally {
      await allowing.dispatcher.stop();
      await dlq.stop();
      await local.close();
    }
    expect(local.requests.filter((r) => r.headers.host === `hooks.example.test:${port}`)).toHaveLength(creditEvents);
    for (const id of ['ssrf-literal', 'ssrf-named']) await webhooks.delete(id);
  });

  it('a black hole and a 503 with Retry-After: 300 delay only themselves; the open circuit holds its lane until the retry window is over, then dead-letters; offsets wait for the pending delivery; no response body anywhere', async () => {
    const events = published();
    const healthy = await receiver((_i, res) => res.writeHead(200).end('ok'));
    // Accepts the connection and never answers.
    const blackHole = await receiver(() => undefined);
    const unavailable = await receiver((_i, res) => res.writeHead(503, { 'retry-after': '300' }).end('maintenance: internal token tok_8d7f6e and host db-primary.internal'));
    const webhooks = new WebhookRepository(store.client);
    await webhooks.save({ ...base, id: 'iso-healthy', name: 'healthy', modelId: null, url: healthy.url });
    await webhooks.save({ ...base, id: 'iso-black-hole', name: 'black-hole', modelId: null, url: blackHole.url });
    await webhooks.save({ ...base, id: 'iso-unavailable', name: 'unavailable', modelId: null, url: unavailable.url });
    const lines: string[] = [];
    const log = { log: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const options = {
      ...TEST_OPTIONS,
      // Retry-After: 300 is honoured (not over the limit): the 503 lane really waits five minutes.
      // The black hole's deliveries wait for its circuit (a probe every 10 minutes) until their 8 s window is over.
      webhookRetry: { ...TEST_OPTIONS.webhookRetry, maxAttempts: 3, retryForMs: 8_000, maxRetryAfterMs: 600_000 },
      webhookTimeoutMs: 1_000,
      webhookIsolation: { concurrency: 1, queueSize: 100, breaker: { failureThreshold: 2, openMs: 600_000 } },
    };
    const dlq = await follow(kafka, config.topics.dlq);
    const { config: own, dispatcher } = freshDispatcher('isolation', webhooks, options, { log });
    const started = Date.now();
    let healthyAfterMs = Infinity;
    await dispatcher.start();
    try {
      await waitFor('every event delivered to the healthy destination', () => healthy.requests.length >= events.length, 20_000);
      healthyAfterMs = Date.now() - started;
      // The black hole: two timed-out attempts open its circuit; its deliveries wait for a probe, then
      // are dead-lettered unattempted once their window is over (Retry-After is honoured whole: the 503 lane waits on).
      await waitFor('every black-hole delivery dead-lettered', () => dlqOf(dlq.messages, 'iso-black-hole').length >= events.length, 30_000);
      expect(unavailable.requests).toHaveLength(1);
      // The 503 lane still holds the first event: nothing may be committed past it.
      expect(BigInt(await committedOffset(webhookGroupId(own)))).toBeLessThanOrEqual(0n);
    } finally {
      await dispatcher.stop();
      await dlq.stop();
      await Promise.all([healthy.close(), blackHole.close(), unavailable.close()]);
    }
    // Generous: without isolation the healthy one would wait behind ~5 minutes of Retry-After and the timeouts.
    expect(healthyAfterMs).toBeLessThan(15_000);
    expect(healthy.requests.map((r) => JSON.parse(r.body).eventType)).toEqual(events.map((e) => e.eventType));
    expect(blackHole.requests).toHaveLength(2);
    const holeReasons = dlqOf(dlq.messages, 'iso-black-hole');
    expect(holeReasons[0]).toMatch(/timed out after 1000 ms/);
    expect(holeReasons.slice(1).every((r) => /circuit open \(2 consecutive failed attempts/.test(r))).toBe(true);
    expect(holeReasons.every((r) => /retry window of 8 s over/.test(r))).toBe(true);
    expect(dlqOf(dlq.messages, 'iso-unavailable')).toEqual([]);
    expect(BigInt(await committedOffset(webhookGroupId(own)))).toBeLessThanOrEqual(0n);
    // No part of any response body in log lines or DLQ reasons.
    const everything = [...lines, ...dlq.messages.map((m) => readDlqMetadata(m.headers as never)?.reason ?? '')].join('\n');
    expect(everything).not.toMatch(/maintenance|tok_8d7f6e|db-primary|no such channel/);
    for (const id of ['iso-healthy', 'iso-black-hole', 'iso-unavailable']) await webhooks.delete(id);
  });
});

