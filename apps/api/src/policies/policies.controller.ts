import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { modelParam, positiveInteger } from '../drift/drift-params.util';
import { PoliciesService } from './policies.service';
import type { PolicyView } from './policy-view';
import { ApiAccess } from '@driftwatch/runtime';

const POLICY_SCHEMA = {
  type: 'object',
  description:
    'Overrides of the default policy; any subset. Sections: minWindowEvents, drift.{numeric,categorical}.{method,threshold,critical}, ' +
    'drift.falseAlarmRate (target false incidents per model per 30 days, default 1: a distance signals drift only beyond what a clean window ' +
    'of its size shows at the per-feature level this gives, a p-value only at or below it; null: thresholds alone; replaces drift.minEvents, ' +
    'which a stored policy may still hold and which is then ignored), ' +
    'importance.{critical,minorMaxSeverity}, missing.{increase,critical}, newCategory.{share,critical}, typeErrors.{rate,critical}, ' +
    'outOfRange.{share,critical,ratio}, schema.{unknownSeverity,vanishedSeverity}, dataset.{share,correction,severity}, ' +
    'silence.{minEvents,afterWindows,severity}, alerting.{openAfter,resolveAfter,cooldownSeconds}, rollup.{enabled,bucketSeconds}, ' +
    'reference.{mode,lagSeconds,minEvents} (mode baseline (default), lagged: drift judged against the stored windows of the same span lagSeconds earlier, ' +
    'default 7 days, when they hold minEvents events; both: drift only when the baseline and that span both say so), ' +
    'features.{name}.{method,threshold,critical,importance,ignore}. GET shows the effective policy with every default.',
  example: { minWindowEvents: 200, drift: { numeric: { method: 'psi', threshold: 0.1, critical: 0.25 }, falseAlarmRate: 1 }, features: { income: { importance: 0.4 } } },
};
const VIEW_SCHEMA = {
  type: 'object',
  properties: {
    modelId: { type: 'string' },
    policy: { type: 'object', description: 'the stored overrides' },
    effective: { type: 'object', description: 'defaults merged with the overrides' },
    updatedAt: { type: 'string', format: 'date-time', nullable: true },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};

@ApiTags('policies')
@ApiParam({ name: 'model', description: 'model id' })
@Controller('api/models/:model/policy')
export class PoliciesController {
  constructor(private readonly service: PoliciesService) {}

  @Get()
  @ApiAccess('read')
  @ApiOperation({ summary: "The model's drift policy: stored overrides and the effective policy (defaults when none is stored)" })
  @ApiOkResponse({ schema: VIEW_SCHEMA })
  get(@Param('model') model: string): Promise<PolicyView> {
    return this.service.get(modelParam(model));
  }

  @Put()
  @ApiAccess('write')
  @ApiOperation({ summary: "Replace the model's policy (overrides of the defaults; {} restores the defaults). 400 names every bad field" })
  @ApiBody({ schema: POLICY_SCHEMA })
  @ApiOkResponse({ schema: VIEW_SCHEMA })
  put(@Param('model') model: string, @Body() body: unknown): Promise<PolicyView> {
    return this.service.put(modelParam(model), body);
  }

  @Get('history')
  @ApiAccess('read')
  @ApiOperation({ summary: "Earlier versions of the model's policy, newest first" })
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many (default 20)' })
  history(@Param('model') model: string, @Query('limit') limit?: string) {
    return this.service.history(modelParam(model), positiveInteger('limit', limit, 20, 1000));
  }
}
