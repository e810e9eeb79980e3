export * from './tokens';
export { RuntimeModule, type RuntimeOptions } from './runtime.module';
export { runHttpService, type HttpServiceOptions } from './http/run-http-service';
export { REPOSITORY_PROVIDERS } from './repository.providers';
export { API_ACCESS, ApiAccess } from './http/api-access.decorator';
export { ApiAuthGuard } from './http/api-auth.guard';
export { SERVICE_READINESS, ServiceHttpController, type ServiceReadiness } from './http/service-http.controller';
export { startServiceApp, type ServiceAppOptions } from './http/start-service-app';
export { LruMap } from './lru-map';
