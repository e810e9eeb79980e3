import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkMaxRange, MAX_RANGE_DAYS, PAGE_LIMITS, parseTimeCursor } from '../http/page-params';
import { checkName, iso, parseIntegerParam, parseRange } from '../http/query-params';
import { WindowListResponse } from './window-list.response';
import type { WindowView } from './window-view';
import { WindowsService } from './windows.service';
import { ApiAccess } from '@driftwatch/runtime';

interface WindowList {
  modelId: string;
  modelVersion: string | null;
  from: string;
  to: string;
  bucketSeconds?: number;
  windows: WindowView[];
  /** Pass as `cursor` (same from/to) for the next page; null on the last one. */
  nextCursor: string | null;
}

const RangeQueries = (kind: 'windows' | 'rollup') =>
  applyDecorators(
    ApiQuery({ name: 'limit', required: false, description: `${kind === 'windows' ? 'window starts' : 'buckets'} per page (default ${PAGE_LIMITS[kind].default}, at most ${PAGE_LIMITS[kind].max})` }),
    ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page (same from/to)' }),
    ApiQuery({ name: 'from', required: false, description: `ISO-8601 or epoch ms; windows starting at or after it (default: 24 h before \`to\`; \`to\` − \`from\` at most ${MAX_RANGE_DAYS[kind]} days)` }),
    ApiQuery({ name: 'to', required: false, description: 'ISO-8601 or epoch ms; windows starting before it (default: now)' }),
    ApiQuery({ name: 'version', required: false, description: 'one model version (default: all)' }),
  );

@ApiTags('windows')
@ApiParam({ name: 'model', description: 'model id' })
@ApiAccess('read')
@Controller('api/models/:model/windows')
export class WindowsController {
  constructor(private readonly service: WindowsService) {}

  @Get()
  @ApiOperation({ summary: "A model's windows: event and late counts, per-feature histograms" })
  @RangeQueries('windows')
  @ApiOkResponse({ type: WindowListResponse })
  async windows(
    @Param('model') model: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('version') version?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<WindowList> {
    const range = { modelId: checkName('model', model), modelVersion: version || undefined, ...parseRange(from, to) };
    checkMaxRange(range, MAX_RANGE_DAYS.windows);
    const pageSize = parseIntegerParam('limit', limit, PAGE_LIMITS.windows.default, 1, PAGE_LIMITS.windows.max);
    const page = await this.service.windows({ ...range, from: parseTimeCursor(cursor, range) ?? range.from }, pageSize);
    return { ...header(range), windows: page.items, nextCursor: page.nextCursor };
  }

  @Get('rollup')
  @ApiOperation({ summary: 'Windows summed into epoch-aligned buckets (3600: hours, 86400: UTC days)' })
  @ApiQuery({ name: 'bucket', required: false, description: 'bucket size in seconds (default 3600)' })
  @RangeQueries('rollup')
  @ApiOkResponse({ type: WindowListResponse })
  async rollup(
    @Param('model') model: string,
    @Query('bucket') bucket?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('version') version?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<WindowList> {
    const bucketSeconds = parseIntegerParam('bucket', bucket, 3600, 1, 366 * 86400);
    const range = { modelId: checkName('model', model), modelVersion: version || undefined, ...parseRange(from, to) };
    checkMaxRange(range, MAX_RANGE_DAYS.rollup);
    const pageSize = parseIntegerParam('limit', limit, PAGE_LIMITS.rollup.default, 1, PAGE_LIMITS.rollup.max);
    const page = await this.service.rollup({ ...range, from: parseTimeCursor(cursor, range) ?? range.from }, bucketSeconds, pageSize);
    return { ...header(range), bucketSeconds, windows: page.items, nextCursor: page.nextCursor };
  }
}

function header(range: { modelId: string; modelVersion?: string; from: number; to: number }) {
  return { modelId: range.modelId, modelVersion: range.modelVersion ?? null, from: iso(range.from) as string, to: iso(range.to) as string };
}
