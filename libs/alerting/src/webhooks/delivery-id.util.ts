import { createHash } from 'node:crypto';
import type { IncidentEvent } from '@driftwatch/contracts';

/**
 * The Idempotency-Key of one event for one destination. The alerter's events are deterministic
 * (times are window ends), so a retry, a redelivery after a restart and a replay of the same
 * evaluation all carry the same key, and a receiver can drop the duplicates.
 */
export function deliveryIdOf(event: Pick<IncidentEvent, 'incidentId' | 'eventType' | 'updatedAt'>, destinationId: string): string {
  return createHash('sha256').update(JSON.stringify([event.incidentId, event.eventType, event.updatedAt, destinationId])).digest('hex').slice(0, 40);
}
