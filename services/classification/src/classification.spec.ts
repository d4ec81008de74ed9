import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chatMessageArchivedV1,
  chatMessageClassifiedV1,
  policyChangedV1,
  DEAD_LETTER_HEADERS,
  relationshipChangedV1,
  relationshipClassifiedV1,
  type ChatMessage,
  type ChatMessageArchived,
  type ChatMessageClassified,
  type RelationshipChange,
  type RelationshipClassified,
} from '@chatvault/contracts';
import { deadLetterTopic, InProcessBus, MemoryBusLog, type Delivery } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { SqliteSearchIndex } from '@chatvault/search';
import { MemoryCache } from '@chatvault/cache';
import { createLogger } from '@chatvault/platform';
import { chatMessage, waitFor } from '@chatvault/testing';
import { ActivePolicies } from './active-policies';
import type { PolicyClassifier } from '@chatvault/policy-engine';
import { MessageClassifier } from './message-classifier';
import { RelationshipClassifier } from './relationship-classifier';
import { PolicyReloader } from './policy-reloader';

const logger = createLogger('silent');
const at10 = Date.parse('2024-03-06T10:00:00+08:00');

describe('classification service', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let search: SqliteSearchIndex;
  let cache: MemoryCache;
  let policies: ActivePolicies;
  let reloader: PolicyReloader;
  let classified: ChatMessageClassified[];
  let relationships: RelationshipClassified[];
  let deadLetters: Delivery<unknown>[];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'classification-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    search = new SqliteSearchIndex({ path: join(dataDir, 'search.db') });
    await search.ensureReady();
    cache = new MemoryCache();
    policies = new ActivePolicies();
    reloader = new PolicyReloader(bus, store, logger, policies);
    await reloader.onModuleInit();
    classified = [];
    relationships = [];
    deadLetters = [];
    await new MessageClassifier(bus, store, search, cache, policies).onModuleInit();
    await new RelationshipClassifier(bus, store, policies).onModuleInit();
    await bus.subscribe(chatMessageClassifiedV1, { group: 'watch' }, async ({ value }) => void classified.push(value));
    await bus.subscribe(relationshipClassifiedV1, { group: 'watch' }, async ({ value }) => void relationships.push(value));
    await bus.subscribe(deadLetterTopic(chatMessageArchivedV1), { group: 'watch' }, async (delivery) => void deadLetters.push(delivery));
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    await search.close();
    await cache.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const archived = (message: ChatMessage, record: Record<string, unknown> = {}): ChatMessageArchived => ({
    eventId: `archived:${message.corpId}:${message.msgid}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    message,
    record,
    contentHash: 'a'.repeat(64),
  });

  const classifiedOf = (msgid: string) => waitFor(() => classified.find((e) => e.message.msgid === msgid), { description: `classification of ${msgid}` });

  it('publishes each hit with its rule, spans into the text, policy version and employee, and tags the message for search', async () => {
    const message = chatMessage({ msgid: 'deal', msgtime: at10, text: '这单我们走飞单，价格好商量' });
    await search.indexMessages([{ ...message, tolist: message.tolist }]);
    await bus.publish(chatMessageArchivedV1, [archived(message)]);

    const event = await classifiedOf('deal');
    expect(event.employeeId).toBe('zhangsan');
    expect(event.hits).toEqual([
      expect.objectContaining({ hitId: 'corp:deal:off-book-deal', ruleId: 'off-book-deal', category: 'off-book-deal', severity: 'high', source: 'text', spans: [[5, 7]], policyId: 'default-conduct' }),
    ]);
    expect(event.hits[0]!.policyVersion).toBeGreaterThanOrEqual(1);
    const found = await search.searchMessages({ corpId: 'corp', category: 'off-book-deal', ruleId: 'off-book-deal', severity: 'high' });
    expect(found.hits.map((h) => h.document.msgid)).toEqual(['deal']);
  });

  it('classifies what a recall took back, with spans into the recalled text', async () => {
    const original = chatMessage({ msgid: 'orig', msgtime: at10, text: '加我私人微信，以后在那边聊' });
    await store.messages.insertNew([{ message: original, rawJson: '{}', contentHash: 'b'.repeat(64), source: 'http', archivedAt: at10 }]);
    const recall = chatMessage({ msgid: 'recall', action: 'recall', msgtype: 'revoke', recalledMsgid: 'orig', msgtime: at10 + 1000 });
    await bus.publish(chatMessageArchivedV1, [archived(recall, { revoke: { pre_msgid: 'orig' } })]);

    const event = await classifiedOf('recall');
    const byCategory = new Map(event.hits.map((h) => [h.category, h]));
    expect(byCategory.get('message-recall')).toMatchObject({ source: 'text' });
    expect(byCategory.get('off-platform-contact')).toMatchObject({ source: 'recalled', hitId: 'corp:recall:off-platform-contact:recalled' });
  });

  it('escalates repeated abuse and does not count a redelivered message twice', async () => {
    const abuse = (i: number) => archived(chatMessage({ msgid: `abuse-${i}`, msgtime: at10 + i, text: '你是不是脑子有病，滚' }));
    await bus.publish(chatMessageArchivedV1, [abuse(1), abuse(2), abuse(2)]);
    await waitFor(() => classified.filter((e) => e.message.msgid.startsWith('abuse')).length === 3, { description: 'three classifications' });
    const severities = classified.map((e) => e.hits.find((h) => h.category === 'customer-abuse')?.severity);
    expect(severities).toEqual(['high', 'high', 'high']);

    await bus.publish(chatMessageArchivedV1, [abuse(3)]);
    const third = await classifiedOf('abuse-3');
    expect(third.hits.find((h) => h.category === 'customer-abuse')?.severity).toBe('critical');
  });

  it('judges relationship changes by the event rules', async () => {
    const change = (c: RelationshipChange) => ({ eventId: `rel-${relationships.length}-${c.type}-${String((c as { byTransfer?: boolean }).byTransfer)}`, occurredAt: new Date().toISOString(), schemaVersion: 1 as const, change: c });
    const deleted = { corpId: 'corp', occurredAt: at10, type: 'external-contact-deleted' as const, employeeId: 'zhangsan', externalUserIds: ['wmA'] };
    await bus.publish(relationshipChangedV1, [change({ ...deleted, byTransfer: true }), change({ ...deleted, byTransfer: false })]);

    const [event, ...rest] = await waitFor(() => (relationships.length > 0 ? relationships : undefined), { description: 'a classified relationship change' });
    expect(rest).toEqual([]);
    expect(event!.change).toMatchObject({ byTransfer: false });
    expect(event!.employeeId).toBe('zhangsan');
    expect(event!.hits.map((h) => h.category)).toEqual(['customer-deletion']);
  });

  it('seeds the default pack into an empty store and picks up a saved version without a restart', async () => {
    const stored = await store.policies.current();
    expect(stored.map((p) => [p.policyId, p.version])).toEqual(
      expect.arrayContaining([
        ['default-conduct', 1],
        ['default-behaviour', 1],
      ]),
    );
    const conduct = stored.find((p) => p.policyId === 'default-conduct')!;
    const document = JSON.parse(conduct.document);
    document.rules = document.rules.filter((rule: { id: string }) => rule.id !== 'off-book-deal');
    document.rules.push({ id: 'code-word', kind: 'lexicon', category: 'off-book-deal', keywords: ['老地方见'] });
    expect(await store.policies.saveVersion({ policyId: 'default-conduct', version: 2, enabled: true, document: JSON.stringify(document), savedBy: 'lead', savedAt: Date.now() })).toBe(true);
    await bus.publish(policyChangedV1, [{ eventId: 'p2', occurredAt: new Date().toISOString(), schemaVersion: 1, policyId: 'default-conduct', version: 2, enabled: true, savedBy: 'lead' }]);
    await waitFor(() => policies.versionOf('default-conduct') === 2, { description: 'version 2 loaded' });

    await bus.publish(chatMessageArchivedV1, [archived(chatMessage({ msgid: 'v2', msgtime: at10, text: '飞单的事，老地方见' }))]);
    const event = await classifiedOf('v2');
    expect(event.hits.map((h) => [h.ruleId, h.policyVersion])).toEqual([['code-word', 2]]);
  });

  it('applies a policy scoped to a department only to the employees the directory puts in it', async () => {
    await store.directory.saveEmployees(
      'corp',
      [
        { userid: 'zhangsan', name: '张三', departmentIds: ['7'], directLeaders: [], email: '', status: 1 },
        { userid: 'lisi', name: '李四', departmentIds: ['8'], directLeaders: [], email: '', status: 1 },
      ],
      Date.now(),
    );
    const document = { id: 'sales-floor', name: '销售部专项', version: 1, severity: 'medium', categories: ['off-book-deal'], scope: { departments: ['7'] }, rules: [{ id: 'floor-word', kind: 'lexicon', category: 'off-book-deal', keywords: ['内部价'] }] };
    await store.policies.saveVersion({ policyId: 'sales-floor', version: 1, enabled: true, document: JSON.stringify(document), savedBy: 'lead', savedAt: Date.now() });
    await bus.publish(policyChangedV1, [{ eventId: 'floor-1', occurredAt: new Date().toISOString(), schemaVersion: 1, policyId: 'sales-floor', version: 1, enabled: true, savedBy: 'lead' }]);
    await waitFor(() => policies.versionOf('sales-floor') === 1, { description: 'the scoped policy loaded' });

    const said = (msgid: string, from: string, text = '给您内部价') => archived(chatMessage({ msgid, from, conversationId: `single:wmA|${from}`, msgtime: at10, text }));
    await bus.publish(chatMessageArchivedV1, [said('in-dept', 'zhangsan'), said('other-dept', 'lisi'), said('unknown', 'wangwu')]);
    // Messages without hits are not announced: a later offending one in the same conversation (so the
    // same partition, handled in order) shows the earlier one was classified.
    await bus.publish(chatMessageArchivedV1, [said('other-dept-later', 'lisi', '飞单'), said('unknown-later', 'wangwu', '飞单')]);
    expect((await classifiedOf('in-dept')).hits.map((h) => h.ruleId)).toContain('floor-word');
    await classifiedOf('other-dept-later');
    await classifiedOf('unknown-later');
    const floorWordOn = (msgid: string) => classified.some((e) => e.message.msgid === msgid && e.hits.some((h) => h.ruleId === 'floor-word'));
    expect(floorWordOn('other-dept')).toBe(false);
    expect(floorWordOn('unknown')).toBe(false);
  });

  it('announces only the messages that have hits', async () => {
    const plain = (msgid: string, text: string) => archived(chatMessage({ msgid, conversationId: 'single:wmA|plain', msgtime: at10, text }));
    await bus.publish(chatMessageArchivedV1, [plain('hello', '您好，资料已发您邮箱'), plain('deal-after', '这单走飞单')]);
    await classifiedOf('deal-after');
    expect(classified.map((e) => e.message.msgid)).toEqual(['deal-after']);
  });

  it('keeps the last good policies when the stored ones do not compile', async () => {
    const before = policies.current;
    await store.policies.saveVersion({ policyId: 'default-conduct', version: 2, enabled: true, document: '{"rules":[{"id":"x","kind":"regex","pattern":"("}]}', savedBy: 'lead', savedAt: Date.now() });
    await reloader.reload();
    expect(policies.current).toBe(before);
  });

  it('dead-letters a message a rule throws on, with the reason, and keeps classifying the rest', async () => {
    const working = policies.current;
    const throwing = Object.create(working) as PolicyClassifier;
    throwing.classify = (input) => {
      if (input.message.msgid === 'poison') throw new Error('rule blew up on poison');
      return working.classify(input);
    };
    policies.replace(throwing);
    await bus.publish(chatMessageArchivedV1, [archived(chatMessage({ msgid: 'poison', msgtime: at10, text: '飞单' })), archived(chatMessage({ msgid: 'after', msgtime: at10 + 1, text: '飞单' }))]);

    expect((await classifiedOf('after')).hits).toHaveLength(1);
    const [dead] = await waitFor(() => (deadLetters.length > 0 ? deadLetters : undefined), { description: 'the dead letter' });
    expect(dead!.headers[DEAD_LETTER_HEADERS.error]).toBe('rule blew up on poison');
    expect(classified.some((e) => e.message.msgid === 'poison')).toBe(false);
  });
});
