import { waitFor } from './wait-for';

/**
 * The HTTP contract every service run alone keeps (libs/runtime startServiceApp): /health/live
 * answers at once, /health/ready once its consumers run, /metrics in Prometheus text with the
 * process metrics. Throws naming what broke; returns the metrics text for the service's own
 * series to be checked by the caller.
 */
export async function checkServiceHttp(baseUrl: string, readyWithinMs = 60_000): Promise<string> {
  const url = baseUrl.replace('[::1]', '127.0.0.1');
  const live = await fetch(`${url}/health/live`);
  if (live.status !== 200) throw new Error(`/health/live answered ${live.status}`);
  await waitFor('/health/ready', async () => (await fetch(`${url}/health/ready`)).status === 200, readyWithinMs, { intervalMs: 200 });
  const response = await fetch(`${url}/metrics`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain')) throw new Error(`/metrics answered as ${type || 'no content type'}, not Prometheus text`);
  const text = await response.text();
  if (!/^process_cpu_user_seconds_total /m.test(text)) throw new Error('/metrics lacks the process metrics');
  return text;
}
