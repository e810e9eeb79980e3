import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchToken, requiredScope, scopeAllows, type DriftwatchConfig, type RouteAccess } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG } from '../tokens';
import { API_ACCESS } from './api-access.decorator';

const CHALLENGE = 'Bearer realm="driftwatch"';

/**
 * Bearer-token check of every route, by the access it declares with @ApiAccess. Without
 * configured tokens every route is open (checkHttpBinding allows that on loopback only).
 * 401 (with `WWW-Authenticate: Bearer`) for a missing or unknown token, 403 for a token whose
 * scope is too low. The token itself is never logged nor echoed.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DRIFTWATCH_CONFIG) private readonly config: DriftwatchConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(API_ACCESS, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    // Fail closed: a route nobody classified must not be open by accident.
    if (access === undefined) throw new Error(`route ${req.method} ${context.getClass().name}.${context.getHandler().name} declares no access (@ApiAccess)`);
    const { tokens, metricsAuth } = this.config.apiAuth;
    const required = requiredScope(access, metricsAuth);
    if (required === null || tokens.length === 0) return true;

    const res = context.switchToHttp().getResponse<ServerResponse>();
    const presented = bearerToken(req.headers.authorization);
    if (presented === undefined) {
      res.setHeader('WWW-Authenticate', CHALLENGE);
      throw new UnauthorizedException('missing bearer token: send Authorization: Bearer <token>');
    }
    const scope = matchToken(presented, tokens);
    if (scope === undefined) {
      res.setHeader('WWW-Authenticate', `${CHALLENGE}, error="invalid_token"`);
      throw new UnauthorizedException('invalid bearer token');
    }
    if (!scopeAllows(scope, required)) {
      res.setHeader('WWW-Authenticate', `${CHALLENGE}, error="insufficient_scope", scope="${required}"`);
      throw new ForbiddenException(`this token has scope ${scope}; this request needs ${required}`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
