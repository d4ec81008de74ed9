import { relationshipChangedV1 } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import { businessDayOf, type ArchiveStore } from '@chatvault/store';
import { postToIngest, simulate, summarise, formatSummary, type Simulation } from '@chatvault/simulator';

const DAY_MS = 86_400_000;
/** Enough for every seeded kind of misconduct to show, small enough to load in seconds. */
const DEMO = { days: 3, employees: 20 } as const;

/**
 * What `npm start -- --demo` loads into a fresh ChatVault: a simulated corp's directory, its last three
 * days of WeCom traffic through the HTTP ingest (so the whole pipeline archives, classifies and alerts
 * on it), and its contact and group events. Seeded by the day, so a restart the same day loads the
 * same corp again and the archive keeps one copy.
 */
export async function loadDemoTraffic(target: { url: string; apiKey: string; store: ArchiveStore; bus: MessageBus }, now = Date.now()): Promise<string> {
  const start = businessDayOf(now - (DEMO.days - 1) * DAY_MS);
  const simulation = simulate({ ...DEMO, start, seed: Number(start.replace(/-/g, '')) });
  await saveDirectory(simulation, target.store, now);
  await target.bus.publish(
    relationshipChangedV1,
    simulation.events.map(({ eventId, change }) => ({ eventId, occurredAt: new Date(change.occurredAt).toISOString(), schemaVersion: 1, change })),
  );
  const totals = await postToIngest(target.url, target.apiKey, simulation.org.corpId, simulation.records);
  return [
    `demo corp ${simulation.org.corpName} (${simulation.org.corpId}): ${DEMO.employees} employees, ${DEMO.days} days from ${start}`,
    formatSummary(summarise(simulation)),
    `ingested ${totals.accepted} records (${totals.duplicates} already archived); alerts: ${target.url}/api/v1/alerts`,
  ].join('\n');
}

/** The directory a contact sync would have read, so alerts name people and reach managers. */
async function saveDirectory({ org }: Simulation, store: ArchiveStore, now: number): Promise<void> {
  await store.directory.saveDepartments(
    org.corpId,
    org.departments.map((d) => ({ id: String(d.id), name: d.name, parentId: d.parentId ? String(d.parentId) : null, leaders: d.leaderIds })),
    now,
  );
  await store.directory.saveEmployees(
    org.corpId,
    org.employees.map((e) => ({ userid: e.userid, name: e.name, departmentIds: [String(e.departmentId)], directLeaders: e.directLeader ? [e.directLeader] : [], email: '', status: 1 })),
    now,
  );
  await store.directory.saveExternalContacts(
    org.corpId,
    org.customers.map((c) => ({ externalUserId: c.externalUserId, name: c.name, corpName: c.corpName ?? null, type: c.type, followUsers: c.followers })),
    now,
  );
}
