import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('integer takes a signed value, unsignedInteger only plain digits', () => {
    const r = new EnvReader({ A: '+8080', B: '+5', C: '-0', D: ' 42 ', E: '7.0' });
    expect(r.integer('A', 1, 1, 65535)).toBe(8080);
    expect(r.unsignedInteger('B', 1, 0, 10)).toBe(1);
    expect(r.unsignedInteger('C', 3, 0, 10)).toBe(3);
    expect(r.unsignedInteger('D', 1, 0, 100)).toBe(42);
    expect(r.unsignedInteger('E', 1, 0, 100)).toBe(1);
    expect(r.unsignedInteger('UNSET', 9, 0, 100)).toBe(9);
    expect(r.problems).toEqual([
      'B: expected an integer 0..10, got "+5"',
      'C: expected an integer 0..10, got "-0"',
      'E: expected an integer 0..100, got "7.0"',
    ]);
  });

  it('unsignedInteger enforces both bounds', () => {
    const r = new EnvReader({ LOW: '0', HIGH: '101', EDGE: '100' });
    expect(r.unsignedInteger('LOW', 5, 1, 100)).toBe(5);
    expect(r.unsignedInteger('HIGH', 5, 1, 100)).toBe(5);
    expect(r.unsignedInteger('EDGE', 5, 1, 100)).toBe(100);
    expect(r.problems).toEqual(['LOW: expected an integer 1..100, got "0"', 'HIGH: expected an integer 1..100, got "101"']);
  });

  it('oneOf accepts only the listed values, case-sensitively', () => {
    const r = new EnvReader({ FORMAT: 'json', POLICY: 'DLQ', BLANK: '  ' });
    expect(r.oneOf('FORMAT', 'auto', ['auto', 'json', 'avro'])).toBe('json');
    expect(r.oneOf('POLICY', 'drop', ['dlq', 'drop'])).toBe('drop');
    expect(r.oneOf('BLANK', 'drop', ['dlq', 'drop'])).toBe('drop');
    expect(r.problems).toEqual(['POLICY: expected one of dlq, drop, got "DLQ"']);
  });

  it('flag reads on/off words in any case and names a bad value in lower case', () => {
    const on = ['on', 'TRUE', '1', 'Yes'];
    const off = ['off', 'False', '0', 'NO'];
    const r = new EnvReader(Object.fromEntries([...on, ...off, 'Maybe'].map((v, i) => [`V${i}`, v])));
    expect(on.map((_, i) => r.flag(`V${i}`, false))).toEqual([true, true, true, true]);
    expect(off.map((_, i) => r.flag(`V${i + on.length}`, true))).toEqual([false, false, false, false]);
    expect(r.flag('V8', true)).toBe(true);
    expect(r.flag('UNSET', false)).toBe(false);
    expect(r.problems).toEqual(['V8: expected on or off, got "maybe"']);
  });

  it('throwIfInvalid throws one ConfigError with every problem, in reading order', () => {
    const clean = new EnvReader({ A: '1' });
    clean.unsignedInteger('A', 0, 0, 1);
    expect(() => clean.throwIfInvalid()).not.toThrow();

    const r = new EnvReader({ A: 'x', B: 'y' });
    r.unsignedInteger('A', 0, 0, 1);
    r.flag('B', true);
    let error: unknown;
    try {
      r.throwIfInvalid();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['A: expected an integer 0..1, got "x"', 'B: expected on or off, got "y"']);
  });
});
