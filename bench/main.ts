import { spawn } from 'node:child_process';
import { NPM_START_NODE_OPTIONS } from '@chatvault/testing';
import { runClassifyBench } from './classify/classify-bench';
import { runIngestBench } from './ingest/ingest-bench';
import { runAlertBench } from './alert/alert-bench';

/*
 * `npm run bench -- <name> [--option value]`: runs bench/<name>/<name>-bench.ts. Options are
 * passed as numbers by name (`--messages 100000` → { messages: 100000 }).
 */
const BENCHES: Record<string, (options: Record<string, number>) => Promise<void>> = {
  classify: runClassifyBench,
  ingest: runIngestBench,
  alert: runAlertBench,
};

/** Benches that report the embedded process's memory: they run with the heap `npm start` gives it. */
const SIZED_AS_NPM_START = new Set(['ingest']);

/** This bench again in a child process with the Node options added; resolves with its exit code. */
function rerunWith(nodeOptions: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...nodeOptions, ...process.argv.slice(1)], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

function parseOptions(args: readonly string[]): Record<string, number> {
  const options: Record<string, number> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (!flag.startsWith('--')) throw new Error(`unexpected argument "${flag}"; options look like --messages 100000`);
    const value = Number(args[++i]);
    if (!Number.isFinite(value)) throw new Error(`option ${flag} needs a number`);
    options[flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return options;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!name || !bench) throw new Error(`unknown benchmark "${name ?? ''}"; choose one of: ${Object.keys(BENCHES).join(', ')}`);
  if (SIZED_AS_NPM_START.has(name) && NPM_START_NODE_OPTIONS.some((option) => !process.execArgv.includes(option))) {
    process.exitCode = await rerunWith(NPM_START_NODE_OPTIONS);
    return;
  }
  await bench(parseOptions(rest));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
