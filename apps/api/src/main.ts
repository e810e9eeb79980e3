// The api service alone (distributed mode, or beside a separately run aggregator on a ClickHouse server).
import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule, runHttpService } from '@driftwatch/runtime';
import { ApiModule } from './api.module';
import { API_HTTP } from './http/configure-http';

@Module({})
class ApiAppModule {
  static forRoot(config: DriftwatchConfig): DynamicModule {
    return { module: ApiAppModule, imports: [RuntimeModule.forRoot({ config }), ApiModule] };
  }
}

runHttpService({ name: 'api', ...API_HTTP, rootModule: (config) => ApiAppModule.forRoot(config) }).catch((error: unknown) => {
  // Not an operator mistake (those exit with one line inside runHttpService): show everything.
  process.stderr.write(`driftwatch: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
