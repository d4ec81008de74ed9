/** Private-use characters the Elasticsearch adapter asks its highlighter to put around matches. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/**
 * Full-width ASCII (ＷＸ１２３, typed with a Chinese IME, or on purpose to slip past keyword
 * filters) and the ideographic space become their half-width forms, so `wx` finds `ｗｘ`. Every
 * UTF-16 unit maps to exactly one unit, so an offset into the folded text is an offset into the
 * original: highlights are computed on the folded form and shown on the original. The match
 * markers become spaces, so text can never fake a highlight.
 */
export function foldWidth(text: string): string {
  let folded = '';
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const replacement = foldedUnit(code);
    if (replacement === code) continue;
    folded += text.slice(copiedUpTo, i) + String.fromCharCode(replacement);
    copiedUpTo = i + 1;
  }
  return copiedUpTo === 0 ? text : folded + text.slice(copiedUpTo);
}

function foldedUnit(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0xe000 || code === 0xe001) return 0x20;
  return code;
}
