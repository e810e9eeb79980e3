import { projectConfig } from '../../vitest.shared.mts';

export default projectConfig(import.meta.dirname, { testTimeout: 60_000 });
