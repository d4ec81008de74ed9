import type { Simulation } from './simulation';

export interface SimulationSummary {
  records: number;
  byMsgtype: [string, number][];
  events: number;
  byEventType: [string, number][];
  labels: number;
  byCategory: [string, number][];
}

export function summarise(simulation: Simulation): SimulationSummary {
  return {
    records: simulation.records.length,
    byMsgtype: counted(simulation.records.map((r) => (r.action === 'switch' ? 'switch' : String(r.msgtype)))),
    events: simulation.events.length,
    byEventType: counted(simulation.events.map((e) => e.change.type)),
    labels: simulation.labels.length,
    byCategory: counted(simulation.labels.map((l) => l.category)),
  };
}

/** Three tables: records per msgtype, events per type, seeded misconduct per category. */
export function formatSummary(summary: SimulationSummary): string {
  const table = (title: string, rows: [string, number][], total: number) =>
    [`${title.padEnd(28)}${'count'.padStart(8)}`, ...rows.map(([name, n]) => `  ${name.padEnd(26)}${String(n).padStart(8)}`), `  ${'total'.padEnd(26)}${String(total).padStart(8)}`].join('\n');
  return [
    table('records per msgtype', summary.byMsgtype, summary.records),
    table('events per type', summary.byEventType, summary.events),
    table('misconduct per category', summary.byCategory, summary.labels),
  ].join('\n\n');
}

function counted(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
