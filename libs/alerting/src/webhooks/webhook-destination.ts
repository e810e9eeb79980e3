import { SEVERITIES, type IncidentEvent, type Severity } from '@driftwatch/contracts';
import { literalHostRefusal } from './address-policy';

export const WEBHOOK_FORMATS = ['generic', 'slack', 'pagerduty'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Where incident events go. Secrets are plain strings here: keep destinations out of logs (see `describeDestination`). */
export interface WebhookDestination {
  id: string;
  name: string;
  /** null: every model. */
  modelId: string | null;
  format: WebhookFormat;
  url: string;
  /** HMAC-SHA256 key of the X-Driftwatch-Signature header. */
  secret: string;
  /** PagerDuty Events v2 integration key; required for that format, unused otherwise. */
  routingKey: string | null;
  /** Events of incidents below this severity are not sent. */
  minSeverity: Severity;
  enabled: boolean;
}

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/**
 * Whether an event goes to a destination. Incident severity only rises while open, so an
 * incident whose 'opened' was below the threshold reaches the destination from the 'updated'
 * that raised it, and then its 'resolved' too (PagerDuty needs the resolve of what it triggered).
 */
export function destinationMatches(destination: WebhookDestination, event: IncidentEvent): boolean {
  if (!destination.enabled) return false;
  if (destination.modelId !== null && destination.modelId !== event.modelId) return false;
  return RANK[event.severity] >= RANK[destination.minSeverity];
}

/** A destination for logs and DLQ reasons: name, id and host only (Slack and others put the secret in the URL path). */
export function describeDestination(destination: Pick<WebhookDestination, 'id' | 'name' | 'url'>): string {
  let host = 'invalid-url';
  try {
    host = new URL(destination.url).host;
  } catch {
    // keep the placeholder: the URL itself may be a secret
  }
  return `${destination.name} (${destination.id}, ${host})`;
}

/**
 * Problems with a destination, each naming its field; empty when it is usable. Unless
 * `allowPrivate`, a literal non-public address (or a localhost name) in the URL is one: host
 * names are checked again after resolution at every delivery.
 */
export function checkDestination(d: Partial<WebhookDestination>, policy: { allowPrivate?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!d.name || d.name.length > 200) problems.push('name: required, at most 200 characters');
  if (d.modelId !== null && d.modelId !== undefined && (typeof d.modelId !== 'string' || d.modelId.length === 0 || d.modelId.length > 128)) {
    problems.push('modelId: null (every model) or a model id of at most 128 characters');
  }
  if (!d.format || !(WEBHOOK_FORMATS as readonly string[]).includes(d.format)) problems.push(`format: one of ${WEBHOOK_FORMATS.join('|')}`);
  try {
    const url = new URL(d.url ?? '');
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('url: http:// or https:// only');
    if (url.username || url.password) problems.push('url: must not contain credentials');
    const refusal = literalHostRefusal(url.hostname, policy.allowPrivate ?? false);
    if (refusal !== undefined) problems.push(refusal);
  } catch {
    problems.push('url: not a valid URL');
  }
  if (!d.secret || d.secret.length < 16 || d.secret.length > 512) problems.push('secret: required, 16 to 512 characters');
  if (d.format === 'pagerduty' && !d.routingKey) problems.push('routingKey: required for the pagerduty format');
  if (d.minSeverity !== undefined && !(SEVERITIES as readonly string[]).includes(d.minSeverity)) problems.push(`minSeverity: one of ${SEVERITIES.join('|')}`);
  return problems;
}
