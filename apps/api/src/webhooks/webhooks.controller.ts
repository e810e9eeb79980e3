import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { catalogPage, PAGE_LIMITS, pageOf } from '../http/page-params';
import { checkName } from '../http/query-params';
import { STRICT_BODY } from '../http/strict-body.pipe';
import { WebhookBody } from './webhook-body.dto';
import type { WebhookView } from './webhook-view';
import { WebhooksService } from './webhooks.service';
import { ApiAccess } from '@driftwatch/runtime';

@ApiTags('webhooks')
@ApiAccess('admin')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'Webhook destinations (secrets are never returned)' })
  @ApiQuery({ name: 'limit', required: false, description: `destinations per page (default and at most ${PAGE_LIMITS.catalog.max})` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page' })
  async list(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<{ webhooks: WebhookView[]; nextCursor: string | null }> {
    const page = catalogPage(limit, cursor);
    const { items, nextCursor } = pageOf(await this.service.list(page.fetch, page.offset), page.limit, page.offset);
    return { webhooks: items, nextCursor };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a destination for incident events: generic JSON, Slack or PagerDuty, signed with its secret' })
  @ApiBody({ type: WebhookBody })
  create(@Body(STRICT_BODY) body: WebhookBody): Promise<WebhookView> {
    return this.service.create(body);
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiOperation({ summary: 'One destination' })
  get(@Param('id') id: string): Promise<WebhookView> {
    return this.service.get(checkName('id', id));
  }

  @Put(':id')
  @ApiParam({ name: 'id' })
  @ApiBody({ type: WebhookBody })
  @ApiOperation({ summary: 'Replace a destination; omitted secret and routing key keep their values' })
  replace(@Param('id') id: string, @Body(STRICT_BODY) body: WebhookBody): Promise<WebhookView> {
    return this.service.replace(checkName('id', id), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiParam({ name: 'id' })
  @ApiOperation({ summary: 'Remove a destination' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.service.delete(checkName('id', id));
  }
}
