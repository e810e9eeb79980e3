import { randomBytes } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { checkDestination } from '@driftwatch/alerting';
import type { AlerterConfig } from '@driftwatch/config';
import { ALERTER_CONFIG } from '@driftwatch/runtime';
import { WebhookRepository, type StoredWebhookDestination } from '@driftwatch/store';
import type { WebhookBody } from './webhook-body.dto';
import { toWebhookView, type WebhookView } from './webhook-view';

/**
 * Webhook destinations in ClickHouse (shared by the api and the alerter in both modes). The
 * alerter re-reads them every DRIFTWATCH_WEBHOOK_REFRESH_MS (10 s by default). A literal
 * non-public address is refused here (400) unless DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true; host
 * names are checked by the alerter after resolution, at every delivery.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    @Inject(ALERTER_CONFIG) private readonly alerter: AlerterConfig,
  ) {}

  /** `limit` destinations, oldest first, from position `offset`. */
  async list(limit: number, offset: number): Promise<WebhookView[]> {
    return (await this.webhooks.listPage({ limit, offset })).map(toWebhookView);
  }

  async get(id: string): Promise<WebhookView> {
    return toWebhookView(await this.existing(id));
  }

  async create(body: WebhookBody): Promise<WebhookView> {
    const now = Date.now();
    const destination = this.build(`wh_${randomBytes(8).toString('hex')}`, body, undefined, now);
    await this.webhooks.save(destination);
    return toWebhookView(destination);
  }

  async replace(id: string, body: WebhookBody): Promise<WebhookView> {
    const previous = await this.existing(id);
    const destination = this.build(id, body, previous, Date.now());
    await this.webhooks.save(destination);
    return toWebhookView(destination);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.webhooks.delete(id))) throw new NotFoundException(`no webhook ${JSON.stringify(id)}`);
  }

  private async existing(id: string): Promise<StoredWebhookDestination> {
    const found = await this.webhooks.get(id);
    if (!found) throw new NotFoundException(`no webhook ${JSON.stringify(id)}`);
    return found;
  }

  private build(id: string, body: WebhookBody, previous: StoredWebhookDestination | undefined, now: number): StoredWebhookDestination {
    const destination: StoredWebhookDestination = {
      id,
      name: body.name,
      modelId: body.modelId ?? null,
      format: body.format,
      url: body.url,
      secret: body.secret ?? previous?.secret ?? '',
      routingKey: body.routingKey ?? (body.format === 'pagerduty' ? (previous?.routingKey ?? null) : null),
      minSeverity: body.minSeverity ?? 'warning',
      enabled: body.enabled ?? true,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    const problems = checkDestination(destination, { allowPrivate: this.alerter.webhookAllowPrivate });
    if (problems.length > 0) throw new BadRequestException(`invalid webhook: ${problems.join('; ')}`);
    return destination;
  }
}
