// Runs the TypeScript sources directly: SWC compiles each file as it loads, keeping the decorator
// metadata NestJS's dependency injection reads and resolving tsconfig's path aliases.
// Written out instead of @swc-node/register, which loads the TypeScript compiler (about 25 MB of heap
// in every process and thread) only to read tsconfig, and keeps a source map of every module in memory.
// Stack traces name TypeScript lines only when Node runs with --enable-source-maps, which costs ~30 MB.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8'));
const options = {
  module: { type: 'commonjs' },
  sourceMaps: process.sourceMapsEnabled ? 'inline' : false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: compilerOptions.target.toLowerCase(),
    keepClassNames: true,
    baseUrl: root,
    paths: Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((target) => resolve(root, target))])),
  },
};

require.extensions['.ts'] = (module, filename) => {
  module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
};
