import type { StoredWebhookDestination } from '@driftwatch/store';
import { iso } from '../http/query-params';

/** A destination as the API shows it: never its secrets. */
export interface WebhookView {
  id: string;
  name: string;
  modelId: string | null;
  format: string;
  /** Without query string, and for Slack without the path (both usually carry a token). */
  url: string;
  minSeverity: string;
  enabled: boolean;
  secretSet: boolean;
  routingKeySet: boolean;
  createdAt: string;
  updatedAt: string;
}

export function redactUrl(url: string, format: string): string {
  try {
    const u = new URL(url);
    return format === 'slack' ? `${u.origin}/…` : `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

export function toWebhookView(d: StoredWebhookDestination): WebhookView {
  return {
    id: d.id,
    name: d.name,
    modelId: d.modelId,
    format: d.format,
    url: redactUrl(d.url, d.format),
    minSeverity: d.minSeverity,
    enabled: d.enabled,
    secretSet: d.secret.length > 0,
    routingKeySet: d.routingKey !== null,
    createdAt: iso(d.createdAt) as string,
    updatedAt: iso(d.updatedAt) as string,
  };
}
