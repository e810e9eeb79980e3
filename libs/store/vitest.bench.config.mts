// `npm run bench:join` (tools/bench/join.bench.cjs) runs bench/*.bench-run.ts with this: kept
// out of the test run (speed is measured, not asserted).
import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { include: ['bench/**/*.bench-run.ts'], testTimeout: 3_600_000 });
