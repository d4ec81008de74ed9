import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldString } from './char-fold';
import { KeywordAutomaton } from './keyword-automaton';

function matches(keywords: string[], text: string): Array<[string, number, number]> {
  const automaton = KeywordAutomaton.build(keywords.map(foldString));
  const found: Array<[string, number, number]> = [];
  automaton.scan(text, { match: (pattern, start, end) => found.push([keywords[pattern]!, start, end]) });
  return found;
}

describe('keyword automaton', () => {
  it('finds every keyword, overlapping ones included, with offsets into the text', () => {
    expect(matches(['飞单', '单', '私单'], '这单走飞单')).toEqual([
      ['单', 1, 2],
      ['飞单', 3, 5],
      ['单', 4, 5],
    ]);
  });

  it('matches through inserted separators, emoji and punctuation, spans covering the original', () => {
    for (const text of ['飞*单', '飞 单', '飞🙈单', '飞。单']) {
      expect(matches(['飞单'], `我们${text}吧`)).toEqual([['飞单', 2, 2 + text.length]]);
    }
    const text = '这单我走私.单给你';
    const [[, start, end]] = matches(['私单'], text) as [[string, number, number]];
    expect(text.slice(start, end)).toBe('私.单');
  });

  it('matches traditional characters and full-width letters against simplified lower-case keywords', () => {
    expect(matches(['飞单', 'feidan'], '飛單還是ＦＥＩＤＡＮ')).toEqual([
      ['飞单', 0, 2],
      ['feidan', 4, 10],
    ]);
  });

  it('does not match across a line break', () => {
    expect(matches(['飞单'], '飞\n单')).toEqual([]);
  });

  it('matches Latin keywords only at word edges', () => {
    expect(matches(['fd'], '这单fd处理')).toEqual([['fd', 2, 4]]);
    expect(matches(['fd'], 'pdf download')).toEqual([]);
    expect(matches(['315'], '打13151234567')).toEqual([]);
    expect(matches(['315'], '我要去315投诉')).toEqual([['315', 3, 6]]);
  });

  it('matches ASCII keywords only as whole tokens, never against a neighbouring digit or letter nor inside a URL', () => {
    expect(matches(['sb'], '你就是个sb')).toEqual([['sb', 4, 6]]);
    expect(matches(['sb'], '你就是个s.b！')).toEqual([['sb', 4, 7]]);
    for (const text of ['https://mp.weixin.qq.com/s/1sb3Kf9x', '看看 mp.weixin.qq.com/s/sb_x9', 'b23.tv/sbXk2 密码', '那款SB-200停产了', 'w3_a52fd49f']) {
      expect(matches(['sb', 'fd'], text)).toEqual([]);
    }
  });

  it('builds when the keywords fill every slot of the double array', () => {
    const letters = 'abcdefghij'.split('');
    const keywords = letters.flatMap((a) => letters.map((b) => `${a}${b}中`));
    const found = matches(keywords, letters.map((l) => `${l}${l}中 `).join(''));
    expect(found.map(([word]) => word)).toEqual(letters.map((l) => `${l}${l}中`));
  });

  it('ignores what no keyword contains', () => {
    expect(matches(['飞单', '私单'], '您好，报价单已发您邮箱')).toEqual([]);
  });

  it('agrees with a naive search, and every span is inside the text and folds to its keyword', () => {
    const alphabet = fc.constantFrom(...'飞单私走回扣底价飛單ABab *🙈，\n'.split(''), '🙈');
    const keyword = fc.array(fc.constantFrom(...'飞单私走回扣底价ab'.split('')), { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(keyword, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 40 }), (keywords, chars) => {
        const text = chars.join('');
        const found = matches(keywords, text);
        for (const [word, start, end] of found) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(foldString(text.slice(start, end))).toBe(foldString(word));
        }
        expect(found.length).toBe(naiveCount(keywords, text));
      }),
      { numRuns: 300 },
    );
  });
});

/** Occurrences in the folded text of each line, with the same whole-token rule for ASCII letters and digits. */
function naiveCount(keywords: string[], text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    const folded = foldString(line);
    for (const keyword of keywords.map(foldString)) {
      for (let at = folded.indexOf(keyword); at >= 0; at = folded.indexOf(keyword, at + 1)) {
        const before = folded[at - 1] ?? '';
        const after = folded[at + keyword.length] ?? '';
        const token = (c: string) => /[a-z0-9]/.test(c);
        if (token(keyword[0]!) && token(before)) continue;
        if (token(keyword[keyword.length - 1]!) && token(after)) continue;
        count++;
      }
    }
  }
  return count;
}
