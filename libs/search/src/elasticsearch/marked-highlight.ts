import { MATCH_END, MATCH_START } from '../text/fold-width';
import type { MatchRange } from '../text/highlight-fragments';

/**
 * The matches Elasticsearch marked in the whole folded text, as offsets into the original: folding
 * keeps every offset, so only the markers' own length has to be taken out.
 */
export function markedMatches(marked: string, folded: string): MatchRange[] {
  const ranges: MatchRange[] = [];
  let plain = '';
  let openedAt = -1;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MATCH_START) openedAt = plain.length;
    else if (part === MATCH_END) ranges.push([openedAt, plain.length]);
    else plain += part;
  }
  // The highlighter may trim the value; find where what it returned starts.
  const offset = plain === folded ? 0 : folded.indexOf(plain);
  return offset < 0 ? [] : ranges.map(([start, end]) => [start + offset, end + offset]);
}
