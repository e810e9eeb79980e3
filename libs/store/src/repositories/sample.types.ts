import type { EventSample } from '@driftwatch/contracts';

export type { EventSample };
