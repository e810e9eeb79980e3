import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.mts';

// The end-to-end specs each start a deployment of seven to eight processes: one at a time.
export default mergeConfig(projectConfig(import.meta.dirname), { test: { fileParallelism: false } });
