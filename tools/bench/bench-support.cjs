// Pieces every benchmark script needs: compiling the app it runs, and seeded data so that
// two runs measure the same work.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Compiles apps/<app> into dist/ the way its Nx build target does. */
function buildApp(app) {
  process.stdout.write(`building apps/${app}…\n`);
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
  const tsconfig = `apps/${app}/tsconfig.app.json`;
  execFileSync(bin('tsc'), ['-p', tsconfig], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(bin('tsc-alias'), ['-p', tsconfig], { cwd: ROOT, stdio: 'inherit' });
}

/** mulberry32 uniforms and Box–Muller normals. */
function generator(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

module.exports = { ROOT, buildApp, generator };
