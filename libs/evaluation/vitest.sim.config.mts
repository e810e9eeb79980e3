// `npx vitest run --config vitest.sim.config.mts` from libs/evaluation (npm run sim:detectors):
// the detector simulation, kept out of the test run (it measures, it asserts nothing).
import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { include: ['scripts/**/*.sim-run.ts'], testTimeout: 3_600_000 });
