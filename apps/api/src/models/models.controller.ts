import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { catalogPage, PAGE_LIMITS, pageOf } from '../http/page-params';
import { MAX_VERSIONS_PER_MODEL, ModelCatalogService, type ModelView } from './model-catalog.service';
import { ModelListResponse } from './model-list.response';
import { ApiAccess } from '@driftwatch/runtime';

@ApiTags('models')
@ApiAccess('read')
@Controller('api/models')
export class ModelsController {
  constructor(private readonly catalog: ModelCatalogService) {}

  @Get()
  @ApiOperation({
    summary: 'Models seen in events or given a baseline, with their versions, window counts and baselines',
    description: `By model id. Each model lists at most ${MAX_VERSIONS_PER_MODEL} versions (those with the newest windows); versionCount says how many it has.`,
  })
  @ApiOkResponse({ type: ModelListResponse })
  @ApiQuery({ name: 'limit', required: false, description: `models per page (default and at most ${PAGE_LIMITS.catalog.max})` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page' })
  async list(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<{ models: ModelView[]; nextCursor: string | null }> {
    const page = catalogPage(limit, cursor);
    const { items, nextCursor } = pageOf(await this.catalog.page(page.fetch, page.offset), page.limit, page.offset);
    return { models: items, nextCursor };
  }
}
