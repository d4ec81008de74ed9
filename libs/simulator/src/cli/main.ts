import { writeFileSync } from 'node:fs';
import { directorySnapshot } from '../directory-snapshot';
import { simulate } from '../simulate';
import { formatSummary, summarise } from '../simulation-summary';
import { postToIngest } from '../ingest-poster';
import { postCallbacks } from '../callback-poster';
import { simulatedCallbacks } from '../simulated-callbacks';
import { parseSimulateArgs, USAGE } from './simulate-args';

/*
 * `npm run simulate`: generates a simulated corp's WeCom traffic, writes it as NDJSON (one
 * `{"corpId", ...record}` per line, what an import reads), its ground-truth labels, events and
 * directory, and/or posts the records to a running ChatVault's HTTP ingest and the events to its
 * WeCom callback endpoint, signed and encrypted as WeCom does; then prints what it made.
 */
async function main(): Promise<void> {
  const command = parseSimulateArgs(process.argv.slice(2));
  if (!command.out && !command.to && !command.callback) throw new Error(`say where the traffic goes: --out, --to and/or --callback\n${USAGE}`);
  const simulation = simulate(command.options);
  const { corpId } = simulation.org;
  const lines = (items: readonly object[]) => items.map((item) => `${JSON.stringify(item)}\n`).join('');
  if (command.out) writeFileSync(command.out, lines(simulation.records.map((record) => ({ corpId, ...record }))));
  if (command.labels) writeFileSync(command.labels, `${JSON.stringify({ corpId, labels: simulation.labels, qrImages: simulation.images }, null, 2)}\n`);
  if (command.events) writeFileSync(command.events, lines(simulation.events));
  if (command.directory) writeFileSync(command.directory, `${JSON.stringify(directorySnapshot(simulation, Date.parse(`${command.options.start}T00:00:00+08:00`)), null, 2)}\n`);
  const o = command.options;
  console.log(`corp ${corpId}: ${o.employees} employees, ${simulation.org.customers.length} customers, ${o.days} day(s) from ${o.start}, seed ${o.seed}\n`);
  console.log(formatSummary(summarise(simulation)));
  if (command.to) {
    const totals = await postToIngest(command.to, command.key!, corpId, simulation.records);
    console.log(`\nposted to ${command.to}: ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected} rejected`);
    if (totals.rejected > 0) process.exitCode = 1;
  }
  if (command.callback) {
    const callbacks = simulatedCallbacks(simulation.events);
    await postCallbacks({ ...command.callback, corpId }, callbacks);
    console.log(`\nposted ${callbacks.length} callbacks to ${command.callback.url} (withdrawn consent has none: the archive's disagree records carry it)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
