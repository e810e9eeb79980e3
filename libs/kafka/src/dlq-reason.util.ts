/**
 * The bounded label value of a dead-letter reason: its class, never the free text (which holds
 * ids, offsets and parser messages, an unbounded label set). Reasons start with their class
 * (`invalid: …`, `poison: …`, `no-baseline: …`); a few consumers phrase it in words.
 */
export const DLQ_REASON_CLASSES = [
  'empty-payload',
  'payload-too-large',
  'oversized',
  'malformed',
  'unknown-schema',
  'incompatible-schema',
  'invalid',
  'future-timestamp',
  'no-baseline',
  'poison',
  'undeliverable',
  'webhook-failed',
  'other',
] as const;
export type DlqReasonClass = (typeof DLQ_REASON_CLASSES)[number];

const KNOWN = new Set<string>(DLQ_REASON_CLASSES);

/** Prefixes written in words by some consumers, and the class they mean. */
const PHRASES: readonly [string, DlqReasonClass][] = [
  ['empty payload', 'empty-payload'],
  ['invalid evaluation', 'invalid'],
  ['undeliverable incident event', 'undeliverable'],
  ['webhook delivery failed', 'webhook-failed'],
];

export function dlqReasonClass(reason: string): DlqReasonClass {
  const text = reason.trimStart().toLowerCase();
  for (const [phrase, cls] of PHRASES) if (text.startsWith(phrase)) return cls;
  const head = /^[a-z][a-z-]*/.exec(text)?.[0] ?? '';
  return KNOWN.has(head) ? (head as DlqReasonClass) : 'other';
}
