import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { errorBody } from './error-body';

/** Deepest JSON body accepted: real bodies (baselines, policies, webhooks) nest 4–5 levels. */
export const MAX_BODY_DEPTH = 32;

type ShapedRequest = IncomingMessage & { query?: Record<string, unknown>; body?: unknown };

/**
 * Refuses, as a 400 naming the problem, the two request shapes the handlers are not written
 * for: a query parameter given twice (express then hands an array where every handler reads a
 * string), and a JSON body nested deeper than
 * MAX_BODY_DEPTH (validation and transformation recurse per level: 100,000 levels overflow
 * the stack). Runs after the JSON parser, before any route.
 */
export function useRequestShapeGuard(app: NestExpressApplication): void {
  app.use((req: ShapedRequest, res: ServerResponse, next: () => void) => {
    const problem = queryProblem(req.query) ?? (depthExceeds(req.body, MAX_BODY_DEPTH) ? `request body is nested deeper than ${MAX_BODY_DEPTH} levels` : null);
    if (problem === null) return next();
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(errorBody(400, problem)));
  });
}

function queryProblem(query: Record<string, unknown> | undefined): string | null {
  for (const [name, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string') continue;
    return `query parameter ${JSON.stringify(name.slice(0, 64))}: given more than once`;
  }
  return null;
}

/** Iterative, so measuring a hostile body cannot itself overflow the stack. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
