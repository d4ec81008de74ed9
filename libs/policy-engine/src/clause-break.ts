/**
 * Punctuation that ends a clause: a negator on the far side of one no longer governs the word.
 * The ASCII full stop is left out because evaders put it inside words (私.单).
 */
const BREAKS = new Set([...'，,。！!？?；;\n…']);

export function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BREAKS.has(text[i]!)) return true;
  return false;
}
