import { Counter, register } from 'prom-client';
import type { StoreClient } from './store-client';

const NAME = 'driftwatch_store_write_errors_total';

/**
 * Failed ClickHouse writes, by table and operation, in the default registry (every service's
 * /metrics): every service writes through a store client, so counting there sees them all.
 */
export function storeWriteErrorsCounter(): Counter<'table' | 'operation'> {
  return (
    (register.getSingleMetric(NAME) as Counter<'table' | 'operation'> | undefined) ??
    new Counter({ name: 'driftwatch_store_write_errors_total', help: 'ClickHouse writes that failed, by table and operation (insert).', labelNames: ['table', 'operation'] })
  );
}

/** The table of an insert target (`\`db\`.\`windows\`` → `windows`), the only part that is a bounded label. */
export function tableLabel(target: string): string {
  const last = target.split('.').pop() ?? target;
  return last.replace(/^[`"]|[`"]$/g, '') || 'unknown';
}

/**
 * Counts the failures of `client.insert` (the one way repositories write). A table's series
 * starts at 0 with its first write, so the first failure shows in increase().
 */
export function countWriteErrors(client: StoreClient['client']): void {
  const insert = client.insert.bind(client);
  const counter = storeWriteErrorsCounter();
  const seen = new Set<string>();
  const patched = async (params: Parameters<typeof insert>[0]) => {
    const table = tableLabel(String(params.table));
    if (!seen.has(table)) {
      seen.add(table);
      counter.inc({ table, operation: 'insert' }, 0);
    }
    try {
      return await insert(params);
    } catch (error) {
      counter.inc({ table, operation: 'insert' });
      throw error;
    }
  };
  client.insert = patched as typeof client.insert;
}
