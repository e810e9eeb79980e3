import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { describeConfig } from './describe-config';
import { loadConfig } from './load-config';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-kafka-security-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('Kafka TLS settings', () => {
  it('are off by default', () => {
    const c = loadConfig({});
    expect(c.kafka.tls).toBeUndefined();
    expect(c.kafka.sasl).toBeUndefined();
  });

  it('read the CA, certificate and key files once, verifying the broker by default', () => {
    const ca = file('ca.pem', PEM_CERT);
    const cert = file('client.pem', PEM_CERT);
    const key = file('client.key', PEM_KEY);
    const c = loadConfig({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca, KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key });
    expect(c.kafka.tls?.ca).toBe(PEM_CERT);
    expect(c.kafka.tls?.cert).toBe(PEM_CERT);
    expect(c.kafka.tls?.key?.reveal()).toBe(PEM_KEY);
    expect(c.kafka.tls?.rejectUnauthorized).toBe(true);
    // The key is a secret: never in logs or JSON.
    expect(JSON.stringify(c.kafka)).not.toContain('MIIE');
    expect(inspect(c.kafka, { depth: 10 })).not.toContain('MIIE');
    expect(describeConfig(c)).toContain(`tls=on ca=${ca} cert=${cert}`);
  });

  it('accept TLS with the default CAs and verification switched off', () => {
    const c = loadConfig({ KAFKA_SSL: 'on', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' });
    expect(c.kafka.tls).toMatchObject({ rejectUnauthorized: false, files: {} });
    expect(describeConfig(c)).toContain('certificates NOT verified');
  });

  it('name each variable that is wrong', () => {
    const problems = problemsOf({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem'),
      KAFKA_SSL_CERT_FILE: file('not-pem.txt', 'hello'),
    });
    expect(problems).toContainEqual(expect.stringMatching(/^KAFKA_SSL_CA_FILE: cannot read .*missing\.pem: ENOENT/));
    expect(problems).toContainEqual(expect.stringMatching(/^KAFKA_SSL_CERT_FILE: .*not-pem\.txt is not PEM/));
    expect(problems).toContainEqual('KAFKA_SSL_CERT_FILE: a client certificate needs both KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE');
    expect(problemsOf({ KAFKA_SSL: 'maybe' })).toEqual(['KAFKA_SSL: expected on or off, got "maybe"']);
  });

  it('refuse TLS files while TLS is off', () => {
    expect(problemsOf({ KAFKA_SSL_CA_FILE: file('ca2.pem', PEM_CERT) })).toEqual([
      'KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not true; set KAFKA_SSL=true to connect with TLS',
    ]);
  });
});

describe('Kafka SASL settings', () => {
  it('take each mechanism, in any case', () => {
    for (const [given, mechanism] of [
      ['plain', 'plain'],
      ['SCRAM-SHA-256', 'scram-sha-256'],
      ['scram-sha-512', 'scram-sha-512'],
    ]) {
      const c = loadConfig({ KAFKA_SASL_MECHANISM: given, KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: ' p w ' });
      expect(c.kafka.sasl?.mechanism).toBe(mechanism);
      expect(c.kafka.sasl?.username).toBe('svc');
      // Spaces in a password are part of it.
      expect(c.kafka.sasl?.password.reveal()).toBe(' p w ');
    }
  });

  it('read the password from a file without its trailing newline', () => {
    const c = loadConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD_FILE: file('pw', 'from-file\n') });
    expect(c.kafka.sasl?.password.reveal()).toBe('from-file');
    expect(c.kafka.sasl?.passwordSource).toBe('KAFKA_SASL_PASSWORD_FILE');
  });

  it('never show the password', () => {
    const c = loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    expect(JSON.stringify(c)).not.toContain('hunter2');
    expect(inspect(c, { depth: 10 })).not.toContain('hunter2');
    expect(describeConfig(c)).toContain('sasl=scram-sha-512 as svc (without TLS)');
    expect(describeConfig(c)).not.toContain('hunter2');
    // Nor in the errors: a bad mechanism with a password set names variables only.
    const problems = problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    expect(problems).toEqual(['KAFKA_SASL_MECHANISM: expected one of plain, scram-sha-256, scram-sha-512, got "gssapi"']);
  });

  it('name what is missing or contradictory', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      'KAFKA_SASL_USERNAME: is required with KAFKA_SASL_MECHANISM=plain',
      'KAFKA_SASL_PASSWORD: is required with KAFKA_SASL_MECHANISM=plain (or KAFKA_SASL_PASSWORD_FILE)',
    ]);
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'x' })).toEqual([
      'KAFKA_SASL_USERNAME: is set but KAFKA_SASL_MECHANISM is not; set it to one of plain, scram-sha-256, scram-sha-512',
      'KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not; set it to one of plain, scram-sha-256, scram-sha-512',
    ]);
    expect(
      problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'x', KAFKA_SASL_PASSWORD_FILE: file('pw2', 'y') }),
    ).toEqual(['KAFKA_SASL_PASSWORD: set either KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD_FILE: path.join(dir, 'nope') })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_PASSWORD_FILE: cannot read .*nope: ENOENT$/),
    ]);
  });
});
