import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { freePort } from '@chatvault/testing';
import { createSearchIndex } from '../create-search-index';
import { describeSearchIndexConformance, message } from '../search-index-conformance';
import { foldWidth } from '../text/fold-width';
import { tokenize } from '../text/search-tokenizer';
import { ElasticsearchIndex } from './elasticsearch-index';

const url = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const logger = createLogger('silent');
// Other test files and teammates share this cluster: everything this file creates carries its own prefix.
const prefix = `t-${randomUUID().slice(0, 8)}`;
const admin = new Client({ node: url });

afterAll(async () => {
  // Wildcard deletes are refused (action.destructive_requires_name): name each index.
  const indices = Object.keys(await admin.indices.get({ index: `${prefix}*`, allow_no_indices: true, expand_wildcards: 'all' }));
  if (indices.length > 0) await admin.indices.delete({ index: indices });
  const templates = (await admin.indices.getIndexTemplate({ name: `${prefix}*` })).index_templates.map((t) => t.name);
  for (const name of templates) await admin.indices.deleteIndexTemplate({ name });
  await admin.close();
});

function elasticsearchIndex(indexPrefix: string, indexUrl = url): ElasticsearchIndex {
  return new ElasticsearchIndex({ url: indexUrl, indexPrefix, logger });
}

describeSearchIndexConformance('ElasticsearchIndex', async () => elasticsearchIndex(prefix));

describe('ElasticsearchIndex', () => {
  it('creates a template, a first index and an alias to it, with a strict mapping, for messages and for alerts', async () => {
    const own = `${prefix}-layout`;
    const index = elasticsearchIndex(own);
    try {
      await index.ensureReady();
      await index.ensureReady();
      const aliases = await admin.indices.getAlias({ name: `${own}-messages` });
      expect(aliases).toEqual({ [`${own}-messages-v1`]: { aliases: { [`${own}-messages`]: { is_write_index: true } } } });
      const [template] = (await admin.indices.getIndexTemplate({ name: `${own}-messages` })).index_templates;
      expect(template?.index_template.index_patterns).toEqual([`${own}-messages*`]);
      const mapping = (await admin.indices.getMapping({ index: `${own}-messages-v1` }))[`${own}-messages-v1`]!.mappings;
      expect(mapping.dynamic).toBe('strict');
      expect(mapping.properties?.searchText).toEqual({ type: 'text', analyzer: 'standard', index_phrases: true, norms: false });
      expect(mapping.properties?.corpId).toEqual({ type: 'keyword' });

      // Alerts get their own alias, template and index, with the mapping README documents for SOC tools.
      expect(await admin.indices.getAlias({ name: `${own}-alerts` })).toEqual({ [`${own}-alerts-v1`]: { aliases: { [`${own}-alerts`]: { is_write_index: true } } } });
      const alertMapping = (await admin.indices.getMapping({ index: `${own}-alerts-v1` }))[`${own}-alerts-v1`]!.mappings;
      expect(alertMapping.dynamic).toBe('strict');
      expect(alertMapping.properties?.createdAt).toEqual({ type: 'date', format: 'epoch_millis' });
      expect(alertMapping.properties?.severity).toEqual({ type: 'keyword' });
    } finally {
      await index.close();
    }
  });

  it('keys documents by corpId:msgid', async () => {
    const own = `${prefix}-ids`;
    const index = elasticsearchIndex(own);
    try {
      await index.ensureReady();
      await index.indexMessages([message('corp-a', 'msg-1', { text: '你好' })]);
      const stored = await admin.get<{ text: string; searchText: string }>({ index: `${own}-messages`, id: 'corp-a:msg-1' });
      expect(stored._source).toMatchObject({ text: '你好', searchText: '你好' });
    } finally {
      await index.close();
    }
  });

  it('reports a document the server refuses and indexes the rest of the batch', async () => {
    const index = elasticsearchIndex(prefix);
    try {
      await index.ensureReady();
      const corpId = `corp-${randomUUID().slice(0, 8)}`;
      // Lucene refuses a keyword term over 32,766 bytes; nothing else in the document is wrong.
      const huge = message(corpId, 'huge', { conversationId: 'c'.repeat(40_000), text: '二' });
      const result = await index.indexMessages([message(corpId, 'ok-1', { text: '一' }), huge, message(corpId, 'ok-2', { text: '三' })]);
      expect(result.indexed).toBe(2);
      expect(result.failed).toEqual([{ msgid: 'huge', error: expect.stringMatching(/^document_parsing_exception: .*conversationId/) }]);
      await index.refresh();
      expect((await index.searchMessages({ corpId })).hits.map((hit) => hit.document.msgid)).toEqual(['ok-1', 'ok-2']);
    } finally {
      await index.close();
    }
  });

  it('sets aside a message whose id is too long for Elasticsearch, which would fail the whole batch', async () => {
    const index = elasticsearchIndex(prefix);
    try {
      await index.ensureReady();
      const corpId = `corp-${randomUUID().slice(0, 8)}`;
      const longId = 'x'.repeat(600);
      const result = await index.indexMessages([message(corpId, 'ok', { text: '一' }), message(corpId, longId, { text: '二' })]);
      expect(result).toEqual({ indexed: 1, failed: [{ msgid: longId, error: expect.stringContaining('Elasticsearch ids are at most 512 bytes') }] });
      await expect(index.tagMessage(corpId, longId, { ruleIds: [], categories: [], severities: [] })).rejects.toThrow(/at most 512 bytes/);
    } finally {
      await index.close();
    }
  });

  it('refuses writes before ensureReady instead of creating an index without the mapping', async () => {
    const own = `${prefix}-unready`;
    const index = elasticsearchIndex(own);
    try {
      const result = await index.indexMessages([message('corp', 'm1', { text: '太早了' })]);
      expect(result.indexed).toBe(0);
      expect(result.failed).toEqual([{ msgid: 'm1', error: expect.stringContaining(`${own}-messages`) }]);
      expect(await admin.indices.exists({ index: `${own}-messages*`, allow_no_indices: false })).toBe(false);
    } finally {
      await index.close();
    }
  });

  it('fails to connect with a message naming the server and not the password', async () => {
    const port = await freePort();
    const index = elasticsearchIndex(prefix, `http://elastic:hunter2-secret@127.0.0.1:${port}`);
    try {
      const error = await index.ensureReady().then(
        () => new Error('connected to a port nobody listens on'),
        (e: Error) => e,
      );
      expect(error.message).toMatch(new RegExp(`^cannot reach Elasticsearch at http://127\\.0\\.0\\.1:${port}: creating the index template \\S+-messages failed: .*ECONNREFUSED`));
      expect(error.message).not.toContain('hunter2');
      await expect(index.searchMessages({})).rejects.toThrow(`cannot reach Elasticsearch at http://127.0.0.1:${port}: searching messages failed`);
    } finally {
      await index.close();
    }
  });

  it('refuses a URL that is not http(s) without echoing it', () => {
    expect(() => elasticsearchIndex(prefix, 'ftp://user:hunter2@es:9200')).toThrow('ELASTICSEARCH_URL must start with http:// or https://, got ftp://');
    expect(() => elasticsearchIndex(prefix, 'hunter2 is no url')).toThrow(/^ELASTICSEARCH_URL is not a valid URL[^]*$/);
  });
});

describe('the embedded tokenizer', () => {
  // The embedded index matches what Elasticsearch would only if both split text the same way.
  const samples = [
    '这个飞单你接不接，报价单已发给你了',
    '加我wx abc123 详聊 ＷＸ１２３ Ｑｑ',
    "ABC.def a:b a_b 3.14 3,000 1;2 a,b don't it’s x-y e-mail@foo.com http://x.cn/a?b=1 v1.2.3",
    'カタカナひらがな漢字한국어 ไทยภาษา abcカタ 한국어abc',
    '😀👍🏻👨‍👩‍👧 ❤️ © 🇨🇳 1️⃣',
    'İstanbul ΟΔΟΣ café e\u0301t ﬁ ß',
    '@张三 #话题 ¥100 $5 100% C++ .NET 2026-01-02 12:30:45',
    '_ __ _a a_ a__b a..b a\' \'a a.1 1.a',
    '中文。English…test\u3000全角空格\ttab\nnewline a\u200bb 々 〇',
  ];

  it.each(samples)('splits %j like the standard analyzer', async (sample) => {
    const { tokens } = await admin.indices.analyze({ analyzer: 'standard', text: foldWidth(sample) });
    const expected = (tokens ?? []).map((t) => ({ term: t.token, start: t.start_offset, end: t.end_offset }));
    expect(tokenize(sample)).toEqual(expected);
  });
});

describe('createSearchIndex with ELASTICSEARCH_URL', () => {
  it('uses Elasticsearch under ELASTICSEARCH_INDEX_PREFIX', async () => {
    const own = `${prefix}-factory`;
    const index = createSearchIndex(loadConfig({ ELASTICSEARCH_URL: url, ELASTICSEARCH_INDEX_PREFIX: own }), logger);
    try {
      expect(index).toBeInstanceOf(ElasticsearchIndex);
      await index.ensureReady();
      expect(await admin.indices.existsAlias({ name: `${own}-messages` })).toBe(true);
    } finally {
      await index.close();
    }
  });
});
