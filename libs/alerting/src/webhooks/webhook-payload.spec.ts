import { describe, expect, it } from 'vitest';
import { incidentEvent } from './incident-event.test-util';
import { destinationMatches, checkDestination, describeDestination, type WebhookDestination } from './webhook-destination';
import { webhookBody } from './webhook-payload';

describe('Slack format', () => {
  it('has a fallback text and blocks with the evidence, escaped for mrkdwn', () => {
    const body = JSON.parse(webhookBody({ format: 'slack', routingKey: null }, incidentEvent()));
    expect(body.text).toBe(':rotating_light: [CRITICAL] credit-risk: data_drift on income opened: income: PSI 0.31 ≥ 0.25 (critical) &lt;b&gt;&amp;&lt;/b&gt;');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[0].text).toEqual({ type: 'plain_text', text: '[CRITICAL] credit-risk: data_drift on income opened', emoji: true });
    expect(body.blocks[2].fields.map((f: { text: string }) => f.text)).toEqual([
      '*Model*\ncredit-risk v7',
      '*Kind*\ndata_drift',
      '*Feature*\nincome',
      '*Severity*\ncritical',
      '*psi*\n0.3123 (threshold 0.25)',
      '*Window*\n2026-11-26T14:00:00.000Z – 2026-11-26T14:01:00.000Z',
    ]);
    expect(body.blocks[3].elements[0].text).toContain('inc_0123456789abcdef0123456789abcdef');
  });

  it('keeps the header within Slack\'s 150 characters', () => {
    const body = JSON.parse(webhookBody({ format: 'slack', routingKey: null }, incidentEvent({ feature: 'f'.repeat(300) })));
    expect(body.blocks[0].text.text).toHaveLength(150);
    expect(body.text.startsWith(':rotating_light:')).toBe(true);
    const resolved = JSON.parse(webhookBody({ format: 'slack', routingKey: null }, incidentEvent({ eventType: 'resolved' })));
    expect(resolved.text.startsWith(':white_check_mark:')).toBe(true);
  });
});

describe('PagerDuty Events v2 format', () => {
  it('triggers with the incident id as dedup_key', () => {
    const body = JSON.parse(webhookBody({ format: 'pagerduty', routingKey: 'R0UTING' }, incidentEvent({ eventType: 'updated', severity: 'warning' })));
    expect(body).toMatchObject({
      routing_key: 'R0UTING',
      event_action: 'trigger',
      dedup_key: 'inc_0123456789abcdef0123456789abcdef',
      payload: {
        summary: 'credit-risk: data_drift on income: income: PSI 0.31 ≥ 0.25 (critical) <b>&</b>',
        severity: 'warning',
        source: 'driftwatch/credit-risk',
        timestamp: '2026-11-26T14:01:00.000Z',
        component: 'income',
        group: 'credit-risk',
        class: 'data_drift',
        custom_details: { incidentId: 'inc_0123456789abcdef0123456789abcdef', eventType: 'updated', badWindows: 1, modelVersion: '7' },
      },
    });
    expect(body.payload.custom_details.evidence.metric).toBe('psi');
  });

  it('resolves by dedup_key alone', () => {
    const body = JSON.parse(webhookBody({ format: 'pagerduty', routingKey: 'R0UTING' }, incidentEvent({ eventType: 'resolved' })));
    expect(body).toEqual({ routing_key: 'R0UTING', event_action: 'resolve', dedup_key: 'inc_0123456789abcdef0123456789abcdef' });
  });

  it('caps the summary at 1024 characters and refuses a destination without a routing key', () => {
    const long = incidentEvent();
    long.evidence = { ...long.evidence, message: 'm'.repeat(5000) };
    expect(JSON.parse(webhookBody({ format: 'pagerduty', routingKey: 'R' }, long)).payload.summary).toHaveLength(1024);
    expect(() => webhookBody({ format: 'pagerduty', routingKey: null }, long)).toThrow(/routingKey/);
  });
});

describe('drift explanation and impact', () => {
  const explained = incidentEvent();
  explained.evidence = {
    ...explained.evidence,
    message: 'income: wasserstein 0.31 ≥ 0.1 (critical); most moved: 52000–61000, 12% → 31%',
    details: {
      impact: 6.2,
      impactFactors: { drift: 3.1, importance: 2 },
      explanation: { method: 'wasserstein', additive: true, bins: 10, top: [{ low: 52000, high: 61000, baselineShare: 0.12, currentShare: 0.31, contribution: 0.09 }] },
    },
  };

  it('the generic and PagerDuty payloads carry both, Slack shows the impact and the most moved bin', () => {
    const generic = JSON.parse(webhookBody({ format: 'generic', routingKey: null }, explained));
    expect(generic.evidence.details).toEqual(explained.evidence.details);
    const pd = JSON.parse(webhookBody({ format: 'pagerduty', routingKey: 'R' }, explained));
    expect(pd.payload.custom_details.evidence.details).toEqual(explained.evidence.details);
    expect(pd.payload.summary).toContain('most moved: 52000–61000, 12% → 31%');
    const slack = JSON.parse(webhookBody({ format: 'slack', routingKey: null }, explained));
    expect(slack.blocks[2].fields.at(-1).text).toBe('*Impact*\n6.2');
    expect(slack.text).toContain('most moved: 52000–61000');
  });
});

describe('destinations', () => {
  const base: WebhookDestination = {
    id: 'd',
    name: 'team',
    modelId: null,
    format: 'generic',
    url: 'https://hooks.example.com/T0/B0/s3cr3t',
    secret: 'x'.repeat(16),
    routingKey: null,
    minSeverity: 'warning',
    enabled: true,
  };

  it('match by model and minimum severity', () => {
    expect(destinationMatches(base, incidentEvent())).toBe(true);
    expect(destinationMatches({ ...base, modelId: 'credit-risk' }, incidentEvent())).toBe(true);
    expect(destinationMatches({ ...base, modelId: 'other' }, incidentEvent())).toBe(false);
    expect(destinationMatches({ ...base, minSeverity: 'critical' }, incidentEvent({ severity: 'warning' }))).toBe(false);
    expect(destinationMatches({ ...base, enabled: false }, incidentEvent())).toBe(false);
  });

  it('are described without their URL path', () => {
    expect(describeDestination(base)).toBe('team (d, hooks.example.com)');
  });

  it('are checked field by field', () => {
    expect(checkDestination(base)).toEqual([]);
    expect(checkDestination({ ...base, format: 'pagerduty', url: 'ftp://x', secret: 'short', name: '' })).toEqual([
      'name: required, at most 200 characters',
      'url: http:// or https:// only',
      'secret: required, 16 to 512 characters',
      'routingKey: required for the pagerduty format',
    ]);
  });
});
