import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@chatvault/contracts';
import { chatMessage } from '@chatvault/testing';
import { classify } from './message-classifier';

function message(text: string): ChatMessage {
  return chatMessage({ text });
}

describe('classify with the starter lexicon', () => {
  it('reports 飞单 with its span into the original text', () => {
    const [hit, ...rest] = classify(message('这单我们走飞单，别让公司知道'));
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ ruleId: 'starter.off-book-deal', category: 'off-book-deal', severity: 'high', spans: [[5, 7]] });
    expect(hit!.excerpt).toContain('飞单');
  });

  it('gives one hit per rule listing every span', () => {
    const hits = classify(message('飞单还是私单都不行'));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.spans).toEqual([[0, 2], [4, 6]]);
  });

  it('derives the hit id from message and rule so redelivery makes the same hit', () => {
    expect(classify(message('飞单'))[0]!.hitId).toBe(classify(message('飞单'))[0]!.hitId);
  });

  it('finds nothing in an innocent message', () => {
    expect(classify(message('您好，报价单已发您邮箱'))).toEqual([]);
  });
});
