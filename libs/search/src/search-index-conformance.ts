import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadScope } from '@chatvault/contracts';
import { DomainError } from '@chatvault/platform';
import type { AlertDocument, AlertQuery, MessageDocument, MessageQuery, SearchIndex } from './search-index';

const BASE_TIME = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * The semantics of the `SearchIndex` port, checked against one adapter. `makeAdapter` is called
 * once; every test writes under a corp id of its own and searches within it, so tests do not see
 * each other's messages, nor those of other runs sharing an Elasticsearch cluster.
 */
export function describeSearchIndexConformance(name: string, makeAdapter: () => Promise<SearchIndex>): void {
  describe(`SearchIndex conformance: ${name}`, () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = await makeAdapter();
      await index.ensureReady();
    });
    afterAll(async () => {
      await index?.close();
    });

    const newCorp = () => `corp-${randomUUID().slice(0, 8)}`;

    /** Indexes the texts as messages m0, m1… one minute apart, newest last, and makes them searchable. */
    async function indexTexts(corpId: string, texts: readonly string[]): Promise<MessageDocument[]> {
      const documents = texts.map((text, i) => message(corpId, `m${i}`, { text, msgtime: BASE_TIME + i * 60_000 }));
      await indexAll(documents);
      return documents;
    }

    async function indexAll(documents: readonly MessageDocument[]): Promise<void> {
      const result = await index.indexMessages(documents);
      expect(result).toEqual({ indexed: documents.length, failed: [] });
      await index.refresh();
    }

    /** The msgids found, in the order returned. */
    async function found(corpId: string, query: Omit<MessageQuery, 'corpId'> = {}): Promise<string[]> {
      const result = await index.searchMessages({ limit: 100, ...query, corpId });
      return result.hits.map((hit) => hit.document.msgid);
    }

    async function highlightsOf(corpId: string, text: string): Promise<string[][]> {
      const result = await index.searchMessages({ corpId, text });
      return result.hits.map((hit) => hit.highlights);
    }

    it('can be made ready again without losing what is indexed', async () => {
      const corpId = newCorp();
      await indexTexts(corpId, ['第一条消息']);
      await index.ensureReady();
      expect(await found(corpId)).toEqual(['m0']);
    });

    describe('Chinese text', () => {
      const texts = [
        '这个飞单你接不接', // m0: 飞单 as a phrase
        '我坐飞机单程去上海', // m1: 飞 and 单 in different words
        '起飞了，回头去买单', // m2: 飞 and 单 far apart
        '飞，单', // m3: only punctuation between
        '飞 单', // m4: only a space between
        '报价单已发给你了', // m5
      ];
      let corpId: string;
      beforeAll(async () => {
        corpId = newCorp();
        await indexTexts(corpId, texts);
      });

      it('finds a single character wherever it occurs', async () => {
        expect((await found(corpId, { text: '飞' })).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
        expect((await found(corpId, { text: '单' })).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      });

      it('finds two characters only next to each other: 飞单 is not 飞机单程', async () => {
        expect((await found(corpId, { text: '飞单' })).sort()).toEqual(['m0', 'm3', 'm4']);
        expect(await found(corpId, { text: '单飞' })).toEqual([]);
      });

      it('lets punctuation and spaces between characters not break a phrase, as the standard analyzer does', async () => {
        expect(await found(corpId, { text: '飞，单' })).toContain('m0');
        expect(await found(corpId, { text: '飞单' })).toEqual(expect.arrayContaining(['m3', 'm4']));
      });

      it('finds longer phrases exactly', async () => {
        expect(await found(corpId, { text: '报价单已发' })).toEqual(['m5']);
        expect(await found(corpId, { text: '单已发给' })).toEqual(['m5']);
        expect(await found(corpId, { text: '报价单已发了' })).toEqual([]);
        expect(await found(corpId, { text: '坐飞机单程' })).toEqual(['m1']);
      });
    });

    describe('Latin text and mixed scripts', () => {
      let corpId: string;
      beforeAll(async () => {
        corpId = newCorp();
        await indexTexts(corpId, [
          '加我wx abc123 详聊', // m0
          'Hello WeChat Team', // m1
          '请加ＷＸ１２３，全角的', // m2: full-width, as typed with a Chinese IME
          'version v1.2.3 released', // m3
        ]);
      });

      it('matches a phrase across Chinese and Latin', async () => {
        expect(await found(corpId, { text: '加我wx' })).toEqual(['m0']);
        expect(await found(corpId, { text: '我wx abc123' })).toEqual(['m0']);
        expect(await found(corpId, { text: 'wx abc123' })).toEqual(['m0']);
      });

      it('matches whole words of letters and digits, not parts of them', async () => {
        expect(await found(corpId, { text: 'abc123' })).toEqual(['m0']);
        expect(await found(corpId, { text: 'abc' })).toEqual([]);
        expect(await found(corpId, { text: 'v1.2.3' })).toEqual(['m3']);
      });

      it('ignores case', async () => {
        expect(await found(corpId, { text: 'wechat' })).toEqual(['m1']);
        expect(await found(corpId, { text: 'HELLO wEcHaT' })).toEqual(['m1']);
        expect(await found(corpId, { text: 'WX' })).toEqual(['m0']);
      });

      it('treats full-width letters and digits as their half-width forms, in texts and in queries', async () => {
        expect(await found(corpId, { text: '加ｗｘ１２３' })).toEqual(['m2']);
        expect(await found(corpId, { text: 'wx123' })).toEqual(['m2']);
        expect(await found(corpId, { text: '加我ＷＸ' })).toEqual(['m0']);
      });
    });

    describe('several terms', () => {
      let corpId: string;
      beforeAll(async () => {
        corpId = newCorp();
        await indexTexts(corpId, ['飞单的事加我wx', '飞单的事当面谈', '加我wx聊别的']);
      });

      it('requires every term, each as its own phrase', async () => {
        expect(await found(corpId, { text: '飞单 wx' })).toEqual(['m0']);
        expect(await found(corpId, { text: '  wx\u3000飞单  ' })).toEqual(['m0']);
        expect((await found(corpId, { text: '飞单 事' })).sort()).toEqual(['m0', 'm1']);
        expect(await found(corpId, { text: '飞单 不存在' })).toEqual([]);
      });
    });

    describe('characters that are syntax to FTS5 or Elasticsearch', () => {
      let corpId: string;
      beforeAll(async () => {
        corpId = newCorp();
        await indexTexts(corpId, ['这个飞单你接不接', 'a:b and (c) -d "e" f*']);
      });

      it('are taken literally and never make a search fail', async () => {
        for (const text of ['"*:()-', '"', '飞单"', '"飞单', '(飞单)', '-飞单', '飞单*', 'NEAR(飞 单)', 'AND', 'OR NOT', '^', '{}[]', '\\', "'", '+飞单', '~', 'a:b']) {
          await expect(index.searchMessages({ corpId, text }), `query ${text}`).resolves.toBeDefined();
        }
        expect(await found(corpId, { text: '"飞单"' })).toEqual(['m0']);
        expect(await found(corpId, { text: '-飞单' })).toEqual(['m0']);
        expect(await found(corpId, { text: '(c)' })).toEqual(['m1']);
        expect(await found(corpId, { text: 'a:b' })).toEqual(['m1']);
      });

      it('ignore a term that is only punctuation', async () => {
        expect(await found(corpId, { text: '"*:()-' })).toEqual(['m1', 'm0']);
        expect(await found(corpId, { text: '飞单 ，' })).toEqual(['m0']);
      });
    });

    describe('filters', () => {
      let corpId: string;
      beforeAll(async () => {
        corpId = newCorp();
        await indexAll([
          message(corpId, 'a', { conversationId: 'conv-1', from: 'zhangsan', msgtime: BASE_TIME, text: '飞单一' }),
          message(corpId, 'b', { conversationId: 'conv-1', from: 'lisi', msgtime: BASE_TIME + 1_000, text: '飞单二' }),
          message(corpId, 'c', { conversationId: 'conv-2', from: 'zhangsan', msgtime: BASE_TIME + 2_000, text: '别的' }),
          message(corpId, 'd', { conversationId: 'conv-2', from: 'wangwu', msgtime: BASE_TIME + 3_000, text: '飞单三' }),
        ]);
      });

      it('filters by conversation and by sender, alone and with text', async () => {
        expect(await found(corpId, { conversationId: 'conv-1' })).toEqual(['b', 'a']);
        expect(await found(corpId, { from: 'zhangsan' })).toEqual(['c', 'a']);
        expect(await found(corpId, { conversationId: 'conv-2', text: '飞单' })).toEqual(['d']);
        expect(await found(corpId, { conversationId: 'conv-1', from: 'zhangsan' })).toEqual(['a']);
        expect(await found(corpId, { conversationId: 'conv-9' })).toEqual([]);
      });

      it('filters by a time range with both ends inclusive', async () => {
        expect(await found(corpId, { since: BASE_TIME + 1_000, until: BASE_TIME + 2_000 })).toEqual(['c', 'b']);
        expect(await found(corpId, { since: BASE_TIME + 2_000 })).toEqual(['d', 'c']);
        expect(await found(corpId, { until: BASE_TIME })).toEqual(['a']);
        expect(await found(corpId, { since: BASE_TIME + 3_001 })).toEqual([]);
      });

      it('keeps corps apart, even for the same msgid', async () => {
        const other = newCorp();
        await indexAll([message(other, 'a', { text: '另一个企业的飞单' })]);
        expect(await found(other, { text: '飞单' })).toEqual(['a']);
        const mine = await index.searchMessages({ corpId, text: '飞单' });
        expect(mine.total).toBe(3);
        expect(mine.hits.every((hit) => hit.document.corpId === corpId)).toBe(true);
      });
    });

    describe('order and paging', () => {
      let corpId: string;
      let newestFirst: string[];
      beforeAll(async () => {
        corpId = newCorp();
        const documents = Array.from({ length: 25 }, (_, i) =>
          // Pairs share a msgtime: the msgid breaks the tie, so the order is the same on every page.
          message(corpId, `p${String(i).padStart(2, '0')}`, { msgtime: BASE_TIME + Math.floor(i / 2) * 1_000, text: `第${i}条飞单` }),
        );
        await indexAll([...documents].reverse());
        newestFirst = [...documents]
          .sort((a, b) => b.msgtime - a.msgtime || (a.msgid < b.msgid ? -1 : 1))
          .map((d) => d.msgid);
      });

      it('returns the newest first, then by msgid', async () => {
        expect(await found(corpId, { text: '飞单' })).toEqual(newestFirst);
        expect(newestFirst.slice(0, 3)).toEqual(['p24', 'p22', 'p23']);
      });

      it('pages without gaps or repeats and with the same total on every page', async () => {
        const pages = [];
        for (const offset of [0, 10, 20]) pages.push(await index.searchMessages({ corpId, text: '飞单', offset, limit: 10 }));
        expect(pages.map((page) => page.total)).toEqual([25, 25, 25]);
        expect(pages.map((page) => page.hits.length)).toEqual([10, 10, 5]);
        expect(pages.flatMap((page) => page.hits.map((hit) => hit.document.msgid))).toEqual(newestFirst);
      });

      it('counts without returning hits when limit is 0, and returns nothing past the end', async () => {
        expect(await index.searchMessages({ corpId, limit: 0 })).toEqual({ total: 25, hits: [] });
        expect(await index.searchMessages({ corpId, offset: 30, limit: 10 })).toEqual({ total: 25, hits: [] });
      });

      it('returns 20 by default', async () => {
        expect((await index.searchMessages({ corpId })).hits).toHaveLength(20);
      });

      it('rejects paging it cannot serve, as an invalid request', async () => {
        for (const query of [{ limit: 1_001 }, { limit: -1 }, { offset: -1 }, { offset: 1.5 }, { offset: 9_995, limit: 10 }]) {
          const error = await index.searchMessages({ corpId, ...query }).catch((e: unknown) => e);
          expect(error, JSON.stringify(query)).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('invalid_request');
        }
        await expect(index.searchMessages({ corpId, offset: 9_990, limit: 10 })).resolves.toEqual({ total: 25, hits: [] });
      });
    });

    describe('indexing', () => {
      it('returns documents as they were indexed', async () => {
        const corpId = newCorp();
        const document = message(corpId, 'full', {
          conversationId: 'room:r1',
          msgtype: 'text',
          action: 'send',
          from: 'zhangsan',
          tolist: ['lisi', 'wm-external'],
          roomid: 'r1',
          text: '原文 ＷＸ 保留全角',
          ruleIds: ['r-1'],
          categories: ['contact'],
          severities: ['high'],
        });
        await indexAll([document]);
        expect((await index.searchMessages({ corpId })).hits[0]?.document).toEqual(document);
      });

      it('replaces a message indexed again instead of adding a second one', async () => {
        const corpId = newCorp();
        await indexAll([message(corpId, 'm', { text: '旧的飞单内容', msgtime: BASE_TIME })]);
        await indexAll([message(corpId, 'm', { text: '新的内容', msgtime: BASE_TIME + 5_000 })]);
        await indexAll([message(corpId, 'm', { text: '新的内容', msgtime: BASE_TIME + 5_000 })]);
        const all = await index.searchMessages({ corpId });
        expect(all.total).toBe(1);
        expect(all.hits[0]?.document).toMatchObject({ text: '新的内容', msgtime: BASE_TIME + 5_000 });
        expect(await found(corpId, { text: '飞单' })).toEqual([]);
        expect(await found(corpId, { text: '新的' })).toEqual(['m']);
        expect(await found(corpId, { until: BASE_TIME })).toEqual([]);
      });

      it('indexes the good documents of a batch and reports the bad ones', async () => {
        const corpId = newCorp();
        const bad = { ...message(corpId, 'bad', { text: '坏的' }), msgtime: 'not-a-time' } as unknown as MessageDocument;
        const noCorp = message('', 'no-corp', { text: '没有企业' });
        const result = await index.indexMessages([message(corpId, 'good-1', { text: '好的一' }), bad, noCorp, message(corpId, 'good-2', { text: '好的二' })]);
        expect(result.indexed).toBe(2);
        expect(result.failed).toEqual([
          { msgid: 'bad', error: expect.stringContaining('msgtime') },
          { msgid: 'no-corp', error: expect.stringContaining('corpId') },
        ]);
        await index.refresh();
        expect((await found(corpId)).sort()).toEqual(['good-1', 'good-2']);
      });

      it('accepts an empty batch', async () => {
        expect(await index.indexMessages([])).toEqual({ indexed: 0, failed: [] });
      });

      it('indexes a batch of 1,000 messages', async () => {
        const corpId = newCorp();
        const documents = Array.from({ length: 1_000 }, (_, i) =>
          message(corpId, `bulk-${i}`, { msgtime: BASE_TIME + i, text: i % 10 === 0 ? `第${i}条：报价单已发，加我wx` : `第${i}条普通消息` }),
        );
        await indexAll(documents);
        expect((await index.searchMessages({ corpId, limit: 0 })).total).toBe(1_000);
        const quotes = await index.searchMessages({ corpId, text: '报价单 wx', limit: 3 });
        expect(quotes.total).toBe(100);
        expect(quotes.hits.map((hit) => hit.document.msgid)).toEqual(['bulk-990', 'bulk-980', 'bulk-970']);
      });
    });

    describe('tags', () => {
      it('filters by rule, category and severity once a message is tagged', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['私下飞单', '加我微信', '正常沟通']);
        await index.tagMessage(corpId, 'm0', { ruleIds: ['r-fly', 'r-money'], categories: ['fraud'], severities: ['critical'] });
        await index.tagMessage(corpId, 'm1', { ruleIds: ['r-contact'], categories: ['contact', 'fraud'], severities: ['medium', 'low'] });
        await index.refresh();
        expect(await found(corpId, { ruleId: 'r-money' })).toEqual(['m0']);
        expect(await found(corpId, { ruleId: 'r-contact' })).toEqual(['m1']);
        expect(await found(corpId, { category: 'fraud' })).toEqual(['m1', 'm0']);
        expect(await found(corpId, { category: 'contact' })).toEqual(['m1']);
        expect(await found(corpId, { severity: 'critical' })).toEqual(['m0']);
        expect(await found(corpId, { severity: 'low' })).toEqual(['m1']);
        expect(await found(corpId, { severity: 'high' })).toEqual([]);
        expect(await found(corpId, { category: 'fraud', severity: 'medium', text: '微信' })).toEqual(['m1']);
        const tagged = (await index.searchMessages({ corpId, ruleId: 'r-fly' })).hits[0]?.document;
        expect(tagged).toMatchObject({ ruleIds: ['r-fly', 'r-money'], categories: ['fraud'], severities: ['critical'] });
        const untagged = (await index.searchMessages({ corpId, text: '正常' })).hits[0]?.document;
        expect(untagged?.ruleIds).toBeUndefined();
      });

      it('replaces the tags of a message tagged again', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['私下飞单']);
        await index.tagMessage(corpId, 'm0', { ruleIds: ['r-old'], categories: ['old'], severities: ['low'] });
        await index.tagMessage(corpId, 'm0', { ruleIds: ['r-new'], categories: ['new'], severities: ['high'] });
        await index.refresh();
        expect(await found(corpId, { ruleId: 'r-old' })).toEqual([]);
        expect(await found(corpId, { category: 'old' })).toEqual([]);
        expect(await found(corpId, { ruleId: 'r-new', category: 'new', severity: 'high' })).toEqual(['m0']);
      });

      it('keeps tags that arrive before the message, and keeps them when the message is indexed again without tags', async () => {
        const corpId = newCorp();
        await index.tagMessage(corpId, 'early', { ruleIds: ['r-1'], categories: ['fraud'], severities: ['high'] });
        await index.refresh();
        expect(await index.searchMessages({ corpId })).toEqual({ total: 0, hits: [] });
        expect(await found(corpId, { category: 'fraud' })).toEqual([]);

        await indexAll([message(corpId, 'early', { text: '后到的飞单' })]);
        expect(await found(corpId, { category: 'fraud', text: '飞单' })).toEqual(['early']);
        await indexAll([message(corpId, 'early', { text: '后到的飞单，再索引一次' })]);
        const again = await index.searchMessages({ corpId, ruleId: 'r-1' });
        expect(again.hits.map((hit) => hit.document)).toEqual([
          message(corpId, 'early', { text: '后到的飞单，再索引一次', ruleIds: ['r-1'], categories: ['fraud'], severities: ['high'] }),
        ]);

        await indexAll([message(corpId, 'early', { text: '后到的飞单', ruleIds: [], categories: [], severities: [] })]);
        expect(await found(corpId, { category: 'fraud' })).toEqual([]);
        expect((await index.searchMessages({ corpId })).hits[0]?.document).toMatchObject({ ruleIds: [], categories: [], severities: [] });
      });

      it('rejects tags it cannot store, as an invalid request', async () => {
        const corpId = newCorp();
        const invalid = { ruleIds: 'r-1', categories: [], severities: [] } as unknown as { ruleIds: string[]; categories: string[]; severities: [] };
        await expect(index.tagMessage(corpId, 'm', invalid)).rejects.toThrow(/ruleIds must be an array of strings/);
        const badSeverity = { ruleIds: [], categories: [], severities: ['urgent'] } as unknown as { ruleIds: string[]; categories: string[]; severities: [] };
        await expect(index.tagMessage(corpId, 'm', badSeverity)).rejects.toBeInstanceOf(DomainError);
        await expect(index.tagMessage(corpId, '', { ruleIds: [], categories: [], severities: [] })).rejects.toThrow(/msgid must be/);
      });
    });

    describe('alerts', () => {
      async function indexAlerts(documents: readonly AlertDocument[]): Promise<void> {
        for (const document of documents) await index.indexAlert(document);
        await index.refresh();
      }

      /** The alert ids found, in the order returned. */
      async function alertsFound(corpId: string, query: Omit<AlertQuery, 'corpId'> = {}): Promise<string[]> {
        return (await index.searchAlerts({ limit: 100, ...query, corpId })).items.map((item) => item.alertId);
      }

      describe('filters', () => {
        let corpId: string;
        beforeAll(async () => {
          corpId = newCorp();
          await indexAlerts([
            alert(corpId, 'a1', { employeeId: 'zhangsan', ruleId: 'r-fly', category: 'off-book', severity: 'high', createdAt: BASE_TIME, excerpt: '这个飞单你接不接' }),
            alert(corpId, 'a2', { employeeId: 'lisi', ruleId: 'r-wx', category: 'contact', severity: 'medium', createdAt: BASE_TIME + 1_000, excerpt: '加我ＷＸ详聊' }),
            alert(corpId, 'a3', { employeeId: 'zhangsan', ruleId: 'r-wx', category: 'contact', severity: 'high', status: 'resolved', resolution: 'false_positive', createdAt: BASE_TIME + 2_000, excerpt: '我坐飞机单程去上海' }),
            alert(corpId, 'a4', { employeeId: '', ruleId: 'capture.seq-gap', category: 'capture-problem', severity: 'critical', status: 'escalated', createdAt: BASE_TIME + 3_000, excerpt: 'seq-gap: seq 101–140 missing' }),
          ]);
        });

        it('returns the newest first, filtered by each field alone and together', async () => {
          expect(await alertsFound(corpId)).toEqual(['a4', 'a3', 'a2', 'a1']);
          expect(await alertsFound(corpId, { employeeId: 'zhangsan' })).toEqual(['a3', 'a1']);
          expect(await alertsFound(corpId, { ruleId: 'r-wx' })).toEqual(['a3', 'a2']);
          expect(await alertsFound(corpId, { category: 'capture-problem' })).toEqual(['a4']);
          expect(await alertsFound(corpId, { severity: 'high' })).toEqual(['a3', 'a1']);
          expect(await alertsFound(corpId, { status: 'new' })).toEqual(['a2', 'a1']);
          expect(await alertsFound(corpId, { status: 'resolved', employeeId: 'zhangsan', category: 'contact' })).toEqual(['a3']);
          expect(await alertsFound(corpId, { employeeId: 'wangwu' })).toEqual([]);
        });

        it('matches text in the excerpt as phrases, as for messages', async () => {
          expect(await alertsFound(corpId, { text: '飞单' })).toEqual(['a1']);
          expect(await alertsFound(corpId, { text: '飞' })).toEqual(['a3', 'a1']);
          expect(await alertsFound(corpId, { text: 'wx' })).toEqual(['a2']);
          expect(await alertsFound(corpId, { text: '"*:()-' })).toEqual(['a4', 'a3', 'a2', 'a1']);
          expect(await alertsFound(corpId, { text: 'seq-gap 101' })).toEqual(['a4']);
        });

        it('filters by createdAt with both ends inclusive, and keeps corps apart', async () => {
          expect(await alertsFound(corpId, { since: BASE_TIME + 1_000, until: BASE_TIME + 2_000 })).toEqual(['a3', 'a2']);
          const other = newCorp();
          await indexAlerts([alert(other, 'b1', { excerpt: '飞单' })]);
          expect(await alertsFound(other, { text: '飞单' })).toEqual(['b1']);
          expect(await alertsFound(corpId, { text: '飞单' })).toEqual(['a1']);
        });

        it('pages with an exact total, and rejects paging it cannot serve', async () => {
          const first = await index.searchAlerts({ corpId, limit: 3 });
          const second = await index.searchAlerts({ corpId, offset: 3, limit: 3 });
          expect([first.total, second.total]).toEqual([4, 4]);
          expect([...first.items, ...second.items].map((item) => item.alertId)).toEqual(['a4', 'a3', 'a2', 'a1']);
          expect(await index.searchAlerts({ corpId, limit: 0 })).toEqual({ total: 4, items: [] });
          const error = await index.searchAlerts({ corpId, limit: 1_001 }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('invalid_request');
        });
      });

      it('returns an alert as it was indexed', async () => {
        const corpId = newCorp();
        const document = alert(corpId, 'full', { status: 'resolved', resolution: 'confirmed_violation', assignee: 'lisi', msgids: ['m1', 'm2'], hitCount: 2, version: 4 });
        await indexAlerts([document]);
        expect((await index.searchAlerts({ corpId })).items).toEqual([document]);
      });

      it('replaces an alert indexed again with a later state, and keeps it when an earlier state comes after', async () => {
        const corpId = newCorp();
        const raised = alert(corpId, 'x', { excerpt: '旧的飞单' });
        const joined = { ...raised, hitCount: 2, severity: 'high' as const, excerpt: '新的摘要' };
        const acknowledged = { ...joined, status: 'acknowledged' as const, assignee: 'lisi', version: 2 };
        await indexAlerts([raised, joined, joined, acknowledged]);
        await indexAlerts([joined, raised]);
        const { total, items } = await index.searchAlerts({ corpId });
        expect(total).toBe(1);
        expect(items).toEqual([acknowledged]);
        expect(await alertsFound(corpId, { text: '飞单' })).toEqual([]);
        expect(await alertsFound(corpId, { text: '新的', status: 'acknowledged' })).toEqual(['x']);
        const resolved = { ...acknowledged, hitCount: 1, status: 'resolved' as const, resolution: 'false_positive' as const, version: 3 };
        await indexAlerts([resolved]);
        expect((await index.searchAlerts({ corpId })).items).toEqual([resolved]);
      });

      it('rejects an alert it cannot store, as an invalid request, naming the field', async () => {
        const corpId = newCorp();
        const bad = [
          { ...alert(corpId, 'bad'), severity: 'urgent' },
          { ...alert(corpId, 'bad'), createdAt: 'yesterday' },
          { ...alert(corpId, 'bad'), msgids: 'm1' },
          alert('', 'bad'),
        ] as unknown as AlertDocument[];
        for (const [document, field] of bad.map((d, i) => [d, ['severity', 'createdAt', 'msgids', 'corpId'][i]] as const)) {
          const error = await index.indexAlert(document).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).message).toContain(field);
        }
        await index.refresh();
        expect(await alertsFound(corpId)).toEqual([]);
      });
    });

    describe('a scope', () => {
      /** Employees named in a scope bigger than SQLite's 32,766 bound parameters and Elasticsearch's 65,536 terms. */
      const crowd = Array.from({ length: 70_000 }, (_, i) => `u${i}`);
      let corpA: string;
      let corpB: string;
      beforeAll(async () => {
        [corpA, corpB] = [newCorp(), newCorp()];
        await indexAll([
          message(corpA, 'sent', { from: 'zhangsan', tolist: ['wm-customer'], msgtime: BASE_TIME }),
          message(corpA, 'received', { from: 'wm-customer', tolist: ['lisi'], msgtime: BASE_TIME + 1_000 }),
          message(corpA, 'group', { from: 'wm-customer', tolist: ['wangwu', 'lisi'], msgtime: BASE_TIME + 2_000, text: '群里的飞单' }),
          message(corpA, 'other', { from: 'wangwu', tolist: ['wm-customer'], msgtime: BASE_TIME + 3_000 }),
          message(corpB, 'sent', { from: 'zhangsan', tolist: ['lisi'], msgtime: BASE_TIME + 4_000 }),
        ]);
        for (const document of [
          alert(corpA, `${corpA}-zhangsan`, { employeeId: 'zhangsan', createdAt: BASE_TIME }),
          alert(corpA, `${corpA}-lisi`, { employeeId: 'lisi', createdAt: BASE_TIME + 1_000 }),
          alert(corpA, `${corpA}-capture`, { employeeId: '', createdAt: BASE_TIME + 2_000 }),
          alert(corpB, `${corpB}-zhangsan`, { employeeId: 'zhangsan', createdAt: BASE_TIME + 3_000 }),
        ]) {
          await index.indexAlert(document);
        }
        await index.refresh();
      });

      /** `corpId:msgid` of the messages found, newest first, after checking the total counts exactly them. */
      async function messagesWithin(within: ReadScope, query: MessageQuery = {}): Promise<string[]> {
        const { total, hits } = await index.searchMessages({ limit: 100, ...query, within });
        expect(total).toBe(hits.length);
        return hits.map(({ document }) => `${document.corpId === corpA ? 'A' : 'B'}:${document.msgid}`);
      }

      /** The alerts found, as `A:employee`, newest first, after checking the total counts exactly them. */
      async function alertsWithin(within: ReadScope, query: AlertQuery = {}): Promise<string[]> {
        const { total, items } = await index.searchAlerts({ limit: 100, ...query, within });
        expect(total).toBe(items.length);
        return items.map((item) => `${item.corpId === corpA ? 'A' : 'B'}:${item.employeeId}`);
      }

      it('finds the messages an employee in scope sent or received, of their corp only', async () => {
        expect(await messagesWithin([{ corpId: corpA, userids: ['zhangsan'] }])).toEqual(['A:sent']);
        expect(await messagesWithin([{ corpId: corpA, userids: ['lisi'] }])).toEqual(['A:group', 'A:received']);
        expect(await messagesWithin([{ corpId: corpA, userids: ['wangwu', 'zhangsan'] }])).toEqual(['A:other', 'A:group', 'A:sent']);
        expect(await messagesWithin([{ corpId: corpB, userids: ['lisi'] }])).toEqual(['B:sent']);
        expect(await messagesWithin([{ corpId: corpA, userids: ['lisi'] }], { text: '飞单' })).toEqual(['A:group']);
      });

      it('finds every message of a corp in scope without employees, and joins the corps of a scope', async () => {
        expect(await messagesWithin([{ corpId: corpA }])).toEqual(['A:other', 'A:group', 'A:received', 'A:sent']);
        expect(await messagesWithin([{ corpId: corpA, userids: ['zhangsan'] }, { corpId: corpB }])).toEqual(['B:sent', 'A:sent']);
        expect(await messagesWithin([{ corpId: corpA }], { corpId: corpB })).toEqual([]);
      });

      it('finds the alerts of the employees in scope, and alerts about no employee only for a whole corp', async () => {
        expect(await alertsWithin([{ corpId: corpA, userids: ['zhangsan'] }])).toEqual(['A:zhangsan']);
        expect(await alertsWithin([{ corpId: corpA, userids: ['zhangsan', 'lisi'] }])).toEqual(['A:lisi', 'A:zhangsan']);
        expect(await alertsWithin([{ corpId: corpA }])).toEqual(['A:', 'A:lisi', 'A:zhangsan']);
        expect(await alertsWithin([{ corpId: corpA, userids: ['lisi'] }, { corpId: corpB, userids: ['zhangsan'] }])).toEqual(['B:zhangsan', 'A:lisi']);
        expect(await alertsWithin([{ corpId: corpA }], { corpId: corpB })).toEqual([]);
      });

      it('lets nothing through when it names no corp, or no employee of its corp', async () => {
        expect(await index.searchMessages({ within: [] })).toEqual({ total: 0, hits: [] });
        expect(await index.searchAlerts({ within: [] })).toEqual({ total: 0, items: [] });
        expect(await messagesWithin([{ corpId: corpA, userids: [] }])).toEqual([]);
        expect(await alertsWithin([{ corpId: corpA, userids: [] }])).toEqual([]);
      });

      it('names tens of thousands of employees', async () => {
        expect(await messagesWithin([{ corpId: corpA, userids: [...crowd, 'lisi'] }])).toEqual(['A:group', 'A:received']);
        expect(await messagesWithin([{ corpId: corpA, userids: crowd }])).toEqual([]);
        expect(await alertsWithin([{ corpId: corpA, userids: [...crowd, 'lisi'] }, { corpId: corpB, userids: crowd }])).toEqual(['A:lisi']);
      });
    });

    describe('highlights', () => {
      it('wraps a phrase in one <em>, on the original text', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['我要做飞单，你知道吗', '请加ＷＸ号']);
        expect(await highlightsOf(corpId, '飞单')).toEqual([['我要做<em>飞单</em>，你知道吗']]);
        expect(await highlightsOf(corpId, '飞')).toEqual([['我要做<em>飞</em>单，你知道吗']]);
        expect(await highlightsOf(corpId, 'wx')).toEqual([['请加<em>ＷＸ</em>号']]);
      });

      it('marks each occurrence of the phrase and nothing else', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['飞机上聊飞单，飞单要小心']);
        expect(await highlightsOf(corpId, '飞单')).toEqual([['飞机上聊<em>飞单</em>，<em>飞单</em>要小心']]);
      });

      it('marks every term, and leaves punctuation inside a phrase unmarked', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['飞，单 加我wx abc123']);
        expect(await highlightsOf(corpId, '飞单 wx abc123')).toEqual([['<em>飞</em>，<em>单</em> 加我<em>wx</em> <em>abc123</em>']]);
      });

      it('escapes HTML in the text', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['<b>飞单</b> & "co" \'x\'']);
        expect(await highlightsOf(corpId, '飞单')).toEqual([['&lt;b&gt;<em>飞单</em>&lt;/b&gt; &amp; &quot;co&quot; &#39;x&#39;']]);
      });

      it('shows fragments of about 100 characters around matches in a long text', async () => {
        const corpId = newCorp();
        const filler = '这是一段很长的聊天记录。';
        const text = `${filler.repeat(15)}我们做飞单吧。${filler.repeat(15)}`;
        await indexTexts(corpId, [text]);
        const [highlights] = await highlightsOf(corpId, '飞单');
        expect(highlights).toHaveLength(1);
        const fragment = highlights![0]!;
        expect(fragment).toContain('我们做<em>飞单</em>吧');
        expect(fragment.replace(/<\/?em>/g, '').length).toBeLessThanOrEqual(100);
        expect(text).toContain(fragment.replace(/<\/?em>/g, ''));
      });

      it('are empty without a text query', async () => {
        const corpId = newCorp();
        await indexTexts(corpId, ['飞单']);
        expect((await index.searchMessages({ corpId })).hits.map((hit) => hit.highlights)).toEqual([[]]);
      });
    });
  });
}

export function message(corpId: string, msgid: string, overrides: Partial<MessageDocument> = {}): MessageDocument {
  return {
    corpId,
    msgid,
    conversationId: 'single:zhangsan:wm-customer',
    msgtype: 'text',
    action: 'send',
    from: 'zhangsan',
    tolist: ['wm-customer'],
    roomid: '',
    msgtime: BASE_TIME,
    text: '',
    ...overrides,
  };
}

export function alert(corpId: string, alertId: string, overrides: Partial<AlertDocument> = {}): AlertDocument {
  return {
    alertId,
    corpId,
    employeeId: 'zhangsan',
    conversationId: 'single:zhangsan:wm-customer',
    ruleId: 'r-fly',
    category: 'off-book',
    severity: 'medium',
    status: 'new',
    resolution: null,
    assignee: null,
    msgids: ['m1'],
    hitCount: 1,
    excerpt: '私下飞单',
    policyId: 'default-conduct',
    policyVersion: 1,
    version: 1,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    lastHitAt: BASE_TIME,
    ...overrides,
  };
}
