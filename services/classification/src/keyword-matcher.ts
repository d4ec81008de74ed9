import type { LexiconEntry } from './starter-lexicon';

export interface KeywordMatch {
  entry: LexiconEntry;
  /** [start, end) into the text. */
  span: [number, number];
}

/** Plain substring matching: the starter lexicon is small; the policy engine brings the real matcher. */
export function matchKeywords(text: string, lexicon: readonly LexiconEntry[]): KeywordMatch[] {
  const matches: KeywordMatch[] = [];
  for (const entry of lexicon) {
    for (let at = text.indexOf(entry.keyword); at >= 0; at = text.indexOf(entry.keyword, at + entry.keyword.length)) {
      matches.push({ entry, span: [at, at + entry.keyword.length] });
    }
  }
  return matches.sort((a, b) => a.span[0] - b.span[0]);
}

/** A window of text around the first match, so an alert can be read without opening the chat. */
export function excerptAround(text: string, span: [number, number], radius = 30): string {
  const start = Math.max(0, span[0] - radius);
  const end = Math.min(text.length, span[1] + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
