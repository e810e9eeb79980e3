import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiAuthGuard } from '@driftwatch/runtime';
import { BaselinesController } from './baselines/baselines.controller';
import { BaselinesService } from './baselines/baselines.service';
import { HealthController } from './health/health.controller';
import { IncidentsHttpModule } from './incidents/incidents-http.module';
import { ReadinessService } from './health/readiness.service';
import { MetricsController } from './metrics/metrics.controller';
import { ModelCatalogService } from './models/model-catalog.service';
import { ModelsController } from './models/models.controller';
import { PageController } from './page/page.controller';
import { PerformanceController } from './performance/performance.controller';
import { PerformanceService } from './performance/performance.service';
import { PoliciesHttpModule } from './policies/policies-http.module';
import { WindowsController } from './windows/windows.controller';
import { WindowsService } from './windows/windows.service';

/**
 * The REST API, health and metrics. Needs RuntimeModule (config, store, Kafka) imported by
 * the host: apps/api alone, or apps/standalone beside the aggregator. The HTTP setup
 * (body limit, error shape, OpenAPI) is applied to the app by configureHttpApp. Every route
 * declares its access with @ApiAccess; ApiAuthGuard checks the bearer token against it.
 */
@Module({
  imports: [PoliciesHttpModule, IncidentsHttpModule],
  controllers: [ModelsController, WindowsController, PerformanceController, BaselinesController, HealthController, MetricsController, PageController],
  providers: [ModelCatalogService, WindowsService, PerformanceService, BaselinesService, ReadinessService, { provide: APP_GUARD, useClass: ApiAuthGuard }],
  exports: [ReadinessService],
})
export class ApiModule {}
