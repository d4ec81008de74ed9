import { BREAK, SKIP, foldTable } from './char-fold';

const REPLACEMENT = 0xfffd;

/**
 * The text as a regex sees it: each code unit folded (simplified, lower case, half-width) except
 * separators and line breaks, which stay as written; surrogates become U+FFFD one for one. Same
 * length as the original, so regex offsets are spans of the original text.
 */
export function foldForRegex(text: string): string {
  const fold = foldTable();
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded = fold[code]!;
    units[i] = code >= 0xd800 && code <= 0xdfff ? REPLACEMENT : folded === SKIP || folded === BREAK ? code : folded;
  }
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return out;
}
