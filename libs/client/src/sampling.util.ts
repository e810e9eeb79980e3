import { crc32 } from 'node:zlib';

/**
 * Whether the event with this id is published at `rate`. The decision depends on the event id
 * only, so a label is sent exactly when its event was, in every process and in the Python client
 * (the same CRC-32 of the UTF-8 id).
 */
export function sampled(eventId: string, rate: number): boolean {
  if (rate >= 1) return true;
  return crc32(Buffer.from(eventId, 'utf8')) < rate * 4_294_967_296;
}
