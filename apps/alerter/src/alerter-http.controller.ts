import { Controller, Get, Header, HttpException, HttpStatus } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { ApiAccess } from '@driftwatch/runtime';
import { AlerterService } from './alerter.service';

/**
 * /metrics and health for the alerter running alone (distributed mode). Not part of
 * AlerterModule: in the standalone process the api serves these routes for every module.
 */
@Controller()
export class AlerterHttpController {
  constructor(private readonly alerter: AlerterService) {
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register });
  }

  @Get('metrics')
  @ApiAccess('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }

  @Get('health/live')
  @ApiAccess('public')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiAccess('public')
  ready(): { status: 'ready' } {
    if (!this.alerter.isReady()) throw new HttpException({ status: 'not ready' }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ready' };
  }
}
