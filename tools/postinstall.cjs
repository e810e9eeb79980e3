// After `npm install`, compile every project so `npx driftwatch` and `npm start` run without a further step.
'use strict';
const { execSync } = require('node:child_process');
if (process.env.DRIFTWATCH_SKIP_BUILD === '1') process.exit(0);
try {
  execSync('npx nx run-many -t build --outputStyle=static', { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
} catch {
  process.stderr.write('driftwatch: the build after install failed; see the errors above\n');
  process.exit(1);
}
