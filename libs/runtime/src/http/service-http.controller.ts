import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { ApiAccess } from './api-access.decorator';

/** What `/health/ready` asks: the service's consumers run. */
export interface ServiceReadiness {
  isReady(): boolean;
}

/** Injection token of the ServiceReadiness a service module provides (`useExisting` its service). */
export const SERVICE_READINESS = Symbol('SERVICE_READINESS');

/**
 * `/metrics` (the process's default registry) and `/health/live|ready` for a service running
 * alone (distributed mode): the aggregator, the evaluator and the alerter. In the standalone
 * process the api serves these routes for every hosted module instead. /metrics needs a read
 * token when DRIFTWATCH_METRICS_AUTH is on (ApiAuthGuard, registered by each service).
 */
@Controller()
export class ServiceHttpController {
  constructor(@Inject(SERVICE_READINESS) private readonly readiness: ServiceReadiness) {
    // Two services in one process (tests) would otherwise register the same metric twice and throw.
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
    if (!this.readiness.isReady()) throw new HttpException({ status: 'not ready' }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ready' };
  }
}
