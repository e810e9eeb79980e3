/** How a label's value is stored (labels.label_kind): the JS type it was received as. */
export type LabelKind = 'number' | 'string' | 'boolean';

/** The text stored in labels.label_value, with its kind. */
export function encodeLabelValue(label: number | string | boolean): { kind: LabelKind; value: string } {
  return { kind: typeof label as LabelKind, value: String(label) };
}

/** A stored label back to the number, string or boolean it was received as. */
export function decodeLabelValue(kind: string, value: string): number | string | boolean {
  if (kind === 'number') return Number(value);
  if (kind === 'boolean') return value === 'true';
  return value;
}
