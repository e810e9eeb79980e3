/** An on-call destination as stored (webhook_destinations, migration 0006). */
export interface StoredWebhookDestination {
  id: string;
  name: string;
  /** null: every model. */
  modelId: string | null;
  format: 'generic' | 'slack' | 'pagerduty';
  url: string;
  secret: string;
  routingKey: string | null;
  minSeverity: 'warning' | 'critical';
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}
