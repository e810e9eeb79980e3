import type * as Chdb from 'chdb';

let engine: Promise<typeof Chdb> | undefined;

/**
 * Runs one stateless query on the embedded ClickHouse engine (no data directory, so it never
 * competes for the process's single on-disk database) and returns the raw output bytes.
 * Values reach the SQL only as `{name:Type}` parameters bound by the engine. The native
 * engine is loaded on first use so commands that read no file start fast.
 */
export async function chdbQuery(sql: string, params: Record<string, unknown>, format: string): Promise<Uint8Array> {
  engine ??= import('chdb');
  const result = await (await engine).queryBindAsync(sql, params, { format });
  return result.bytes();
}

/**
 * The engine's error message reduced to one readable line: the innermost "Code: N." line
 * (the cause, when errors are nested), without the "Code: N. DB::Exception:" prefix and the
 * "(ERROR_NAME)" and "(version …)" suffixes.
 */
export function engineMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const lines = raw.split('\n').filter((line) => line.trim() !== '');
  const coded = lines.filter((line) => /^Code: \d+\./.test(line));
  const line = coded[coded.length - 1] ?? lines[0] ?? raw;
  return line
    .replace(/^Code: \d+\.\s*/, '')
    .replace(/^DB::\w*Exception:\s*/, '')
    .replace(/\s*\(version [^)]*\)\.?\s*$/, '')
    .replace(/\s*\([A-Z_]+\)\s*$/, '')
    .replace(/[:.\s]+$/, '')
    .trim();
}
