import { maskWebhookUrl } from '@driftwatch/alerting';
import type { StoredWebhookDestination } from '@driftwatch/store';
import { iso } from '../http/query-params';

/** A destination as the API shows it: never its secrets. */
export interface WebhookView {
  id: string;
  name: string;
  modelId: string | null;
  format: string;
  /** Scheme and host only, `/…` for any path or query (they may carry a token): the URL is treated like a secret. */
  url: string;
  minSeverity: string;
  enabled: boolean;
  secretSet: boolean;
  routingKeySet: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toWebhookView(d: StoredWebhookDestination): WebhookView {
  return {
    id: d.id,
    name: d.name,
    modelId: d.modelId,
    format: d.format,
    url: maskWebhookUrl(d.url),
    minSeverity: d.minSeverity,
    enabled: d.enabled,
    secretSet: d.secret.length > 0,
    routingKeySet: d.routingKey !== null,
    createdAt: iso(d.createdAt) as string,
    updatedAt: iso(d.updatedAt) as string,
  };
}
