import { encodeIncidentEvent, findingImpact, type IncidentEvent } from '@driftwatch/contracts';
import type { WebhookDestination } from './webhook-destination';

const TITLE: Record<IncidentEvent['eventType'], string> = { opened: 'opened', updated: 'updated', resolved: 'resolved' };

/** "credit-risk: data_drift on income" */
export function incidentSubject(event: IncidentEvent): string {
  return `${event.modelId}: ${event.kind}${event.feature === null ? '' : ` on ${event.feature}`}`;
}

/** The request body for a destination's format. */
export function webhookBody(destination: Pick<WebhookDestination, 'format' | 'routingKey'>, event: IncidentEvent): string {
  switch (destination.format) {
    case 'generic':
      return encodeIncidentEvent(event).toString('utf8');
    case 'slack':
      return JSON.stringify(slackMessage(event));
    case 'pagerduty':
      if (!destination.routingKey) throw new Error('a pagerduty destination needs a routingKey');
      return JSON.stringify(pagerDutyEvent(event, destination.routingKey));
    default:
      throw new Error(`unknown webhook format ${JSON.stringify(destination.format)}`);
  }
}

/** Slack mrkdwn treats &, < and > as control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function formatValue(value: number | null): string {
  return value === null ? '∞' : String(Number(value.toPrecision(4)));
}

function windowText(event: IncidentEvent): string {
  return `${new Date(event.windowStart).toISOString()} – ${new Date(event.windowEnd).toISOString()}`;
}

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` the layout. */
export function slackMessage(event: IncidentEvent): { text: string; blocks: unknown[] } {
  const icon = event.eventType === 'resolved' ? ':white_check_mark:' : event.severity === 'critical' ? ':rotating_light:' : ':warning:';
  const headline = `[${event.severity.toUpperCase()}] ${incidentSubject(event)} ${TITLE[event.eventType]}`;
  const e = event.evidence;
  const impact = findingImpact(e);
  return {
    text: escapeSlack(`${icon} ${headline}: ${e.message}`),
    blocks: [
      // Header blocks take plain text of at most 150 characters.
      { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(e.message), 3000) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Model*\n${escapeSlack(event.modelId)} v${escapeSlack(event.modelVersion)}` },
          { type: 'mrkdwn', text: `*Kind*\n${event.kind}` },
          { type: 'mrkdwn', text: `*Feature*\n${event.feature === null ? '—' : escapeSlack(event.feature)}` },
          { type: 'mrkdwn', text: `*Severity*\n${event.severity}` },
          { type: 'mrkdwn', text: `*${escapeSlack(e.metric)}*\n${formatValue(e.value)} (threshold ${formatValue(e.threshold)})` },
          { type: 'mrkdwn', text: `*Window*\n${windowText(event)}` },
          // Drift findings: the rank among incidents (the message names the bin that moved most).
          ...(impact === null ? [] : [{ type: 'mrkdwn', text: `*Impact*\n${formatValue(impact)}` }]),
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Incident \`${event.incidentId}\` · ${event.status} · bad windows: ${event.badWindows}` }],
      },
    ],
  };
}

/**
 * A PagerDuty Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * opened and updated trigger, resolved resolves; `dedup_key` is the incident id, so PagerDuty
 * folds every update of one incident into one alert.
 */
export function pagerDutyEvent(event: IncidentEvent, routingKey: string): Record<string, unknown> {
  if (event.eventType === 'resolved') {
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: event.incidentId };
  }
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: event.incidentId,
    payload: {
      // PagerDuty truncates the summary at 1024 characters.
      summary: truncate(`${incidentSubject(event)}: ${event.evidence.message}`, 1024),
      severity: event.severity,
      source: `driftwatch/${event.modelId}`,
      timestamp: new Date(event.updatedAt).toISOString(),
      component: event.feature ?? event.modelId,
      group: event.modelId,
      class: event.kind,
      custom_details: {
        incidentId: event.incidentId,
        eventType: event.eventType,
        modelVersion: event.modelVersion,
        window: { start: new Date(event.windowStart).toISOString(), end: new Date(event.windowEnd).toISOString() },
        badWindows: event.badWindows,
        evidence: event.evidence,
      },
    },
  };
}
