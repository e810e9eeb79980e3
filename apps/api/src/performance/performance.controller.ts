import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { PerformanceGranularity } from '@driftwatch/store';
import { checkMaxRange, MAX_RANGE_DAYS, PAGE_LIMITS, pageOf, parseOffsetCursor } from '../http/page-params';
import { checkName, iso, parseIntegerParam, parseRange } from '../http/query-params';
import { PerformanceListResponse } from './performance-list.response';
import type { PerformanceWindowView } from './performance-view';
import { PerformanceService } from './performance.service';
import { ApiAccess } from '@driftwatch/runtime';

export const DEFAULT_PERFORMANCE_LIMIT = PAGE_LIMITS.performance.default;
export const MAX_PERFORMANCE_LIMIT = PAGE_LIMITS.performance.max;
const GRANULARITIES: readonly PerformanceGranularity[] = ['window', 'rollup'];

export interface PerformanceList {
  modelId: string;
  modelVersion: string | null;
  granularity: PerformanceGranularity;
  from: string;
  to: string;
  windows: PerformanceWindowView[];
  /** Pass as `cursor` (same from/to) for the next, older page; null on the last one. */
  nextCursor: string | null;
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
  @ApiQuery({ name: 'limit', required: false, description: `the most recent this many (default ${DEFAULT_PERFORMANCE_LIMIT}, at most ${MAX_PERFORMANCE_LIMIT}); \`to\` − \`from\` at most ${MAX_RANGE_DAYS.performance} days` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page (older windows; pass the same from/to)' })
  @ApiOkResponse({ type: PerformanceListResponse })
  async history(
    @Param('model') model: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('granularity') granularity?: string,
    @Query('version') version?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<PerformanceList> {
    const modelId = checkName('model', model);
    const modelVersion = version === undefined || version === '' ? undefined : checkName('version', version);
    const range = parseRange(from, to);
    checkMaxRange(range, MAX_RANGE_DAYS.performance);
    const gran = granularityParam(granularity);
    const pageSize = parseIntegerParam('limit', limit, DEFAULT_PERFORMANCE_LIMIT, 1, MAX_PERFORMANCE_LIMIT);
    const offset = parseOffsetCursor(cursor);
    const rows = await this.service.history({ modelId, modelVersion, granularity: gran, ...range, limit: pageSize + 1, offset });
    const page = pageOf(rows, pageSize, offset);
    return {
      modelId,
      modelVersion: modelVersion ?? null,
      granularity: gran,
      from: iso(range.from) as string,
      to: iso(range.to) as string,
      windows: page.items,
      nextCursor: page.nextCursor,
    };
  }
}

function granularityParam(value: string | undefined): PerformanceGranularity {
  if (value === undefined || value === '') return 'window';
  if (!GRANULARITIES.includes(value as PerformanceGranularity)) {
    throw new BadRequestException(`query parameter granularity: expected window or rollup, got ${JSON.stringify(value)}`);
  }
  return value as PerformanceGranularity;
}
