// Runs the TypeScript sources directly: SWC keeps decorator metadata (NestJS DI needs it) and resolves tsconfig paths.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
