/**
 * A destination URL as the API shows it: scheme and host (with port) only, `/…` standing for any
 * path or query. Generic, Slack and PagerDuty URLs alike may carry a token in either, so the URL
 * is treated as a secret; the full one is only read by the alerter to deliver.
 */
export function maskWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    const hidden = (u.pathname !== '' && u.pathname !== '/') || u.search !== '' || u.hash !== '';
    return `${u.protocol}//${u.host}${hidden ? '/…' : '/'}`;
  } catch {
    return '…';
  }
}
