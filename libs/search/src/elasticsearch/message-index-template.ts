import type { estypes } from '@elastic/elasticsearch';

export interface MessageIndexNames {
  /** What every read and write goes through, so a new index can take over by moving it. */
  alias: string;
  /** The index created on first start; a reindex into `-v2` changes the mapping later. */
  firstIndex: string;
  template: string;
}

export function messageIndexNames(prefix: string): MessageIndexNames {
  return { alias: `${prefix}-messages`, firstIndex: `${prefix}-messages-v1`, template: `${prefix}-messages` };
}

/**
 * `searchText` holds the width-folded text (Elasticsearch here has no analysis-common, hence no
 * cjk_width filter, so we fold before sending) under the standard analyzer: one token per Han
 * character, so phrase queries find 飞单 and never 飞机单程; `index_phrases` indexes adjacent
 * pairs, so the two-character phrases most Chinese searches are become single term lookups.
 * Nothing is scored (results are ordered by time), hence no norms. `text` keeps the original
 * for display only.
 */
const MESSAGE_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    corpId: { type: 'keyword' },
    msgid: { type: 'keyword' },
    conversationId: { type: 'keyword' },
    msgtype: { type: 'keyword' },
    action: { type: 'keyword' },
    from: { type: 'keyword' },
    tolist: { type: 'keyword' },
    roomid: { type: 'keyword' },
    msgtime: { type: 'date', format: 'epoch_millis' },
    text: { type: 'text', index: false },
    searchText: { type: 'text', analyzer: 'standard', index_phrases: true, norms: false },
    ruleIds: { type: 'keyword' },
    categories: { type: 'keyword' },
    severities: { type: 'keyword' },
  },
};

export function messageIndexTemplate(names: MessageIndexNames): estypes.IndicesPutIndexTemplateRequest {
  return {
    name: names.template,
    index_patterns: [`${names.alias}*`],
    // Above the built-in templates (priority 100) in case a prefix makes the pattern overlap theirs.
    priority: 200,
    _meta: { description: 'ChatVault messages', managed_by: 'chatvault' },
    template: {
      // A replica when the cluster has a second node; a single node stays green.
      settings: { 'index.auto_expand_replicas': '0-1' },
      mappings: MESSAGE_MAPPINGS,
    },
  };
}
