import { Module } from '@nestjs/common';
import { WebhooksController } from '../webhooks/webhooks.controller';
import { WebhooksService } from '../webhooks/webhooks.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/**
 * Incidents (read-only: the alerter writes them) and the webhook destinations the alerter
 * delivers them to. Needs RuntimeModule (the store) from the host.
 */
@Module({
  controllers: [IncidentsController, WebhooksController],
  providers: [IncidentsService, WebhooksService],
})
export class IncidentsHttpModule {}
