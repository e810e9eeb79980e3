import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { PerformanceGranularity } from '@driftwatch/store';
import { checkName, iso, parseIntegerParam, parseRange } from '../http/query-params';
import { PerformanceListResponse } from './performance-list.response';
import type { PerformanceWindowView } from './performance-view';
import { PerformanceService } from './performance.service';
import { ApiAccess } from '@driftwatch/runtime';

export const DEFAULT_PERFORMANCE_LIMIT = 1440;
export const MAX_PERFORMANCE_LIMIT = 100_000;
const GRANULARITIES: readonly PerformanceGranularity[] = ['window', 'rollup'];

export interface PerformanceList {
  modelId: string;
  modelVersion: string | null;
  granularity: PerformanceGranularity;
  from: string;
  to: string;
  windows: PerformanceWindowView[];
}

@ApiTags('performance')
@ApiParam({ name: 'model', description: 'model id' })
@ApiAccess('read')
@Controller('api/models/:model/performance')
export class PerformanceController {
  constructor(private readonly service: PerformanceService) {}

  @Get()
  @ApiOperation({ summary: "The model's performance per window (or rollup bucket): labelled share, the watched metric against the baseline, every metric" })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601 or epoch ms; windows starting at or after it (default: 24 h before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601 or epoch ms; windows starting before it (default: now)' })
  @ApiQuery({ name: 'granularity', required: false, enum: GRANULARITIES, description: 'default: window' })
  @ApiQuery({ name: 'version', required: false, description: 'one model version (default: all)' })
  @ApiQuery({ name: 'limit', required: false, description: `the most recent this many (default ${DEFAULT_PERFORMANCE_LIMIT}, at most ${MAX_PERFORMANCE_LIMIT})` })
  @ApiOkResponse({ type: PerformanceListResponse })
  async history(
    @Param('model') model: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('granularity') granularity?: string,
    @Query('version') version?: string,
    @Query('limit') limit?: string,
  ): Promise<PerformanceList> {
    const modelId = checkName('model', model);
    const modelVersion = version === undefined || version === '' ? undefined : checkName('version', version);
    const range = parseRange(from, to);
    const gran = granularityParam(granularity);
    const windows = await this.service.history({
      modelId,
      modelVersion,
      granularity: gran,
      ...range,
      limit: parseIntegerParam('limit', limit, DEFAULT_PERFORMANCE_LIMIT, 1, MAX_PERFORMANCE_LIMIT),
    });
    return { modelId, modelVersion: modelVersion ?? null, granularity: gran, from: iso(range.from) as string, to: iso(range.to) as string, windows };
  }
}

function granularityParam(value: string | undefined): PerformanceGranularity {
  if (value === undefined || value === '') return 'window';
  if (!GRANULARITIES.includes(value as PerformanceGranularity)) {
    throw new BadRequestException(`query parameter granularity: expected window or rollup, got ${JSON.stringify(value)}`);
  }
  return value as PerformanceGranularity;
}
