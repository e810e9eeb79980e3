import { afterEach, describe, expect, it } from 'vitest';
import { decodeIncidentEvent } from '@driftwatch/contracts';
import { deliveryIdOf } from './delivery-id.util';
import { incidentEvent } from './incident-event.test-util';
import { startReceiver } from './test-receiver.test-util';
import type { HostResolver } from './checked-lookup';
import { deliverWebhook, type AttemptReport, type WebhookClientOptions } from './webhook-client';
import type { WebhookDestination } from './webhook-destination';
import { verifyWebhookSignature } from './webhook-signature';

const SECRET = 'test-secret-0123456789';
/** The receivers listen on 127.0.0.1: non-public destinations must be allowed explicitly. */
const LOCAL = { allowPrivate: true } as const;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function destination(url: string, overrides: Partial<WebhookDestination> = {}): WebhookDestination {
  return { id: 'dst-1', name: 'on-call', modelId: null, format: 'generic', url, secret: SECRET, routingKey: null, minSeverity: 'warning', enabled: true, ...overrides };
}

/** Records the delays asked for and does not wait, so retries cost no test time. */
function recordingSleep(): { delays: number[]; sleep: NonNullable<WebhookClientOptions['sleep']> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

describe('deliverWebhook', () => {
  it('retries 500 and 429 (waiting at least Retry-After), then succeeds; every attempt signed, one idempotency key', async () => {
    receiver = await startReceiver((_req, i, res) => {
      if (i < 2) res.writeHead(500).end('boom');
      else if (i === 2) res.writeHead(429, { 'retry-after': '7' }).end();
      else res.writeHead(202).end();
    });
    const event = incidentEvent();
    const { delays, sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), event, { ...LOCAL, sleep, random: () => 0.5, retry: { baseDelayMs: 100 } });

    expect(result).toEqual({ outcome: 'delivered', deliveryId: deliveryIdOf(event, 'dst-1'), attempts: 4, status: 202 });
    expect(delays).toEqual([50, 100, 7000]);
    expect(receiver.requests).toHaveLength(4);
    for (const [i, request] of receiver.requests.entries()) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      const check = verifyWebhookSignature(SECRET, request.headers['x-driftwatch-timestamp'] as string, request.body, request.headers['x-driftwatch-signature'] as string);
      expect(check).toEqual({ ok: true });
      expect(request.headers['idempotency-key']).toBe(result.deliveryId);
      expect(request.headers['x-driftwatch-delivery-id']).toBe(result.deliveryId);
      expect(request.headers['x-driftwatch-attempt']).toBe(String(i + 1));
      expect(request.headers['x-driftwatch-event']).toBe('incident.opened');
      expect(decodeIncidentEvent(Buffer.from(request.body))).toEqual({ ok: true, event, format: 'json' });
    }
  });

  it('does not retry a 4xx other than 408/429, and does not follow redirects', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(410).end('gone'));
    const { sleep } = recordingSleep();
    const gone = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep });
    expect(gone).toMatchObject({ outcome: 'failed', attempts: 1, status: 410 });
    expect(gone.reason).toMatch(/HTTP 410 \(not retried\) after 1 attempt/);
    expect(gone.reason).not.toContain('gone');

    receiver.setResponder((_req, _i, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end());
    const moved = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep });
    expect(moved).toMatchObject({ outcome: 'failed', attempts: 1, status: 302 });
    expect(receiver.requests).toHaveLength(2);
  });

  it('retries 408 and gives up after maxAttempts with a reason that names the destination but not its URL path or secret', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(408).end());
    const { delays, sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, retry: { maxAttempts: 3 } });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 3, status: 408 });
    expect(delays).toHaveLength(2);
    expect(result.reason).toContain('on-call (dst-1, 127.0.0.1:');
    expect(result.reason).not.toContain('secret-path');
    expect(result.reason).not.toContain(SECRET);
  });

  it('gives up at once when Retry-After asks for longer than allowed', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(503, { 'retry-after': '3600' }).end());
    const { delays, sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(result.reason).toMatch(/Retry-After 3600 s exceeds the limit of 300 s/);
    expect(delays).toEqual([]);
  });

  it('times out a receiver that never answers, and retries', async () => {
    receiver = await startReceiver(() => undefined);
    const { sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, timeoutMs: 200, retry: { maxAttempts: 2 } });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(result.reason).toMatch(/timed out after 200 ms/);
    expect(receiver.requests).toHaveLength(2);
  });

  it('never reads the response body into the reason: status code only, even for a huge or endless answer', async () => {
    receiver = await startReceiver((_req, i, res) => {
      if (i === 0) return void res.writeHead(500).end('db password=hunter2 at 10.0.0.7');
      res.writeHead(503);
      // An endless body: the client must not wait for its end.
      const timer = setInterval(() => res.write('x'.repeat(1024)), 5);
      res.on('close', () => clearInterval(timer));
    });
    const { sleep } = recordingSleep();
    const first = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, retry: { maxAttempts: 1 } });
    expect(first.reason).toMatch(/HTTP 500 after 1 attempt/);
    expect(first.reason).not.toMatch(/hunter2|password|10\.0\.0\.7/);
    const endless = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, timeoutMs: 5_000, retry: { maxAttempts: 1 } });
    expect(endless).toMatchObject({ outcome: 'failed', status: 503 });
    expect(endless.reason).not.toContain('xxx');
  });

  it('reports a refused connection and stops when aborted', async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const controller = new AbortController();
    const result = await deliverWebhook(destination(url), incidentEvent(), {
      ...LOCAL,
      signal: controller.signal,
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason);
      },
    });
    expect(result).toMatchObject({ outcome: 'aborted', attempts: 1 });
    const refused = await deliverWebhook(destination(url), incidentEvent(), { ...LOCAL, ...recordingSleep(), retry: { maxAttempts: 1 } });
    expect(refused.reason).toMatch(/request failed: ECONNREFUSED/);
  });

  it('refuses a loopback destination by default, at once and without retries, and delivers to it when allowed', async () => {
    receiver = await startReceiver();
    const { delays, sleep } = recordingSleep();
    const attempts: AttemptReport[] = [];
    const refused = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep, onAttempt: (a) => attempts.push(a) });
    expect(refused).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(refused.reason).toMatch(/refused: address 127\.0\.0\.1 is in a non-public range \(loopback\); set DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true/);
    expect(attempts).toEqual([expect.objectContaining({ outcome: 'failed', refused: true })]);
    expect(delays).toEqual([]);
    expect(receiver.requests).toHaveLength(0);

    const allowed = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep });
    expect(allowed).toMatchObject({ outcome: 'delivered', attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a host name that resolves to loopback (checked after resolution, every address), and connects to the checked address when allowed', async () => {
    receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    const url = `http://hooks.example.test:${port}/hooks/secret-path`;
    const lookups: string[] = [];
    // A rebinding answer: one public address and one loopback one.
    const resolve: HostResolver = async (host) => {
      lookups.push(host);
      return [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ];
    };
    const { sleep } = recordingSleep();
    const refused = await deliverWebhook(destination(url), incidentEvent(), { sleep, resolve });
    expect(refused).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(refused.reason).toMatch(/refused: resolves to a non-public address \(loopback\).*\(not retried\)/);
    expect(receiver.requests).toHaveLength(0);
    expect(lookups).toEqual(['hooks.example.test']);

    const onlyLocal: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const allowed = await deliverWebhook(destination(url), incidentEvent(), { ...LOCAL, sleep, resolve: onlyLocal });
    expect(allowed).toMatchObject({ outcome: 'delivered' });
    expect(receiver.requests[0].headers.host).toBe(`hooks.example.test:${port}`);

    // localhost is loopback by name (RFC 6761), whatever the resolver says.
    const byName = await deliverWebhook(destination(`http://localhost:${port}/x`), incidentEvent(), { sleep });
    expect(byName.reason).toMatch(/refused: .*loopback/);
  });

  it('without an attempt limit retries until the retry window, counted from when it was queued, is over; the last backoff is cut at its end', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(503).end());
    let clock = 1_000_000;
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
      clock += ms;
    };
    const retry = { maxAttempts: 0, retryForMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 4_000 };
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, now: () => clock, random: () => 0.9999, retry });
    expect(delays).toEqual([999, 1999, 3999, 3003]);
    expect(result).toMatchObject({ outcome: 'failed', attempts: 5, status: 503 });
    expect(result.reason).toMatch(/HTTP 503 after 5 attempt\(s\); retry window of 10 s over$/);
    expect(receiver.requests).toHaveLength(5);

    // Queued 9 s ago: one second of window left.
    receiver.requests.length = 0;
    delays.length = 0;
    const late = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, now: () => clock, since: clock - 9_000, random: () => 0.9999, retry });
    expect(delays).toEqual([999, 1]);
    expect(late).toMatchObject({ outcome: 'failed', attempts: 3 });
  });

  it('a gate asking to wait holds the delivery without counting an attempt, and gives it up when the window ends first', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(200).end());
    let clock = 5_000_000;
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
      clock += ms;
    };
    let waits = 2;
    const gate = () => (waits-- > 0 ? { waitMs: 5_000, reason: 'circuit open' } : undefined);
    const retry = { maxAttempts: 0, retryForMs: 60_000 };
    const through = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, now: () => clock, gate, retry });
    expect(through).toMatchObject({ outcome: 'delivered', attempts: 1 });
    expect(receiver.requests[0].headers['x-driftwatch-attempt']).toBe('1');
    expect(delays).toEqual([5_000, 5_000]);

    delays.length = 0;
    const closed = () => ({ waitMs: 5_000, reason: 'circuit open' });
    const given = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, now: () => clock, since: clock - 52_000, gate: closed, retry });
    expect(delays).toEqual([5_000, 3_000]);
    expect(given).toMatchObject({ outcome: 'failed', attempts: 0 });
    expect(given.reason).toMatch(/: circuit open; retry window of 60 s over$/);
    expect(receiver.requests).toHaveLength(1);
  });

  it('asks the gate before every attempt and gives up with its reason', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(503).end());
    const { sleep } = recordingSleep();
    let allowed = 2;
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { ...LOCAL, sleep, gate: () => (allowed-- > 0 ? undefined : 'circuit open') });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(result.reason).toMatch(/: circuit open \(after HTTP 503 on attempt 2\)/);
    expect(receiver.requests).toHaveLength(2);
  });
});
