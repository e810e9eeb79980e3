import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { instantParam, modelParam, positiveInteger } from './drift-params.util';
import { DriftService } from './drift.service';
import type { DriftEvaluationView } from './drift-view';
import { ApiAccess } from '@driftwatch/runtime';
import { checkMaxRange, MAX_RANGE_DAYS, PAGE_LIMITS, parseOffsetCursor } from '../http/page-params';

const DAY = 24 * 3600_000;

@ApiTags('drift')
@ApiParam({ name: 'model', description: 'model id' })
@ApiAccess('read')
@Controller('api/models/:model/drift')
export class DriftController {
  constructor(private readonly service: DriftService) {}

  @Get()
  @ApiOperation({ summary: "The model's evaluations (drift history): per window and per rollup bucket, features' drift decisions and findings" })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601 or epoch ms; windows starting at or after it (default: 24 h before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601 or epoch ms; windows starting before it (default: now)' })
  @ApiQuery({ name: 'version', required: false, description: 'one model version (default: all)' })
  @ApiQuery({ name: 'granularity', required: false, enum: ['window', 'rollup'], description: 'default: both' })
  @ApiQuery({ name: 'metrics', required: false, description: '"true" to include every metric of every feature' })
  @ApiQuery({ name: 'limit', required: false, description: `the most recent this many (default ${PAGE_LIMITS.drift.default}, at most ${PAGE_LIMITS.drift.max}); \`to\` − \`from\` at most ${MAX_RANGE_DAYS.drift} days` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page (older evaluations; pass the same from/to)' })
  async history(
    @Param('model') model: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('version') version?: string,
    @Query('granularity') granularity?: string,
    @Query('metrics') metrics?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<{ modelId: string; from: string; to: string; evaluations: DriftEvaluationView[]; nextCursor: string | null }> {
    const modelId = modelParam(model);
    const end = instantParam('to', to, Date.now());
    const start = instantParam('from', from, end - DAY);
    if (start >= end) throw new BadRequestException('query parameters from/to: from must be before to');
    if (granularity !== undefined && granularity !== '' && granularity !== 'window' && granularity !== 'rollup') {
      throw new BadRequestException(`query parameter granularity: expected window or rollup, got ${JSON.stringify(granularity)}`);
    }
    checkMaxRange({ from: start, to: end }, MAX_RANGE_DAYS.drift);
    const pageSize = positiveInteger('limit', limit, PAGE_LIMITS.drift.default, PAGE_LIMITS.drift.max);
    const offset = parseOffsetCursor(cursor);
    const { evaluations: rows, selected } = await this.service.history(
      {
        modelId,
        modelVersion: version || undefined,
        granularity: granularity ? (granularity as 'window' | 'rollup') : undefined,
        from: start,
        to: end,
        limit: pageSize + 1,
        offset,
      },
      metrics === 'true',
    );
    // Oldest first: the extra row that tells another page exists is the first. A page cut by
    // size (fewer rows than selected) goes on from the oldest row it kept.
    const cut = rows.length < selected;
    const evaluations = rows.length > pageSize ? rows.slice(rows.length - pageSize) : rows;
    const more = cut || selected > pageSize;
    return { modelId, from: new Date(start).toISOString(), to: new Date(end).toISOString(), evaluations, nextCursor: more ? String(offset + evaluations.length) : null };
  }
}
