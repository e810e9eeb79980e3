'use strict';
// Lets a child `node` process run the TypeScript sources directly (node -r this-file entry.ts):
// compiles .ts files with SWC on load (decorator metadata for NestJS) and resolves the
// @driftwatch/* path aliases of tsconfig.base.json. Test and benchmark use only; services run
// the tsc build.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..', '..', '..');
const paths = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
const aliases = new Map(Object.entries(paths).map(([name, [target]]) => [name, path.join(root, target)]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const target = aliases.get(request) ?? request;
  // Node would try .js and .json before .ts: `./topics` must be topics.ts, not topics.json beside it.
  if (parent?.filename?.endsWith('.ts') && (target.startsWith('./') || target.startsWith('../'))) {
    const base = path.resolve(path.dirname(parent.filename), target);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  }
  return resolve.call(this, target, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  });
  module._compile(code, filename);
};
