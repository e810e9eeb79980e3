/** The answer of GET/PUT /api/models/{model}/policy (apps/api/src/policies/policy-view.ts). */
export interface PolicyView {
  modelId: string;
  policy: Record<string, unknown>;
  effective: EffectivePolicy;
  updatedAt: string | null;
  warnings: string[];
}

interface Rule {
  method: string;
  threshold: number | null;
  critical: number | null;
}

/** The fields the table shows; the JSON output carries the whole object. */
export interface EffectivePolicy {
  minWindowEvents: number;
  drift: { numeric: Rule; categorical: Rule; minEvents: number };
  importance: { critical: number; minorMaxSeverity: string };
  missing: { increase: number; critical: number };
  newCategory: { share: number; critical: number };
  typeErrors: { rate: number; critical: number };
  outOfRange: { share: number; critical: number; ratio: number };
  schema: { unknownSeverity: string; vanishedSeverity: string };
  dataset: { share: number; correction: string; severity: string };
  silence: { minEvents: number; afterWindows: number; severity: string };
  alerting: { openAfter: number; resolveAfter: number; cooldownSeconds: number };
  rollup: { enabled: boolean; bucketSeconds: number };
  features: Record<string, { method?: string; threshold?: number; critical?: number; importance?: number; ignore?: boolean }>;
}
