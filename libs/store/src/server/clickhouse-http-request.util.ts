import { ClickHouseHttpError } from './clickhouse-http-error.util';

/** One request to the HTTP interface, in the terms the engine needs. */
export interface ClickHouseHttpRequest {
  /** The statement, with an INSERT's data after it (as ClickHouse joins the `query` parameter and the body). */
  sql: string;
  /** `param_<name>` values, as text in ClickHouse's escaped format (what the server binds them from). */
  params: Record<string, string>;
  /** Settings named in the URL, values as sent. */
  settings: Record<string, string>;
  database?: string;
  /** `default_format`: the output format of a statement without FORMAT (TabSeparated otherwise). */
  format: string;
  queryId?: string;
  /** True for an INSERT sent with an empty body (no rows; the engine would reject it). */
  emptyInsert: boolean;
  /** `user`/`password` given as URL parameters. */
  user?: string;
  password?: string;
}

// URL parameters of the HTTP interface that are not settings.
const NOT_SETTINGS = new Set(['query', 'database', 'default_format', 'query_id', 'user', 'password', 'quota_key', 'role', 'session_check', 'session_timeout', 'stacktrace']);

// Settings that only steer the HTTP layer (compression, progress headers, buffering). The
// answer is written once the query has finished and is never compressed, which every client
// accepts, so they are dropped as chdb's own connection drops them.
const HTTP_ONLY_SETTINGS = new Set([
  'wait_end_of_query',
  'send_progress_in_http_headers',
  'http_response_buffer_size',
  'http_headers_progress_interval_ms',
  'http_send_progress_interval_ms',
  'enable_http_compression',
  'http_zlib_compression_level',
  'http_response_compression_method',
  'http_native_compression_disable_checksumming_on_decompress',
  'buffer_size',
  'compress',
  'decompress',
  'cancel_http_readonly_queries_on_client_close',
  'add_http_cors_header',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORMAT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Reads a request as ClickHouse's HTTP interface does: the statement from the `query` URL
 * parameter, the body, or both (the body then being the INSERT's data), `param_*` query
 * parameters from the URL or, for a `multipart/form-data` body, from its parts; every other
 * URL parameter is a setting. Throws `ClickHouseHttpError` for what the server would refuse.
 */
export function parseClickHouseHttpRequest(search: URLSearchParams, body: string, contentType: string | undefined): ClickHouseHttpRequest {
  const params: Record<string, string> = {};
  const settings: Record<string, string> = {};
  let query = search.get('query') ?? undefined;
  let data = body;

  const boundary = multipartBoundary(contentType);
  if (boundary !== undefined) {
    data = '';
    for (const [name, value] of parseMultipart(body, boundary)) {
      if (name === 'query') query = value;
      else if (name.startsWith('param_')) params[paramName(name)] = value;
      else throw new ClickHouseHttpError('BAD_ARGUMENTS', `Unexpected multipart part ${JSON.stringify(name)}: only "query" and "param_*" parts are read`);
    }
  }

  for (const [name, value] of search) {
    if (name.startsWith('param_')) params[paramName(name)] = value;
    else if (name === 'session_id') {
      throw new ClickHouseHttpError('NOT_IMPLEMENTED', 'Sessions are not supported by the driftwatch store server: send no session_id');
    } else if (NOT_SETTINGS.has(name) || HTTP_ONLY_SETTINGS.has(name)) continue;
    else if (!NAME.test(name)) throw new ClickHouseHttpError('BAD_ARGUMENTS', `Invalid setting name ${JSON.stringify(name)}`);
    else settings[name] = value;
  }

  let sql: string;
  let emptyInsert = false;
  if (query !== undefined && query.trim() !== '') {
    emptyInsert = data.trim() === '' && /^\s*INSERT\b/i.test(query);
    sql = data === '' ? query : `${query}\n${data}`;
  } else {
    sql = data;
  }
  if (sql.trim() === '') throw new ClickHouseHttpError('BAD_ARGUMENTS', 'Empty query: give it as the "query" URL parameter or as the request body');

  const format = search.get('default_format') ?? 'TabSeparated';
  if (!FORMAT_NAME.test(format)) throw new ClickHouseHttpError('BAD_ARGUMENTS', `Invalid default_format ${JSON.stringify(format)}`);
  const database = search.get('database') ?? undefined;
  if (database !== undefined && !NAME.test(database)) throw new ClickHouseHttpError('BAD_ARGUMENTS', `Invalid database name ${JSON.stringify(database)}`);

  return {
    sql,
    params,
    settings,
    database,
    format,
    queryId: search.get('query_id') ?? undefined,
    emptyInsert,
    user: search.get('user') ?? undefined,
    password: search.get('password') ?? undefined,
  };
}

function paramName(key: string): string {
  const name = key.slice('param_'.length);
  if (!NAME.test(name)) throw new ClickHouseHttpError('BAD_ARGUMENTS', `Invalid query parameter name ${JSON.stringify(name)}`);
  return name;
}

function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new ClickHouseHttpError('BAD_ARGUMENTS', 'multipart/form-data body without a boundary');
  return boundary;
}

/** The named parts of a multipart/form-data body (as @clickhouse/client builds it: text parts only). */
export function parseMultipart(body: string, boundary: string): [string, string][] {
  const parts: [string, string][] = [];
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter);
  // sections[0] is the preamble; the last starts with `--` (the closing delimiter).
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    const headerEnd = section.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new ClickHouseHttpError('BAD_ARGUMENTS', 'Malformed multipart/form-data part: no blank line after its headers');
    const headers = section.slice(0, headerEnd);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) throw new ClickHouseHttpError('BAD_ARGUMENTS', 'Malformed multipart/form-data part: no Content-Disposition name');
    parts.push([name, section.slice(headerEnd + 4).replace(/\r\n$/, '')]);
  }
  return parts;
}
