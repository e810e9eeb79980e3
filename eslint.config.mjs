import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Which project may import which, by the tags in each project.json:
//   type:pure-lib     pure logic, no I/O (stats, windowing, contracts, evaluation, ingest)
//   type:io-lib       libraries doing I/O: Kafka, ClickHouse, files, network, the environment
//   type:app          a service or the CLI; apps/standalone is also type:composition
//   type:deploy       the deployment checks (deploy/), which import no project
// Across projects only through a path alias to the project's src/index.ts: a relative path into
// another project's folder is an error whatever the tags. Nx also forbids importing an app at all;
// the only exceptions are the `allow` lists below, by exact alias (so never a deep path).
// The rule reads the project graph Nx computed; `nx run-many -t lint` (npm run lint) computes it
// first, `eslint` run alone before any nx command skips the rule with a warning.
const LIBS = ['type:pure-lib', 'type:io-lib'];
const depConstraints = [
  { sourceTag: 'type:pure-lib', onlyDependOnLibsWithTags: ['type:pure-lib'] },
  { sourceTag: 'type:io-lib', onlyDependOnLibsWithTags: LIBS },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: LIBS },
  { sourceTag: 'type:deploy', onlyDependOnLibsWithTags: [] },
];
const boundaries = ({ allow = [], constraints = depConstraints } = {}) => [
  'error',
  { allow, enforceBuildableLibDependency: false, depConstraints: constraints },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.cjs', '**/*.mjs', '**/*.mts', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': boundaries() },
  },
  {
    // The composition app hosts every service in one process: it imports their public entries.
    files: ['apps/standalone/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({
        allow: ['@driftwatch/api', '@driftwatch/aggregator', '@driftwatch/evaluator', '@driftwatch/alerter'],
      }),
    },
  },
  {
    // The CLI's tests run the real API in-process (its public entry and its test entry); the
    // CLI's own code talks to the API over HTTP only.
    files: ['apps/cli/**/*.spec.ts', 'apps/cli/**/*.test-util.ts', 'apps/cli/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ allow: ['@driftwatch/api', '@driftwatch/api-testing'] }) },
  },
);
