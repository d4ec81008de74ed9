import { Converter } from 'opencc-js';

/**
 * One code unit in, one code unit out: the fold keeps offsets 1:1 so a match in the folded stream
 * maps straight back to the original text. Folding: compatibility forms (full-width, circled,
 * half-width katakana) to their plain form, traditional to simplified Chinese, lower case.
 */

/** Folded value of code units skipped between characters: separators, punctuation, emoji. */
export const SKIP = 0;
/** Folded value of line breaks: a keyword never spans two lines. */
export const BREAK = 0x0a;

const SKIPPABLE = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Co}]$/u;

let table: Uint16Array | undefined;

/** The fold table, built once per process (about 0.1 s: OpenCC converts each ideograph alone). */
export function foldTable(): Uint16Array {
  table ??= buildFoldTable();
  return table;
}

export function foldChar(code: number): number {
  return foldTable()[code]!;
}

/** The folded string without skipped code units; what a keyword must equal to match. */
export function foldString(text: string): string {
  const fold = foldTable();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const folded = fold[text.charCodeAt(i)]!;
    if (folded !== SKIP) out += String.fromCharCode(folded);
  }
  return out;
}

function buildFoldTable(): Uint16Array {
  const fold = new Uint16Array(0x10000);
  const toSimplified = traditionalToSimplified();
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) {
      // Astral characters are nearly all emoji here; an evader's 🙈 between 飞 and 单 is a separator.
      fold[code] = SKIP;
      continue;
    }
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) {
      fold[code] = BREAK;
      continue;
    }
    let char = String.fromCharCode(code);
    const compatible = char.normalize('NFKC');
    if (compatible.length === 1) char = compatible;
    char = toSimplified.get(char) ?? char;
    const lower = char.toLowerCase();
    if (lower.length === 1) char = lower;
    fold[code] = SKIPPABLE.test(char) ? SKIP : char.charCodeAt(0);
  }
  return fold;
}

/** Single-character mappings only: phrase conversions would change lengths and break offsets. */
function traditionalToSimplified(): Map<string, string> {
  const converters = (['t', 'tw', 'hk'] as const).map((from) => Converter({ from, to: 'cn' }));
  const map = new Map<string, string>();
  const ranges: Array<[number, number]> = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code);
      for (const convert of converters) {
        const simplified = convert(char);
        if (simplified !== char && simplified.length === 1) {
          map.set(char, simplified);
          break;
        }
      }
    }
  }
  return map;
}
