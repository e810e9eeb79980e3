import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ReadinessService, type Readiness } from './readiness.service';
import { ApiAccess } from '@driftwatch/runtime';

@ApiTags('health')
@ApiAccess('public')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process answers' })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'ClickHouse and Kafka (and a hosted aggregator) are reachable; 503 names what is not' })
  @ApiOkResponse({ description: '{status: "ready", checks}' })
  @ApiServiceUnavailableResponse({ description: '{statusCode: 503, error, message naming the failed dependencies, checks}' })
  async ready(): Promise<{ status: 'ready'; checks: Readiness['checks'] }> {
    const { ready, checks } = await this.readiness.check();
    if (!ready) {
      const failed = Object.entries(checks).flatMap(([name, r]) => (r.ok ? [] : [`${name} (${r.error})`]));
      throw new ServiceUnavailableException({ message: `not ready: ${failed.join('; ')}`, checks });
    }
    return { status: 'ready', checks };
  }
}
