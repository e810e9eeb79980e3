import type { WebhookDestination } from '@driftwatch/alerting';
import type { StoredWebhookDestination, WebhookRepository } from '@driftwatch/store';

/**
 * The destinations, re-read from the store at most every `refreshMs`, so a destination added
 * through the API is used within that time without a restart. When a re-read fails the last
 * list is kept (a ClickHouse hiccup must not drop deliveries); the first read must succeed.
 */
export class DestinationCache {
  private cached: WebhookDestination[] | undefined;
  private readAt = 0;

  constructor(
    private readonly repository: Pick<WebhookRepository, 'list'>,
    private readonly refreshMs: number,
    private readonly onStale: (error: Error) => void = () => undefined,
    /** After every successful read (metrics: the destinations' series start at 0). */
    private readonly onRead: (destinations: readonly WebhookDestination[]) => void = () => undefined,
  ) {}

  async get(now: number = Date.now()): Promise<WebhookDestination[]> {
    if (this.cached && now - this.readAt < this.refreshMs) return this.cached;
    try {
      this.cached = (await this.repository.list()).map(toDestination);
      this.readAt = now;
      this.onRead(this.cached);
    } catch (error) {
      if (!this.cached) throw error;
      this.onStale(error as Error);
    }
    return this.cached;
  }
}

function toDestination(d: StoredWebhookDestination): WebhookDestination {
  return {
    id: d.id,
    name: d.name,
    modelId: d.modelId,
    format: d.format,
    url: d.url,
    secret: d.secret,
    routingKey: d.routingKey,
    minSeverity: d.minSeverity,
    enabled: d.enabled,
  };
}
