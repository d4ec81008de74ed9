import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START } from '../text/fold-width';
import { markedMatches } from './marked-highlight';

const mark = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

describe('markedMatches', () => {
  it('gives the offsets of the marked text in the folded text', () => {
    expect(markedMatches(`我要做${mark('飞')}${mark('单')}，${mark('wx')}`, '我要做飞单，wx')).toEqual([
      [3, 4],
      [4, 5],
      [6, 8],
    ]);
  });

  it('finds where a trimmed value starts', () => {
    expect(markedMatches(`${mark('飞')}单`, '  飞单  ')).toEqual([[2, 3]]);
  });

  it('gives nothing for a value that is not in the text', () => {
    expect(markedMatches(`${mark('飞')}单`, '别的')).toEqual([]);
  });
});
