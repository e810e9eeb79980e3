import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { ClickHouseHttpError, errorResponse } from './clickhouse-http-error.util';
import { parseClickHouseHttpRequest } from './clickhouse-http-request.util';
import type { EmbeddedSqlExecutor } from './embedded-sql-executor';

export interface StoreHttpServerOptions {
  host: string;
  port: number;
  /** Largest request body accepted (after decompression); larger ones get QUERY_IS_TOO_LARGE. */
  maxBodyBytes: number;
  /** The one user accepted; `default` when unset, as on a fresh ClickHouse server. */
  user?: string;
  /** Its password; when unset, requests must send none (or an empty one). */
  password?: string;
  /** Called for every failed statement, for the process's log. */
  onError?: (error: { code: number; message: string; queryId: string }) => void;
}

export interface StoreHttpServer {
  readonly server: Server;
  /** The bound address (the port chosen when 0 was asked). */
  readonly port: number;
  /** Stops accepting connections, lets running statements finish, then resolves. */
  close(): Promise<void>;
}

const DISPLAY_NAME = 'driftwatch-store-server';

/**
 * The subset of ClickHouse's HTTP interface that @clickhouse/client uses, served from the
 * embedded engine, so that several processes on one machine can share one embedded data
 * directory through one process. For single-machine multi-process runs and tests: it has one
 * user, no TLS, no sessions and runs one statement at a time; it is not a ClickHouse server.
 */
export async function startStoreHttpServer(executor: EmbeddedSqlExecutor, options: StoreHttpServerOptions): Promise<StoreHttpServer> {
  const server = createServer((req, res) => {
    handle(executor, options, req, res).catch((error: unknown) => {
      // Only a failure writing the answer gets here; the connection is beyond saving.
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
  // Keep-alive longer than the client's idle-socket TTL (2.5 s), so the client closes first and never reuses a socket the server is closing.
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await executor.drain();
      // Connections that went idle after the statements finished would otherwise be held
      // open by keep-alive for up to keepAliveTimeout; the answers are written by now.
      await new Promise((r) => setTimeout(r, 100));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function handle(executor: EmbeddedSqlExecutor, options: StoreHttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://store-server');
  const queryId = url.searchParams.get('query_id') ?? randomUUID();
  const fail = (error: unknown) => {
    const answer = errorResponse(error, executor.version);
    options.onError?.({ code: answer.code, message: answer.body.trim(), queryId });
    res.writeHead(answer.status, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(answer.code),
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Server-Display-Name': DISPLAY_NAME,
    });
    res.end(answer.body);
  };

  if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
    res.end('Ok.\n');
    return;
  }
  try {
    if (url.pathname !== '/') throw new ClickHouseHttpError('BAD_ARGUMENTS', `There is no handler for ${url.pathname}: the store server answers / and /ping`);
    if (req.method !== 'GET' && req.method !== 'POST') throw new ClickHouseHttpError('BAD_ARGUMENTS', `HTTP method ${req.method} is not supported: use GET or POST`);
    authenticate(req, url.searchParams, options);
    const body = await readBody(req, options.maxBodyBytes);
    const headerDatabase = header(req, 'x-clickhouse-database');
    if (headerDatabase !== undefined && !url.searchParams.has('database')) url.searchParams.set('database', headerDatabase);
    const request = parseClickHouseHttpRequest(url.searchParams, body, req.headers['content-type']);
    const result = await executor.execute(request);
    res.writeHead(200, {
      'Content-Type': contentType(request.format),
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Format': request.format,
      'X-ClickHouse-Timezone': 'UTC',
      'X-ClickHouse-Server-Display-Name': DISPLAY_NAME,
      'X-ClickHouse-Summary': JSON.stringify(result.summary),
    });
    res.end(result.output);
  } catch (error) {
    // The rest of a refused body is not read: the connection is closed after the answer.
    if (!req.complete) res.setHeader('Connection', 'close');
    fail(error);
  }
}

/** Credentials as ClickHouse reads them: Basic authorization, X-ClickHouse-User/Key headers, or user/password URL parameters. */
function authenticate(req: IncomingMessage, search: URLSearchParams, options: StoreHttpServerOptions): void {
  let user: string | undefined;
  let password: string | undefined;
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const m = /^Basic\s+(\S+)$/i.exec(authorization);
    if (!m) throw new ClickHouseHttpError('AUTHENTICATION_FAILED', 'Only Basic authorization is supported by the store server');
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    user = colon < 0 ? decoded : decoded.slice(0, colon);
    password = colon < 0 ? '' : decoded.slice(colon + 1);
  }
  user ??= header(req, 'x-clickhouse-user') ?? search.get('user') ?? undefined;
  password ??= header(req, 'x-clickhouse-key') ?? search.get('password') ?? undefined;
  const expectedUser = options.user ?? 'default';
  const givenUser = user === undefined || user === '' ? 'default' : user;
  if (!equal(givenUser, expectedUser) || !equal(password ?? '', options.password ?? '')) {
    throw new ClickHouseHttpError('AUTHENTICATION_FAILED', `${givenUser}: Authentication failed: password is incorrect, or there is no user with such name`);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new ClickHouseHttpError('QUERY_IS_TOO_LARGE', `The request body is larger than the store server's limit of ${limit} bytes, set by STORE_SERVER_MAX_BODY_BYTES`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  let body = Buffer.concat(chunks);
  const encoding = header(req, 'content-encoding')?.toLowerCase();
  if (encoding === 'gzip') {
    try {
      body = gunzipSync(body, { maxOutputLength: limit });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new ClickHouseHttpError('BAD_ARGUMENTS', `Cannot decompress the gzip request body: ${(error as Error).message}`);
    }
  } else if (encoding !== undefined && encoding !== 'identity') {
    throw new ClickHouseHttpError('NOT_IMPLEMENTED', `Content-Encoding ${encoding} is not supported by the store server, only gzip is`);
  }
  return body.toString('utf8');
}

function contentType(format: string): string {
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(TabSeparated|TSV)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}
