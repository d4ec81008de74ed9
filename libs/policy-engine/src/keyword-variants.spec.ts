import { describe, expect, it } from 'vitest';
import { keywordVariants } from './keyword-variants';

describe('keyword variants', () => {
  it('is just the folded keyword when no flag is set', () => {
    expect(keywordVariants('飛單', {})).toEqual(['飞单']);
  });

  it('adds the pinyin and half-typed spellings for pinyin-marked keywords', () => {
    expect(keywordVariants('飞单', { pinyin: true }).sort()).toEqual(['feidan', 'fei单', '飞dan', '飞单'].sort());
  });

  it('adds the initials for initials-marked keywords', () => {
    expect(keywordVariants('飞单', { initials: true })).toEqual(['飞单', 'fd']);
  });

  it('reads a polyphonic character as it sounds in the word', () => {
    expect(keywordVariants('银行', { pinyin: true })).toContain('yinhang');
  });
});
