import { randomBytes } from 'node:crypto';

/** A name unique to this test run, so runs never see each other's topics, groups or offsets. */
export function uniqueName(tag: string): string {
  return `dw-test.${tag}.${Date.now()}.${randomBytes(3).toString('hex')}`;
}
