import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  async list(): Promise<{ models: ModelView[] }> {
    return { models: await this.catalog.list() };
  }
}
