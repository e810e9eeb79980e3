// The simulations (npm run sim:detectors, sim:performance, sim:chi-square), kept out of the test run:
// they measure, they assert nothing.
import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { include: ['scripts/**/*.sim-run.ts'], testTimeout: 3_600_000 });
