import { afterEach, describe, expect, it } from 'vitest';
import { decodeIncidentEvent } from '@driftwatch/contracts';
import { deliveryIdOf } from './delivery-id.util';
import { incidentEvent } from './incident-event.test-util';
import { startReceiver } from './test-receiver.test-util';
import { deliverWebhook, type WebhookClientOptions } from './webhook-client';
import type { WebhookDestination } from './webhook-destination';
import { verifyWebhookSignature } from './webhook-signature';

const SECRET = 'test-secret-0123456789';
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
    const result = await deliverWebhook(destination(receiver.url), event, { sleep, random: () => 0.5, retry: { baseDelayMs: 100 } });

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
    const gone = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep });
    expect(gone).toMatchObject({ outcome: 'failed', attempts: 1, status: 410 });
    expect(gone.reason).toMatch(/HTTP 410: gone \(not retried\) after 1 attempt/);

    receiver.setResponder((_req, _i, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end());
    const moved = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep });
    expect(moved).toMatchObject({ outcome: 'failed', attempts: 1, status: 302 });
    expect(receiver.requests).toHaveLength(2);
  });

  it('retries 408 and gives up after maxAttempts with a reason that names the destination but not its URL path or secret', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(408).end());
    const { delays, sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep, retry: { maxAttempts: 3 } });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 3, status: 408 });
    expect(delays).toHaveLength(2);
    expect(result.reason).toContain('on-call (dst-1, 127.0.0.1:');
    expect(result.reason).not.toContain('secret-path');
    expect(result.reason).not.toContain(SECRET);
  });

  it('gives up at once when Retry-After asks for longer than allowed', async () => {
    receiver = await startReceiver((_req, _i, res) => res.writeHead(503, { 'retry-after': '3600' }).end());
    const { delays, sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(result.reason).toMatch(/Retry-After 3600 s exceeds the limit of 300 s/);
    expect(delays).toEqual([]);
  });

  it('times out a receiver that never answers, and retries', async () => {
    receiver = await startReceiver(() => undefined);
    const { sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep, timeoutMs: 200, retry: { maxAttempts: 2 } });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(result.reason).toMatch(/timed out after 200 ms/);
    expect(receiver.requests).toHaveLength(2);
  });

  it('reads only the first bytes of a huge error response', async () => {
    receiver = await startReceiver((_req, _i, res) => {
      res.writeHead(500);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 1024 && res.write(chunk)) sent++;
        if (sent < 1024) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    const { sleep } = recordingSleep();
    const result = await deliverWebhook(destination(receiver.url), incidentEvent(), { sleep, maxResponseBytes: 1024, retry: { maxAttempts: 1 } });
    expect(result.outcome).toBe('failed');
    expect(result.reason?.length).toBeLessThan(400);
  });

  it('reports a refused connection and stops when aborted', async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const controller = new AbortController();
    const result = await deliverWebhook(destination(url), incidentEvent(), {
      signal: controller.signal,
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason);
      },
    });
    expect(result).toMatchObject({ outcome: 'aborted', attempts: 1 });
    const refused = await deliverWebhook(destination(url), incidentEvent(), { ...recordingSleep(), retry: { maxAttempts: 1 } });
    expect(refused.reason).toMatch(/request failed: ECONNREFUSED/);
  });
});
