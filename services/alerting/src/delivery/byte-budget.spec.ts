import { describe, expect, it } from 'vitest';
import { fitLines, truncateUtf8 } from './byte-budget';

const bytes = (text: string) => Buffer.byteLength(text);

describe('truncateUtf8', () => {
  it('leaves text that fits as it is', () => {
    expect(truncateUtf8('飞单', 6)).toBe('飞单');
    expect(truncateUtf8('', 0)).toBe('');
  });

  it('cuts between characters and ends with an ellipsis, within the limit', () => {
    // 3 bytes per Chinese character and for the ellipsis: 10 bytes hold two characters and the ellipsis.
    expect(truncateUtf8('我们私下转账吧', 10)).toBe('我们…');
    expect(truncateUtf8('我们私下转账吧', 11)).toBe('我们…');
    expect(truncateUtf8('我们私下转账吧', 12)).toBe('我们私…');
    expect(truncateUtf8('abcdef', 5)).toBe('ab…');
  });

  it('never splits an emoji, a surrogate pair or a character from its combining mark', () => {
    const family = '👨‍👩‍👧';
    expect(truncateUtf8(`${family}${family}`, bytes(family) + 3)).toBe(`${family}…`);
    expect(truncateUtf8(`a${family}`, bytes(family))).toBe('a…');
    expect(truncateUtf8('😀😀😀', 9)).toBe('😀…');
    expect(truncateUtf8('e\u0301e\u0301e\u0301', 7)).toBe('e\u0301…');
  });

  it('gives nothing rather than a lone ellipsis when not even one character fits', () => {
    expect(truncateUtf8('我们', 5)).toBe('');
    expect(truncateUtf8('我们', 2)).toBe('');
  });

  it('stays valid UTF-8 within the limit for any cut', () => {
    const text = '证据：“我们私下转账吧，别走公司” 😀 é ok';
    for (let limit = 0; limit <= bytes(text); limit++) {
      const cut = truncateUtf8(text, limit);
      expect(bytes(cut)).toBeLessThanOrEqual(limit);
      expect(Buffer.from(cut).toString('utf8')).toBe(cut);
      expect(cut === text || cut === '' || (cut.endsWith('…') && text.startsWith(cut.slice(0, -1)))).toBe(true);
    }
  });
});

describe('fitLines', () => {
  const quote = (line: string) => `> ${line}\n`;

  it('renders every line when all fit', () => {
    expect(fitLines(['一', '二'], 100, quote)).toEqual(['> 一\n', '> 二\n']);
  });

  it('cuts the first line that does not fit, keeping its markup whole, and drops the rest', () => {
    // '> 一\n' is 6 bytes; '> ' + '二三…' + '\n' is 12.
    expect(fitLines(['一', '二三四五', '六'], 18, quote)).toEqual(['> 一\n', '> 二三…\n']);
  });

  it('drops a line of which not one character fits', () => {
    expect(fitLines(['一', '二三四五', '六'], 10, quote)).toEqual(['> 一\n']);
    expect(fitLines(['一'], 2, quote)).toEqual([]);
  });
});
