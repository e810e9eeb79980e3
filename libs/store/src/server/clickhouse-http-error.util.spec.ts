import { parseError } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { ClickHouseHttpError, errorResponse } from './clickhouse-http-error.util';

describe('errorResponse', () => {
  it("keeps the innermost of chdb's nested engine errors, and the client reads its code and name", () => {
    const nested = 'Code: 108. DB::Exception: Code: 108. DB::Exception: No data to insert. (NO_DATA_TO_INSERT) (version 26.7.2.1). (NO_DATA_TO_INSERT)';
    const answer = errorResponse(new Error(nested), '26.7.2.1');
    expect(answer).toEqual({ status: 500, code: 108, body: 'Code: 108. DB::Exception: No data to insert. (NO_DATA_TO_INSERT) (version 26.7.2.1)\n' });
    expect(parseError(answer.body)).toMatchObject({ code: '108', type: 'NO_DATA_TO_INSERT', message: 'No data to insert. ' });
  });

  it('gives the status a server gives: 404 for an unknown table, 400 for a syntax error, 403 for bad credentials', () => {
    expect(errorResponse(new Error("Code: 60. DB::Exception: Unknown table expression identifier 'x'. (UNKNOWN_TABLE)"), 'v').status).toBe(404);
    expect(errorResponse(new Error('Code: 62. DB::Exception: Syntax error: failed at position 1. (SYNTAX_ERROR)'), 'v').status).toBe(400);
    expect(errorResponse(new ClickHouseHttpError('AUTHENTICATION_FAILED', 'default: Authentication failed'), 'v')).toMatchObject({ status: 403, code: 516 });
  });

  it('answers anything else as UNKNOWN_EXCEPTION with its message', () => {
    const answer = errorResponse(new Error('socket hang up'), 'v');
    expect(answer).toMatchObject({ status: 500, code: 1002 });
    expect(parseError(answer.body)).toMatchObject({ code: '1002', type: 'UNKNOWN_EXCEPTION' });
  });
});
