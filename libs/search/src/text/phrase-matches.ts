import type { MatchRange } from './highlight-fragments';
import type { Token } from './search-tokenizer';

/**
 * Where each phrase occurs in a tokenized text: one range per matched token, so a phrase whose
 * characters are separated by punctuation (飞，单) highlights the characters and not the comma,
 * as Elasticsearch's highlighter does.
 */
export function phraseMatches(tokens: readonly Token[], phrases: readonly (readonly string[])[]): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((term, k) => tokens[i + k]!.term === term)) {
        for (let k = 0; k < phrase.length; k++) ranges.push([tokens[i + k]!.start, tokens[i + k]!.end]);
      }
    }
  }
  return ranges;
}
