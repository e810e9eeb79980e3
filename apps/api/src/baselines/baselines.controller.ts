import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { catalogPage, PAGE_LIMITS, pageOf } from '../http/page-params';
import { checkName } from '../http/query-params';
import { STRICT_BODY } from '../http/strict-body.pipe';
import { BaselineFromWindowsBody, CreateBaselineBody } from './baseline-body.dto';
import { BaselineListResponse, BaselineResponse } from './baseline.response';
import type { BaselineSummaryView, BaselineView } from './baseline-view';
import { BaselinesService, type FromWindowsResult } from './baselines.service';
import { ApiAccess } from '@driftwatch/runtime';

@ApiTags('baselines')
@Controller('api/models/:model')
export class BaselinesController {
  constructor(private readonly service: BaselinesService) {}

  @Post('versions/:version/baselines')
  @ApiAccess('write')
  @HttpCode(201)
  @ApiOperation({ summary: 'Store a baseline (as `driftwatch baseline create` builds it); it becomes the active one' })
  @ApiBody({ type: CreateBaselineBody })
  @ApiCreatedResponse({ type: BaselineResponse })
  create(@Param('model') model: string, @Param('version') version: string, @Body(STRICT_BODY) body: CreateBaselineBody): Promise<BaselineView> {
    return this.service.create(checkName('model', model), checkName('version', version), body);
  }

  @Post('versions/:version/baselines/from-windows')
  @ApiAccess('write')
  @HttpCode(201)
  @ApiOperation({ summary: 'Build and store a baseline from the events kept for this version in a time range' })
  @ApiBody({ type: BaselineFromWindowsBody })
  @ApiCreatedResponse({ type: BaselineResponse })
  fromWindows(
    @Param('model') model: string,
    @Param('version') version: string,
    @Body(STRICT_BODY) body: BaselineFromWindowsBody,
  ): Promise<FromWindowsResult> {
    return this.service.createFromWindows(checkName('model', model), checkName('version', version), body);
  }

  @Get('versions/:version/baselines/active')
  @ApiAccess('read')
  @ApiOperation({ summary: "The version's active (newest) baseline" })
  @ApiOkResponse({ type: BaselineResponse })
  active(@Param('model') model: string, @Param('version') version: string): Promise<BaselineView> {
    return this.service.active(checkName('model', model), checkName('version', version));
  }

  @Get('baselines')
  @ApiAccess('read')
  @ApiOperation({ summary: "The model's baselines, newest first" })
  @ApiOkResponse({ type: BaselineListResponse })
  @ApiQuery({ name: 'limit', required: false, description: `baselines per page (default and at most ${PAGE_LIMITS.catalog.max})` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page' })
  async list(@Param('model') model: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<{ baselines: BaselineSummaryView[]; nextCursor: string | null }> {
    const page = catalogPage(limit, cursor);
    const { items, nextCursor } = pageOf(await this.service.list(checkName('model', model), page.fetch, page.offset), page.limit, page.offset);
    return { baselines: items, nextCursor };
  }

  @Get('baselines/:baselineId')
  @ApiAccess('read')
  @ApiOperation({ summary: 'One baseline by id, active or not' })
  @ApiOkResponse({ type: BaselineResponse })
  get(@Param('model') model: string, @Param('baselineId') baselineId: string): Promise<BaselineView> {
    return this.service.get(checkName('model', model), checkName('baselineId', baselineId));
  }
}
