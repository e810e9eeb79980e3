import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { errorBody } from './error-body';

/** Largest JSON body accepted: a baseline of thousands of features with fine grids fits easily. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * JSON bodies up to MAX_BODY_BYTES. The parser runs as express middleware, before Nest's
 * exception filters, so its failures (too large, not JSON) are turned into the JSON error
 * shape here instead of express's HTML error page.
 */
export function useJsonBodyParser(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.use((err: BodyParserError, _req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const status = err.status;
    if (status === undefined || status < 400 || status >= 500) return next(err);
    const message =
      err.type === 'entity.too.large'
        ? `request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`
        : err.type === 'entity.parse.failed'
          ? `request body is not valid JSON: ${err.message}`
          : err.message;
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(errorBody(status, message)));
  });
}
