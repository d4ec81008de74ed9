import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository's root: where `npm start` runs, and its package.json. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** `npm start`'s command line after `node`: its Node options, the compiler preload and the entrypoint. */
export const NPM_START_ARGS: readonly string[] = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(' ')
  .slice(1);

/** The Node options `npm start` runs with (how big the heap may grow), for a process that is to use memory as users' does. */
export const NPM_START_NODE_OPTIONS: readonly string[] = NPM_START_ARGS.filter((arg) => arg.startsWith('--'));
