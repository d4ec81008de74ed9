import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsOf, tokenize } from './search-tokenizer';

describe('tokenize', () => {
  it('makes each Han character a token and keeps their offsets in the original text', () => {
    expect(tokenize('报价单，已发')).toEqual([
      { term: '报', start: 0, end: 1 },
      { term: '价', start: 1, end: 2 },
      { term: '单', start: 2, end: 3 },
      { term: '已', start: 4, end: 5 },
      { term: '发', start: 5, end: 6 },
    ]);
  });

  it('keeps letters and digits together as lowercase words, full-width folded', () => {
    expect(termsOf('加我WX abc123 ＡＢＣ１２３')).toEqual(['加', '我', 'wx', 'abc123', 'abc123']);
    expect(termsOf("v1.2.3 don't a_b 3,000 a,b")).toEqual(['v1.2.3', "don't", 'a_b', '3,000', 'a', 'b']);
  });

  it('counts astral Han characters and emoji in UTF-16 units', () => {
    expect(tokenize('𠀀👍🏻')).toEqual([
      { term: '𠀀', start: 0, end: 2 },
      { term: '👍🏻', start: 2, end: 6 },
    ]);
  });

  it('keeps a narrow no-break space inside the word it joins, as UAX #29 does', () => {
    expect(tokenize('\ua000\u202f')).toEqual([{ term: '\ua000\u202f', start: 0, end: 2 }]);
  });

  it('finds nothing searchable in punctuation and spaces', () => {
    expect(termsOf('，。！？"*:()- \u3000\t')).toEqual([]);
  });

  it('gives ordered, non-overlapping tokens without spaces, whose offsets cover their own text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        let previousEnd = 0;
        for (const token of tokenize(text)) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.end).toBeLessThanOrEqual(text.length);
          // U+202F (narrow no-break space) is whitespace to JavaScript but ExtendNumLet to UAX #29, which
          // joins it to the word beside it, as Elasticsearch's standard tokenizer does.
          expect(token.term.replaceAll('\u202f', '')).not.toMatch(/\s/);
          expect(termsOf(text.slice(token.start, token.end))).toEqual([token.term]);
          previousEnd = token.end;
        }
      }),
    );
  });
});
