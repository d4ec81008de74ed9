import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAGMENT_SIZE, highlightFragments, MAX_FRAGMENTS } from './highlight-fragments';

const unescape = (html: string) =>
  html
    .replace(/<\/?em>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('highlightFragments', () => {
  it('merges matches that touch or overlap, and escapes the text', () => {
    expect(highlightFragments('<飞单> & 飞，单', [[1, 2], [2, 3], [7, 8], [9, 10], [7, 8]])).toEqual(['&lt;<em>飞单</em>&gt; &amp; <em>飞</em>，<em>单</em>']);
  });

  it('gives nothing without matches', () => {
    expect(highlightFragments('飞单', [])).toEqual([]);
  });

  it('cuts a long text into windows around its matches, at most MAX_FRAGMENTS of them', () => {
    const text = 'x'.repeat(1_000);
    const fragments = highlightFragments(text, [[50, 52], [60, 62], [400, 402], [600, 602], [800, 802]]);
    expect(fragments).toHaveLength(MAX_FRAGMENTS);
    expect(fragments[0]).toBe(`${'x'.repeat(20)}<em>xx</em>${'x'.repeat(8)}<em>xx</em>${'x'.repeat(68)}`);
    expect(fragments[1]).toBe(`${'x'.repeat(20)}<em>xx</em>${'x'.repeat(78)}`);
  });

  it('never splits a surrogate pair at a window edge', () => {
    // The window [80, 180) ends inside the emoji at 179.
    const text = `${'😀'.repeat(50)}x${'😀'.repeat(50)}`;
    const [fragment] = highlightFragments(text, [[100, 101]]);
    // A lone surrogate would not survive a round trip through UTF-8.
    expect(Buffer.from(fragment!).toString()).toBe(fragment);
  });

  it('shows only text that is there, with every match it shows whole', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { maxLength: 10 }),
        (text, spots) => {
          const ranges = spots.map(([at, length]): [number, number] => [at % text.length, Math.min(text.length, (at % text.length) + length)]);
          for (const fragment of highlightFragments(text, ranges)) {
            expect(text).toContain(unescape(fragment));
            expect(fragment).toMatch(/<em>[^<]+<\/em>/);
            // A window grows only to finish a match it cuts, and these matches are at most 5 long.
            expect(unescape(fragment).length).toBeLessThanOrEqual(FRAGMENT_SIZE + 4);
          }
        },
      ),
    );
  });
});
