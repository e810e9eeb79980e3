import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.mts';

// One spec file at a time: both build dist/apps/standalone and start the whole app.
export default mergeConfig(projectConfig(import.meta.dirname, { testTimeout: 150_000 }), { test: { fileParallelism: false } });
