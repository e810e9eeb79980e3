import { SetMetadata } from '@nestjs/common';
import type { RouteAccess } from '@driftwatch/config';

export const API_ACCESS = 'driftwatch:api-access';

/**
 * Declares who may call a route (on a controller for all its routes, or on one handler, which
 * wins): a token scope (`read`, `write`, `admin`), `public`, or `metrics`. Every route must
 * declare one: ApiAuthGuard refuses a route without it.
 */
export const ApiAccess = (access: RouteAccess): MethodDecorator & ClassDecorator => SetMetadata(API_ACCESS, access);
