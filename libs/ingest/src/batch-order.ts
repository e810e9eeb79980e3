/** The parts of a consumer batch that say which offsets it covers. */
export interface OffsetBatch {
  readonly messages: readonly { readonly offset: string }[];
  /** Offsets the consumer runner dead-lettered as poison, ascending; they are not among `messages`. */
  readonly skipped: readonly string[];
}

/**
 * The batch's messages and the offsets the runner dead-lettered as poison (`skipped`), merged in
 * offset order; `index` is the message's place in `batch.messages`, -1 for a skipped offset.
 */
export function* inOffsetOrder(batch: OffsetBatch): Generator<{ offset: string; index: number }> {
  let s = 0;
  for (let i = 0; i < batch.messages.length; i++) {
    const offset = batch.messages[i].offset;
    while (s < batch.skipped.length && BigInt(batch.skipped[s]) < BigInt(offset)) yield { offset: batch.skipped[s++], index: -1 };
    yield { offset, index: i };
  }
  while (s < batch.skipped.length) yield { offset: batch.skipped[s++], index: -1 };
}
