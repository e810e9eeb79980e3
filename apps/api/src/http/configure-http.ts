import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { HttpServiceOptions } from '@driftwatch/runtime';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { OPENAPI_DESCRIPTION, OPENAPI_TAGS } from './openapi-tags';
import { useJsonBodyParser } from './json-body-parser';
import { useRequestShapeGuard } from './request-shape';

export const OPENAPI_JSON_PATH = '/api/docs';
export const OPENAPI_UI_PATH = '/api/docs/ui';

/**
 * The HTTP side of an app hosting ApiModule: JSON bodies up to 10 MB and 32 levels deep, query
 * parameters given once, one error shape, the OpenAPI document at /api/docs (Swagger UI at
 * /api/docs/ui; both open without a token: they describe the API, which is public, and hold no
 * data). The app must be created with
 * `bodyParser: false` so the limit set here is the only JSON parser.
 */
export function configureHttpApp(app: NestExpressApplication): void {
  useJsonBodyParser(app);
  useRequestShapeGuard(app);
  app.useGlobalFilters(new AllExceptionsFilter());
  const builder = new DocumentBuilder()
    .setTitle('Driftwatch API')
    .setDescription(OPENAPI_DESCRIPTION)
    .setVersion('0.1.0')
    // Tokens of DRIFTWATCH_API_TOKENS; health and (by default) metrics need none.
    .addBearerAuth()
    .addSecurityRequirements('bearer');
  for (const tag of OPENAPI_TAGS) builder.addTag(tag.name, tag.description);
  const document = () => SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup(OPENAPI_UI_PATH.slice(1), app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1), yamlDocumentUrl: 'api/docs.yaml' });
}

/** The line a service hosting ApiModule logs once it listens on `base`. */
export function apiListeningMessage(base: string): string {
  return `API listening on ${base}/api (OpenAPI ${base}${OPENAPI_JSON_PATH}, health ${base}/health/ready, metrics ${base}/metrics)`;
}

/** What runHttpService needs from a service hosting ApiModule: `runHttpService({ ...API_HTTP, … })`. */
export const API_HTTP: Pick<HttpServiceOptions, 'configureApp' | 'listeningMessage'> = {
  configureApp: configureHttpApp,
  listeningMessage: apiListeningMessage,
};
