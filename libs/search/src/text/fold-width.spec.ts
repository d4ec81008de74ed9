import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, MATCH_END, MATCH_START } from './fold-width';

describe('foldWidth', () => {
  it('turns full-width ASCII and the ideographic space into their half-width forms', () => {
    expect(foldWidth('ＷＸ：１２３，Ａｂｃ！\u3000中文。标点')).toBe('WX:123,Abc! 中文。标点');
  });

  it('turns the highlight markers into spaces, so text cannot fake a match', () => {
    expect(foldWidth(`a${MATCH_START}b${MATCH_END}c`)).toBe('a b c');
  });

  it('keeps every offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(foldWidth(text)).toHaveLength(text.length);
      }),
    );
  });
});
