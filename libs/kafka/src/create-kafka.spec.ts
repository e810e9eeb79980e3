import { describe, expect, it } from 'vitest';
import { createKafka } from './create-kafka';

describe('createKafka', () => {
  it('names what is wrong with the broker list', () => {
    expect(() => createKafka({ brokers: [], clientId: 'x' })).toThrow(/no brokers given/);
    expect(() => createKafka({ brokers: ['localhost'], clientId: 'x' })).toThrow(/host:port, got "localhost"/);
    expect(() => createKafka({ brokers: ['a:9092'], clientId: '' })).toThrow(/clientId is empty/);
  });

  it('accepts host:port brokers', () => {
    expect(createKafka({ brokers: ['127.0.0.1:9092', 'kafka-2:19092'], clientId: 'x' }).admin).toBeTypeOf('function');
  });
});
