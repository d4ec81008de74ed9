/** UTF-16 offsets of a match in a text, end exclusive. */
export type MatchRange = readonly [start: number, end: number];

export const FRAGMENT_SIZE = 100;
export const MAX_FRAGMENTS = 3;
/** How much text a fragment keeps before its first match, so the match is read in context. */
const LEAD = 20;

/**
 * The `highlights` of a search hit, the same for every adapter: matches that touch are merged
 * (飞 and 单 become `<em>飞单</em>`), the text is HTML-escaped, a short text is one fragment and a
 * long one up to MAX_FRAGMENTS windows of about FRAGMENT_SIZE characters, each opening a little
 * before the first match it shows. A match is never cut; a window may grow to hold one.
 */
export function highlightFragments(text: string, ranges: readonly MatchRange[]): string[] {
  const matches = mergeRanges(ranges, text.length);
  if (matches.length === 0) return [];
  if (text.length <= FRAGMENT_SIZE) return [render(text, 0, text.length, matches)];
  const fragments: string[] = [];
  let next = 0;
  while (next < matches.length && fragments.length < MAX_FRAGMENTS) {
    const [firstStart, firstEnd] = matches[next]!;
    const start = snap(text, Math.max(0, Math.min(firstStart - LEAD, text.length - FRAGMENT_SIZE)));
    let end = snap(text, Math.min(text.length, Math.max(start + FRAGMENT_SIZE, firstEnd)));
    const inWindow = next;
    while (next < matches.length && matches[next]![0] < end) {
      end = Math.max(end, matches[next]![1]);
      next++;
    }
    const shown = matches.slice(inWindow, next);
    const [trimmedStart, trimmedEnd] = trimWhitespace(text, start, end, shown);
    fragments.push(render(text, trimmedStart, trimmedEnd, shown));
  }
  return fragments;
}

/** Sorted, clipped to the text, and joined where they overlap or touch. */
function mergeRanges(ranges: readonly MatchRange[], length: number): [number, number][] {
  const sorted = ranges
    .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Moves an offset that falls between the halves of a surrogate pair back to the pair's start. */
function snap(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

function trimWhitespace(text: string, start: number, end: number, shown: readonly [number, number][]): [number, number] {
  const firstMatch = shown[0]![0];
  const lastMatch = shown[shown.length - 1]![1];
  let from = start;
  let to = end;
  while (from < firstMatch && /\s/.test(text[from]!)) from++;
  while (to > lastMatch && /\s/.test(text[to - 1]!)) to--;
  return [from, to];
}

function render(text: string, start: number, end: number, matches: readonly [number, number][]): string {
  let html = '';
  let at = start;
  for (const [matchStart, matchEnd] of matches) {
    if (matchEnd <= start || matchStart >= end) continue;
    const from = Math.max(matchStart, start);
    const to = Math.min(matchEnd, end);
    html += `${escapeHtml(text.slice(at, from))}<em>${escapeHtml(text.slice(from, to))}</em>`;
    at = to;
  }
  return html + escapeHtml(text.slice(at, end));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}
