import { describe, expect, it } from 'vitest';
import { classifyAddress, isLocalhostName, literalHostRefusal } from './address-policy';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['2001:db8::1', 'reserved'],
    // IPv6 forms that carry an IPv4 address are judged by it, or refused outright.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::7f00:1', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'invalid'],
  ])('%s is refused as %s', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true, range: 'unicast' });
  });
});

describe('literalHostRefusal', () => {
  // Decimal, octal, hex and shortened IPv4 forms: WHATWG URL parsing (what the API and the client
  // use) turns them into dotted quads before the check, as Node would connect to them.
  it.each([
    ['http://2130706433/hook', '127.0.0.1', 'loopback'],
    ['http://017700000001/hook', '127.0.0.1', 'loopback'],
    ['http://0x7f.1/hook', '127.0.0.1', 'loopback'],
    ['http://127.1/hook', '127.0.0.1', 'loopback'],
    ['http://0/hook', '0.0.0.0', 'unspecified'],
    ['http://0xa9fea9fe/latest/meta-data', '169.254.169.254', 'linkLocal'],
    ['http://[::ffff:127.0.0.1]:8123/', '::ffff:7f00:1', 'loopback'],
    ['https://[fd00::1]/', 'fd00::1', 'uniqueLocal'],
  ])('%s is refused as %s (%s)', (url, address, range) => {
    const refusal = literalHostRefusal(new URL(url).hostname, false);
    expect(refusal).toBe(`url: address ${address} is in a non-public range (${range}); set DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true to allow non-public destinations`);
  });

  it('refuses localhost names, lets other names through to the delivery-time check, and allows everything when told to', () => {
    expect(literalHostRefusal('LOCALHOST.', false)).toMatch(/host LOCALHOST\. is loopback/);
    expect(literalHostRefusal('api.localhost', false)).toMatch(/loopback/);
    expect(isLocalhostName('localhost.example.com')).toBe(false);
    expect(literalHostRefusal('hooks.slack.com', false)).toBeUndefined();
    expect(literalHostRefusal('8.8.8.8', false)).toBeUndefined();
    expect(literalHostRefusal('127.0.0.1', true)).toBeUndefined();
    expect(literalHostRefusal('localhost', true)).toBeUndefined();
  });
});
