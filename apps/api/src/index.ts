// The api's public entry, for the apps that host ApiModule (apps/standalone) and for tests of
// other apps that run the real API in-process. Importing it starts nothing (main.ts does).
export { ApiModule } from './api.module';
export { API_HTTP, apiListeningMessage, configureHttpApp, OPENAPI_JSON_PATH, OPENAPI_UI_PATH } from './http/configure-http';
export { ReadinessService, type CheckResult, type Readiness, type ReadinessCheck } from './health/readiness.service';
export type { IncidentView } from './incidents/incident-view';
export { PoliciesHttpModule } from './policies/policies-http.module';
