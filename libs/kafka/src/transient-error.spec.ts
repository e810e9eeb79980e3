import { ClickHouseError } from '@clickhouse/client';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { RecordTooLargeError } from './producer';
import { asTransient, isTransientError, TransientError } from './transient-error';

const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8123`), { code });

describe('isTransientError', () => {
  it.each([
    ['a TransientError', new TransientError('store down')],
    ['an error wrapped by asTransient', asTransient(new TypeError('x'))],
    ['a refused connection', errno('ECONNREFUSED')],
    ['a reset socket under a cause', new Error('insert failed', { cause: errno('ECONNRESET') })],
    ['a kafkajs connection error', new KafkaJSConnectionError('Connection timeout')],
    ['kafkajs retries exhausted', new KafkaJSNumberOfRetriesExceeded(new Error('x'), { retryCount: 5, retryTime: 100 })],
    ['a retriable kafkajs protocol error', new KafkaJSProtocolError({ type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true, message: 'x' } as never)],
    ['a ClickHouse server error', new ClickHouseError({ message: 'Memory limit exceeded', code: '241', type: 'MEMORY_LIMIT_EXCEEDED' })],
  ])('is transient: %s', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a TypeError from handling a value', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a stack overflow', new RangeError('Maximum call stack size exceeded')],
    ['a record too large to produce', new RecordTooLargeError('driftwatch.evaluations', 2_000_000, 1_048_588)],
    ['a non-retriable kafkajs error', new KafkaJSNonRetriableError(new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false, message: 'x' } as never))],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('may be the input: %s', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('keeps the message and the cause when wrapping', () => {
    const cause = new Error('socket hang up');
    const wrapped = asTransient(cause);
    expect(wrapped.message).toBe('socket hang up');
    expect(wrapped.cause).toBe(cause);
    expect(asTransient(wrapped)).toBe(wrapped);
  });
});
