// Runs the performance-rule simulation (scripts/*.sim.ts) with the same aliases as the tests;
// not part of the test suite: `npx vitest run --config libs/evaluation/vitest.simulate.mts`.
import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { include: ['scripts/**/*.sim.ts'] });
