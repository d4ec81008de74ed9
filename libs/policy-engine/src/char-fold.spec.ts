import { describe, expect, it } from 'vitest';
import { BREAK, SKIP, foldChar, foldString } from './char-fold';

describe('char fold', () => {
  it('folds full-width to half-width and upper to lower case', () => {
    expect(foldString('ＦＥＩＤＡＮ')).toBe('feidan');
    expect(foldString('ＱＱ１２３')).toBe('qq123');
  });

  it('folds traditional to simplified Chinese one character at a time', () => {
    expect(foldString('飛單')).toBe('飞单');
    expect(foldString('私下處理，不經過公司')).toBe('私下处理不经过公司');
  });

  it('skips separators, punctuation and emoji between characters', () => {
    for (const evasion of ['飞*单', '飞 单', '飞　单', '飞-单', '飞🙈单', '飞~单', '飞\u200b单']) expect(foldString(evasion)).toBe('飞单');
    expect(foldString('私.单')).toBe('私单');
  });

  it('keeps line breaks as breaks and maps every code unit to one code unit', () => {
    expect(foldChar('\n'.charCodeAt(0))).toBe(BREAK);
    expect(foldChar('*'.charCodeAt(0))).toBe(SKIP);
    expect(foldChar('單'.charCodeAt(0))).toBe('单'.charCodeAt(0));
  });

  it('leaves simplified text and digits alone', () => {
    expect(foldString('您好报价单已发您邮箱2024')).toBe('您好报价单已发您邮箱2024');
  });
});
