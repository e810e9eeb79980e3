import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkName, parseIntegerParam } from '../http/query-params';
import type { IncidentView } from './incident-view';
import { IncidentsService } from './incidents.service';
import { ApiAccess } from '@driftwatch/runtime';

const STATUSES = ['open', 'resolved'] as const;
const SORTS = ['updated', 'impact'] as const;

@ApiTags('incidents')
@ApiAccess('read')
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly service: IncidentsService) {}

  @Get()
  @ApiOperation({ summary: 'Incidents, most recently updated first (or by impact), with their latest evidence' })
  @ApiQuery({ name: 'model', required: false, description: 'one model id' })
  @ApiQuery({ name: 'version', required: false, description: 'one model version (incidents are per model version)' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000 (default 100)' })
  @ApiQuery({ name: 'sort', required: false, enum: SORTS, description: 'updated (default) or impact: drift findings by evidence.details.impact, highest first, others after' })
  async list(
    @Query('model') model?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('sort') sort?: string,
    @Query('version') version?: string,
  ): Promise<{ incidents: IncidentView[] }> {
    if (status !== undefined && status !== '' && !(STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException(`query parameter status: expected open or resolved, got ${JSON.stringify(status)}`);
    }
    if (sort !== undefined && sort !== '' && !(SORTS as readonly string[]).includes(sort)) {
      throw new BadRequestException(`query parameter sort: expected updated or impact, got ${JSON.stringify(sort)}`);
    }
    const incidents = await this.service.list({
      modelId: model ? checkName('model', model) : undefined,
      modelVersion: version ? checkName('version', version) : undefined,
      status: status ? (status as (typeof STATUSES)[number]) : undefined,
      limit: parseIntegerParam('limit', limit, 100, 1, 1000),
      sort: sort ? (sort as (typeof SORTS)[number]) : undefined,
    });
    return { incidents };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident by id' })
  @ApiParam({ name: 'id', description: 'incidentId, as in the driftwatch.incidents events' })
  get(@Param('id') id: string): Promise<IncidentView> {
    return this.service.get(checkName('id', id));
  }
}
