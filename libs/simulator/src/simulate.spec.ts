import { describe, expect, it } from 'vitest';
import { ingestBatchSchema, MAX_RECORD_BYTES, relationshipChangeSchema, wecomArchiveMessageSchema } from '@chatvault/contracts';
import { ARCHIVE_MSGTYPES } from './archive-msgtypes';
import { directorySnapshot } from './directory-snapshot';
import { simulate } from './simulate';

describe('simulate', () => {
  const simulation = simulate({ seed: 7, days: 2, employees: 8 });

  it('produces every msgtype of the chat archive and switch records', () => {
    const seen = new Set(simulation.records.map((r) => (r.action === 'switch' ? 'switch' : r.msgtype)));
    expect([...ARCHIVE_MSGTYPES, 'switch'].filter((type) => !seen.has(type))).toEqual([]);
  });

  it('writes records the ingest accepts, with unique msgids, in time order', () => {
    const problems = simulation.records.flatMap((record) => {
      const parsed = wecomArchiveMessageSchema.safeParse(record);
      return parsed.success ? [] : [`${record.msgid}: ${parsed.error.message}`];
    });
    expect(problems).toEqual([]);
    expect(Math.max(...simulation.records.map((r) => Buffer.byteLength(JSON.stringify(r))))).toBeLessThan(MAX_RECORD_BYTES);
    expect(ingestBatchSchema.safeParse({ corpId: simulation.org.corpId, messages: simulation.records.slice(0, 1000) }).success).toBe(true);
    expect(new Set(simulation.records.map((r) => r.msgid)).size).toBe(simulation.records.length);
    const times = simulation.records.map((r) => (r.msgtime ?? r.time) as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('links each recall to an earlier message of the same chat', () => {
    const byId = new Map(simulation.records.map((r) => [r.msgid, r]));
    const recalls = simulation.records.filter((r) => r.msgtype === 'revoke');
    expect(recalls.length).toBeGreaterThan(0);
    for (const recall of recalls) {
      expect(recall.action).toBe('recall');
      const original = byId.get((recall.revoke as { pre_msgid: string }).pre_msgid);
      expect(original?.from).toBe(recall.from);
      expect(original!.msgtime as number).toBeLessThan(recall.msgtime as number);
    }
  });

  it('emits events in the relationship-change shape', () => {
    const problems = simulation.events.flatMap(({ eventId, change }) => {
      const parsed = relationshipChangeSchema.safeParse(change);
      return parsed.success ? [] : [`${eventId}: ${parsed.error.message}`];
    });
    expect(problems).toEqual([]);
    const types = new Set(simulation.events.map((e) => e.change.type));
    const expected = ['external-contact-added', 'external-contact-deleted', 'employee-deleted-by-customer', 'group-created', 'group-members-removed', 'consent-changed'];
    expect(expected.filter((type) => !types.has(type as never))).toEqual([]);
  });

  it('labels only messages and events it produced', () => {
    const msgids = new Set(simulation.records.map((r) => r.msgid));
    const eventIds = new Set(simulation.events.map((e) => e.eventId));
    const dangling = simulation.labels.filter((l) => ('msgid' in l ? !msgids.has(l.msgid) : !eventIds.has(l.eventId)));
    expect(dangling).toEqual([]);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(simulate({ seed: 7, days: 2, employees: 8 }))).toBe(JSON.stringify(simulation));
    expect(simulate({ seed: 8, days: 2, employees: 8 }).records[0]).not.toEqual(simulation.records[0]);
  });

  it('builds an org whose leaders, followers and group members all exist', () => {
    const { org } = simulation;
    const userids = new Set(org.employees.map((e) => e.userid));
    const customers = new Set(org.customers.map((c) => c.externalUserId));
    expect(org.employees.filter((e) => e.directLeader && !userids.has(e.directLeader))).toEqual([]);
    expect(org.customers.every((c) => /^w[mo]/.test(c.externalUserId) && c.followers.every((f) => userids.has(f)))).toBe(true);
    expect(org.groups.every((g) => g.memberIds.every((id) => userids.has(id) || customers.has(id)))).toBe(true);
    const snapshot = directorySnapshot(simulation, Date.parse('2024-01-01T00:00:00+08:00'));
    expect(snapshot.users).toHaveLength(org.employees.length);
    expect(snapshot.departments.flatMap((d) => d.department_leader).every((id) => userids.has(id))).toBe(true);
    const created = simulation.events.flatMap(({ change }) => (change.type === 'group-created' ? [change.chatId] : []));
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((chatId) => !snapshot.customerGroups.some((g) => g.chat_id === chatId))).toEqual([]);
  });

  it('refuses options it cannot simulate, naming them', () => {
    expect(() => simulate({ days: 0 })).toThrow(/days must be/);
    expect(() => simulate({ employees: 1 })).toThrow(/employees must be at least 2/);
    expect(() => simulate({ start: 'monday' })).toThrow(/start must be a date/);
  });
});
