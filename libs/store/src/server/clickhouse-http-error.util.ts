/**
 * Errors in the shape ClickHouse's HTTP interface gives them: the text `Code: N. DB::Exception:
 * message. (NAME) (version V)`, the exception code in `X-ClickHouse-Exception-Code` and an HTTP
 * status chosen the way the server chooses it. @clickhouse/client parses exactly that text into
 * a `ClickHouseError` carrying `code` and `type`, so callers see the same errors as from a server.
 */

/** Codes the store server raises itself (the engine's own errors carry theirs). */
export const ERROR_CODES = {
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  UNKNOWN_DATABASE: 81,
  QUERY_IS_TOO_LARGE: 229,
  AUTHENTICATION_FAILED: 516,
  UNKNOWN_EXCEPTION: 1002,
} as const;

export type ErrorName = keyof typeof ERROR_CODES;

/** An error to answer with a given ClickHouse exception code. */
export class ClickHouseHttpError extends Error {
  constructor(
    readonly codeName: ErrorName,
    message: string,
  ) {
    super(message);
    this.name = 'ClickHouseHttpError';
  }

  get code(): number {
    return ERROR_CODES[this.codeName];
  }
}

export interface ErrorResponse {
  status: number;
  code: number;
  body: string;
}

const ENGINE_ERROR = /^Code: (\d+)\. DB::Exception: ([\s\S]*?)\s*\(([A-Z0-9_]+)\)(?: \(version [^)]*\))?\s*$/;

// The HTTP status ClickHouse's HTTPHandler gives each exception code (exceptionCodeToHTTPStatus).
const STATUS_BY_CODE = new Map<number, number>([
  [194, 401], // REQUIRED_PASSWORD
  [192, 403], // UNKNOWN_USER
  [193, 403], // WRONG_PASSWORD
  [516, 403], // AUTHENTICATION_FAILED
  ...[6, 25, 26, 27, 33, 36, 38, 41, 43, 53, 62, 72, 117, 456].map((c): [number, number] => [c, 400]),
  ...[46, 47, 50, 56, 60, 63, 73, 78, 81, 115, 152, 336, 674].map((c): [number, number] => [c, 404]),
  [229, 413], // QUERY_IS_TOO_LARGE
  [48, 501], // NOT_IMPLEMENTED
  [159, 408], // TIMEOUT_EXCEEDED
  [209, 503], // SOCKET_TIMEOUT
  [76, 503], // CANNOT_OPEN_FILE
  [439, 503], // CANNOT_SCHEDULE_TASK
  [381, 411], // HTTP_LENGTH_REQUIRED
]);

/** The HTTP status ClickHouse answers an exception code with (500 for the rest). */
export function httpStatusOf(code: number): number {
  return STATUS_BY_CODE.get(code) ?? 500;
}

/**
 * The response for an error thrown while serving a request: an engine error keeps its code,
 * message and name (chdb sometimes nests the same text twice; the innermost is kept); anything
 * else becomes UNKNOWN_EXCEPTION with its message.
 */
export function errorResponse(error: unknown, version: string): ErrorResponse {
  if (error instanceof ClickHouseHttpError) return format(error.code, error.message, error.codeName, version);
  const text = error instanceof Error ? error.message : String(error);
  const parsed = parseEngineError(text);
  if (parsed) return format(parsed.code, parsed.message, parsed.name, version);
  return format(ERROR_CODES.UNKNOWN_EXCEPTION, text, 'UNKNOWN_EXCEPTION', version);
}

function parseEngineError(text: string): { code: number; message: string; name: string } | undefined {
  let m = ENGINE_ERROR.exec(text.trim());
  if (!m) return undefined;
  let inner = m;
  // chdb wraps some errors as `Code: N. DB::Exception: Code: N. DB::Exception: msg. (NAME) (version V). (NAME)`.
  while ((m = ENGINE_ERROR.exec(inner[2].replace(/\.$/, ''))) !== null) inner = m;
  return { code: Number(inner[1]), message: inner[2], name: inner[3] };
}

function format(code: number, message: string, name: string, version: string): ErrorResponse {
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return { status: httpStatusOf(code), code, body: `Code: ${code}. DB::Exception: ${sentence} (${name}) (version ${version})\n` };
}
