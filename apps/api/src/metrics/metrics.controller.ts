import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { ApiAccess } from '@driftwatch/runtime';

// The process-wide default registry: the aggregator and other hosted modules register
// their driftwatch_* metrics there too, so one scrape shows the whole process.
let defaultsCollected = false;

function collectDefaultsOnce(): void {
  // Two apps in one process (tests) would otherwise register the same metric twice and throw.
  if (defaultsCollected || register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics({ register });
  defaultsCollected = true;
}

@ApiTags('health')
@ApiAccess('metrics')
@Controller('metrics')
export class MetricsController {
  constructor() {
    collectDefaultsOnce();
  }

  @Get()
  @Header('content-type', register.contentType)
  @ApiOperation({ summary: 'Prometheus metrics of this process (text format)' })
  @ApiProduces('text/plain')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
