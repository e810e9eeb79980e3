import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PAGE_LIMITS, pageInMemory } from '../http/page-params';
import { ModelCatalogService, type ModelView } from './model-catalog.service';
import { ModelListResponse } from './model-list.response';
import { ApiAccess } from '@driftwatch/runtime';

@ApiTags('models')
@ApiAccess('read')
@Controller('api/models')
export class ModelsController {
  constructor(private readonly catalog: ModelCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Models seen in events or given a baseline, with their versions, window counts and baselines' })
  @ApiOkResponse({ type: ModelListResponse })
  @ApiQuery({ name: 'limit', required: false, description: `models per page (default and at most ${PAGE_LIMITS.catalog.max})` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page' })
  async list(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<{ models: ModelView[]; nextCursor: string | null }> {
    const page = pageInMemory(await this.catalog.list(), limit, cursor);
    return { models: page.items, nextCursor: page.nextCursor };
  }
}
