export * from './tokens';
export { RuntimeModule, type RuntimeOptions } from './runtime.module';
export { runHttpService, type HttpServiceOptions } from './http/run-http-service';
export { REPOSITORY_PROVIDERS } from './repository.providers';
export { LruMap } from './lru-map';
