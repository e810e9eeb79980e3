import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PAGE_LIMITS, pageOf, parseOffsetCursor } from '../http/page-params';
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
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${PAGE_LIMITS.incidents.max} (default ${PAGE_LIMITS.incidents.default})` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page (same filters and sort)' })
  @ApiQuery({ name: 'sort', required: false, enum: SORTS, description: 'updated (default) or impact: drift findings by evidence.details.impact, highest first, others after' })
  async list(
    @Query('model') model?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('sort') sort?: string,
    @Query('version') version?: string,
    @Query('cursor') cursor?: string,
  ): Promise<{ incidents: IncidentView[]; nextCursor: string | null }> {
    if (status !== undefined && status !== '' && !(STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException(`query parameter status: expected open or resolved, got ${JSON.stringify(status)}`);
    }
    if (sort !== undefined && sort !== '' && !(SORTS as readonly string[]).includes(sort)) {
      throw new BadRequestException(`query parameter sort: expected updated or impact, got ${JSON.stringify(sort)}`);
    }
    const pageSize = parseIntegerParam('limit', limit, PAGE_LIMITS.incidents.default, 1, PAGE_LIMITS.incidents.max);
    const offset = parseOffsetCursor(cursor);
    const rows = await this.service.list({
      modelId: model ? checkName('model', model) : undefined,
      modelVersion: version ? checkName('version', version) : undefined,
      status: status ? (status as (typeof STATUSES)[number]) : undefined,
      limit: pageSize + 1,
      offset,
      sort: sort ? (sort as (typeof SORTS)[number]) : undefined,
    });
    const page = pageOf(rows, pageSize, offset);
    return { incidents: page.items, nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident by id' })
  @ApiParam({ name: 'id', description: 'incidentId, as in the driftwatch.incidents events' })
  get(@Param('id') id: string): Promise<IncidentView> {
    return this.service.get(checkName('id', id));
  }
}
