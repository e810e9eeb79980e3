import { kindOf } from './value-kind.util';

// Ids end up in URLs, Prometheus labels and ClickHouse keys, where control characters only
// cause trouble.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Checks a required identifier field and pushes a message naming it when it is wrong. */
export function checkIdentifier(value: unknown, path: string, maxLength: number, issues: string[]): value is string {
  if (value === undefined) {
    issues.push(`${path}: required`);
    return false;
  }
  const rule = `${path}: must be a non-empty string of at most ${maxLength} characters`;
  if (typeof value !== 'string') {
    issues.push(`${rule}, got ${kindOf(value)}`);
    return false;
  }
  if (value.length === 0) {
    issues.push(`${rule}, got an empty string`);
    return false;
  }
  if (value.length > maxLength) {
    issues.push(`${rule}, got ${value.length} characters`);
    return false;
  }
  if (CONTROL_CHARACTERS.test(value)) {
    issues.push(`${path}: must not contain control characters`);
    return false;
  }
  return true;
}
