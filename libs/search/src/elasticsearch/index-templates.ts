import type { estypes } from '@elastic/elasticsearch';

export interface IndexNames {
  /** What every read and write goes through, so a new index can take over by moving it. */
  alias: string;
  /** The index created on first start; a reindex into `-v2` changes the mapping later. */
  firstIndex: string;
  template: string;
}

export function indexNames(prefix: string, kind: 'messages' | 'alerts'): IndexNames {
  return { alias: `${prefix}-${kind}`, firstIndex: `${prefix}-${kind}-v1`, template: `${prefix}-${kind}` };
}

/**
 * `searchText` holds the width-folded text (Elasticsearch here has no analysis-common, hence no
 * cjk_width filter, so we fold before sending) under the standard analyzer: one token per Han
 * character, so phrase queries find 飞单 and never 飞机单程; `index_phrases` indexes adjacent
 * pairs, so the two-character phrases most Chinese searches are become single term lookups.
 * Nothing is scored (results are ordered by time), hence no norms. `text` keeps the original
 * for display only.
 */
export const MESSAGE_MAPPINGS: estypes.MappingTypeMapping = {
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

/**
 * Alerts for Kibana and SIEM pipelines; README's "For SOC teams" documents each field, so changing one
 * here means a `-v2` index and a README change. Times are dates (epoch ms on the way in); `excerpt` is
 * kept for display and searched through `searchText` like a message's text.
 */
export const ALERT_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    alertId: { type: 'keyword' },
    corpId: { type: 'keyword' },
    employeeId: { type: 'keyword' },
    conversationId: { type: 'keyword' },
    ruleId: { type: 'keyword' },
    category: { type: 'keyword' },
    severity: { type: 'keyword' },
    status: { type: 'keyword' },
    resolution: { type: 'keyword' },
    assignee: { type: 'keyword' },
    msgids: { type: 'keyword' },
    hitCount: { type: 'integer' },
    excerpt: { type: 'text', index: false },
    searchText: { type: 'text', analyzer: 'standard', index_phrases: true, norms: false },
    policyId: { type: 'keyword' },
    policyVersion: { type: 'integer' },
    version: { type: 'integer' },
    createdAt: { type: 'date', format: 'epoch_millis' },
    updatedAt: { type: 'date', format: 'epoch_millis' },
    lastHitAt: { type: 'date', format: 'epoch_millis' },
  },
};

export function indexTemplate(names: IndexNames, description: string, mappings: estypes.MappingTypeMapping): estypes.IndicesPutIndexTemplateRequest {
  return {
    name: names.template,
    index_patterns: [`${names.alias}*`],
    // Above the built-in templates (priority 100) in case a prefix makes the pattern overlap theirs.
    priority: 200,
    _meta: { description, managed_by: 'chatvault' },
    template: {
      // A replica when the cluster has a second node; a single node stays green.
      settings: { 'index.auto_expand_replicas': '0-1' },
      mappings,
    },
  };
}
