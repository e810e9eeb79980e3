import { createHash } from 'node:crypto';

/**
 * A deterministic insert deduplication token from the parts that identify what a write
 * covers (e.g. topic, partition, first and last offset, flush number). The same parts give
 * the same token, so a write retried after a crash is dropped by ClickHouse. Hashing keeps the
 * token short whatever the parts are.
 */
export function dedupToken(...parts: ReadonlyArray<string | number>): string {
  if (parts.length === 0) throw new Error('dedupToken needs at least one part');
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}
