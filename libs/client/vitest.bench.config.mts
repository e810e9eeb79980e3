// The overhead measurement (npm run bench:client), kept out of the test run: it measures, it asserts nothing.
import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.mts';

// No JSON report: run-tests.cjs sums dist/test-results, and this is not a test.
export default mergeConfig(projectConfig(import.meta.dirname, { include: ['scripts/**/*.bench-run.ts'], testTimeout: 600_000 }), { test: { reporters: ['default'] } });
