// A small Node model service publishing through @driftwatch/client, with the same routes as the
// Python example (clients/python/examples/wsgi_service.py): the "model" returns the score the
// request carries, so a test controls the relation between scores and labels.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Monitor, type MonitorOptions } from '@driftwatch/client';

export interface ModelService {
  url: string;
  close(): Promise<void>;
}

interface PredictRow {
  features: Record<string, number | string | null>;
  score: number;
  timestamp?: number;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

export async function startNodeModelService(options: MonitorOptions): Promise<ModelService> {
  const monitor = new Monitor(options);
  const routes: Record<string, (b: Record<string, unknown>) => unknown> = {
    '/predict': (b) => {
      const rows = b.rows as PredictRow[];
      return { eventIds: rows.map((r) => monitor.log(r.features, r.score, { timestamp: r.timestamp })), scores: rows.map((r) => r.score) };
    },
    '/labels': (b) => {
      const labels = b.labels as { eventId: string; label: number; timestamp?: number }[];
      for (const l of labels) monitor.logLabel(l.eventId, l.label, l.timestamp);
      return { sent: labels.length };
    },
    '/flush': async () => {
      await monitor.flush(30_000);
      return { left: monitor.stats().inQueue, ...monitor.stats() };
    },
  };
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    body(req)
      .then(async (b) => {
        const payload = JSON.stringify(await route(b));
        res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
      })
      .catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await monitor.close();
    },
  };
}
