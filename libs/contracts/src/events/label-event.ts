/** The ground truth for an earlier inference, joined to it by `eventId` (docs/architecture.md "Events and labels"). */
export interface LabelEvent {
  eventId: string;
  modelId: string;
  /** When the label became known, in epoch milliseconds. */
  timestamp: number;
  label: number | string | boolean;
}

export type LabelEventInput = Omit<LabelEvent, 'timestamp'> & { timestamp: number | string };
