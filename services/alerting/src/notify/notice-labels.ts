/** Managers read notifications in Chinese first; the category id follows for tools and search. */
const CATEGORY_LABELS: Record<string, string> = {
  'off-book-deal': '飞单/私单',
  'off-platform-contact': '引导私下联系',
  'side-selling': '私卖产品',
  'customer-list-trading': '倒卖客户资料',
  'confidential-leak': '泄露机密',
  'customer-abuse': '辱骂客户',
  'payment-diversion': '私收款项',
  kickback: '回扣返点',
  'price-inflation': '加价吃差价',
  'over-familiarity': '言语暧昧',
  'money-solicitation': '索要红包钱财',
  'record-deletion': '要求删除记录',
  'competitor-move': '跳槽带客户',
  'private-group': '私建客户群',
  'customer-complaint': '客户投诉',
  'consent-withdrawn': '客户拒绝存档',
  'customer-lost': '客户删除员工',
  'customer-deletion': '员工删除客户',
  'card-push': '推送名片',
  'location-share': '发送位置',
  'sensitive-file': '发送敏感文件',
  'message-recall': '撤回消息',
  'chat-record-forward': '转发聊天记录',
  'after-hours': '非工作时间联系',
  pii: '发送个人信息',
  'capture-problem': '存档缺失',
};

export function categoryLabel(category: string): string {
  const label = CATEGORY_LABELS[category];
  return label ? `${label} (${category})` : category;
}
