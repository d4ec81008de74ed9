import { describe, expect, it } from 'vitest';
import { foldForRegex } from './regex-text';
import { SafeRegex } from './safe-regex';

describe('safe regex', () => {
  it('returns on a catastrophic pattern over a long input', () => {
    const regex = new SafeRegex('(a+)+$');
    expect(regex.spans(`${'a'.repeat(100_000)}b`)).toEqual([]);
    expect(regex.spans('aaa')).toEqual([[0, 3]]);
  });

  it('rejects what RE2 cannot run, with its reason', () => {
    expect(() => new SafeRegex('(a')).toThrow(/missing \)/);
    expect(() => new SafeRegex('(?<=a)b')).toThrow(/invalid perl operator/);
    expect(() => new SafeRegex('(a)\\1')).toThrow();
  });

  it('reports spans of the original text when it runs on the folded text, emoji included', () => {
    const text = '😀加我ＶＸ：abc_123';
    const spans = new SafeRegex('加我vx[:：]?[a-z0-9_]+').spans(foldForRegex(text));
    expect(spans).toEqual([[2, text.length]]);
    expect(text.slice(...spans[0]!)).toBe('加我ＶＸ：abc_123');
  });
});
