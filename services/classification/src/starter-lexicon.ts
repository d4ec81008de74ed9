import type { Severity } from '@chatvault/contracts';

export interface LexiconEntry {
  keyword: string;
  ruleId: string;
  category: string;
  severity: Severity;
}

/**
 * The words every customer asks about first. The policy engine replaces this with editable,
 * versioned policies; until then it is policy `starter` version 1.
 */
export const STARTER_POLICY = { id: 'starter', version: 1 } as const;

export const STARTER_LEXICON: readonly LexiconEntry[] = [
  { keyword: '飞单', ruleId: 'starter.off-book-deal', category: 'off-book-deal', severity: 'high' },
  { keyword: '私单', ruleId: 'starter.off-book-deal', category: 'off-book-deal', severity: 'high' },
  { keyword: '走单', ruleId: 'starter.off-book-deal', category: 'off-book-deal', severity: 'high' },
  { keyword: '不走公司', ruleId: 'starter.off-book-deal', category: 'off-book-deal', severity: 'high' },
  { keyword: '加我私人微信', ruleId: 'starter.off-platform-contact', category: 'off-platform-contact', severity: 'medium' },
  { keyword: '转到我个人账户', ruleId: 'starter.payment-diversion', category: 'payment-diversion', severity: 'critical' },
  { keyword: '回扣', ruleId: 'starter.kickback', category: 'kickback', severity: 'high' },
  { keyword: '返点', ruleId: 'starter.kickback', category: 'kickback', severity: 'high' },
  { keyword: '底价', ruleId: 'starter.confidential-leak', category: 'confidential-leak', severity: 'medium' },
];
