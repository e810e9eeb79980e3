// `npx vitest run --config vitest.bench.config.mts` from apps/evaluator: the latency
// measurement, kept out of the test run (speed is measured, not asserted).
import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { include: ['bench/**/*.bench-run.ts'], testTimeout: 600_000 });
