import { projectConfig } from '../../vitest.shared.mts';

// Only the contract spec: the Python tests run under pytest (project.json).
export default projectConfig(import.meta.dirname, { include: ['contract/**/*.spec.ts'] });
