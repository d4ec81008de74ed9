import { foldWidth } from './fold-width';

export interface Token {
  /** What is indexed and matched: width-folded and lowercased. */
  term: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

const enum CharClass {
  Other,
  /** Han and Hiragana: one token per character, as the Elasticsearch standard tokenizer does. */
  Ideographic,
  Katakana,
  /** Thai, Lao, Khmer, Myanmar…: written without spaces; a run is one token, as in Lucene. */
  SoutheastAsian,
  Letter,
  Digit,
  /** `_` and other connector punctuation join letters and digits into one word. */
  Connector,
  /** Combining marks, joiners and skin tones stay with the character before them. */
  Extend,
  Emoji,
  RegionalIndicator,
  /** `:` `·` between letters. */
  MidLetter,
  /** `.` `'` `’` between letters or between digits. */
  MidNumLet,
  /** `,` `;` between digits. */
  MidNum,
}

const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}]/u;
// The iteration marks are Han by script but letters to the word-break rules.
const HAN_ITERATION_MARKS = new Set([0x3005, 0x303b]);
const KATAKANA = /[\p{Script=Katakana}\u30fc\uff70]/u;
const SOUTHEAST_ASIAN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}]/u;
const LETTER = /[\p{L}\p{Nl}]/u;
const DIGIT = /\p{Nd}/u;
const CONNECTOR = /[\p{Pc}\u202f]/u;
const EXTEND = /[\p{M}\p{Cf}\p{Emoji_Modifier}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const MID_LETTER = new Set([0x3a, 0xb7, 0x387, 0x55f, 0x5f4, 0x2027, 0xfe13, 0xfe55]);
const MID_NUM_LET = new Set([0x2e, 0x27, 0x2018, 0x2019, 0x2024, 0xfe52]);
const MID_NUM = new Set([0x2c, 0x3b, 0x37e, 0x589, 0x60c, 0x60d, 0x66c, 0x7f8, 0x2044, 0xfe10, 0xfe14, 0xfe50, 0xfe54]);
const KEYCAP = 0x20e3;

function classify(code: number): CharClass {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return CharClass.Letter;
    if (code >= 0x30 && code <= 0x39) return CharClass.Digit;
    if (code === 0x5f) return CharClass.Connector;
    if (MID_LETTER.has(code)) return CharClass.MidLetter;
    if (MID_NUM_LET.has(code)) return CharClass.MidNumLet;
    if (MID_NUM.has(code)) return CharClass.MidNum;
    return CharClass.Other;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return CharClass.Ideographic;
  const char = String.fromCodePoint(code);
  if (IDEOGRAPHIC.test(char)) return HAN_ITERATION_MARKS.has(code) ? CharClass.Letter : CharClass.Ideographic;
  if (KATAKANA.test(char)) return CharClass.Katakana;
  if (SOUTHEAST_ASIAN.test(char) && !DIGIT.test(char)) return CharClass.SoutheastAsian;
  if (LETTER.test(char)) return CharClass.Letter;
  if (DIGIT.test(char)) return CharClass.Digit;
  // The zero-width space is a format character that separates words rather than joining them.
  if (EXTEND.test(char) && code !== 0x200b) return CharClass.Extend;
  if (EMOJI.test(char)) return CharClass.Emoji;
  if (REGIONAL_INDICATOR.test(char)) return CharClass.RegionalIndicator;
  if (CONNECTOR.test(char)) return CharClass.Connector;
  if (MID_LETTER.has(code)) return CharClass.MidLetter;
  if (MID_NUM_LET.has(code)) return CharClass.MidNumLet;
  if (MID_NUM.has(code)) return CharClass.MidNum;
  return CharClass.Other;
}

/**
 * Splits text into search tokens the way Elasticsearch's `standard` analyzer does (Unicode word
 * boundaries, UAX #29, then lowercasing per code point), so the embedded index and Elasticsearch
 * agree on what a query matches: each Han character is a token of its own, Latin letters and
 * digits form words (`abc123`, `v1.2.3`, `don't`), emoji are tokens, punctuation and spaces are
 * not. Text is width-folded first, so `ＷＸ` and `wx` are the same word.
 */
export function tokenize(text: string): Token[] {
  const folded = foldWidth(text);
  const tokens: Token[] = [];
  let i = 0;
  while (i < folded.length) {
    const code = folded.codePointAt(i)!;
    const cls = classify(code);
    const next = i + width(code);
    const keycap = isKeycapBase(code) ? keycapAt(folded, next) : 0;
    if (keycap > 0) {
      tokens.push({ term: folded.slice(i, next + keycap), start: i, end: next + keycap });
      i = next + keycap;
      continue;
    }
    let end: number;
    switch (cls) {
      case CharClass.Ideographic:
        end = skipExtend(folded, next);
        break;
      case CharClass.Katakana:
      case CharClass.SoutheastAsian:
        end = runEnd(folded, next, cls);
        break;
      case CharClass.Emoji:
        end = emojiEnd(folded, next);
        break;
      case CharClass.RegionalIndicator: {
        // A flag is a pair of regional indicators.
        const after = skipExtend(folded, next);
        const pair = after < folded.length && classify(folded.codePointAt(after)!) === CharClass.RegionalIndicator;
        end = pair ? skipExtend(folded, after + 2) : after;
        break;
      }
      case CharClass.Letter:
      case CharClass.Digit:
      case CharClass.Connector:
        end = wordEnd(folded, i);
        if (end === i) {
          // Connectors alone (`_`, `__`) are no word.
          i = next;
          continue;
        }
        break;
      default:
        i = next;
        continue;
    }
    tokens.push({ term: lowercase(folded.slice(i, end)), start: i, end });
    i = end;
  }
  return tokens;
}

/** The terms of a query term, e.g. `飞单` → `['飞', '单']`; empty when it holds nothing searchable. */
export function termsOf(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}

function width(code: number): number {
  return code > 0xffff ? 2 : 1;
}

function skipExtend(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    if (classify(code) !== CharClass.Extend) break;
    i += width(code);
  }
  return i;
}

function runEnd(text: string, from: number, cls: CharClass): number {
  let i = skipExtend(text, from);
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    if (classify(code) !== cls) break;
    i = skipExtend(text, i + width(code));
  }
  return i;
}

/** An emoji with its modifiers, and further emoji joined to it by zero-width joiners (👨‍👩‍👧). */
function emojiEnd(text: string, from: number): number {
  let i = skipExtend(text, from);
  while (text.charCodeAt(i - 1) === 0x200d && i < text.length) {
    const code = text.codePointAt(i)!;
    if (classify(code) !== CharClass.Emoji) break;
    i = skipExtend(text, i + width(code));
  }
  return i;
}

const KEYCAP_BASE = /^[0-9#*]$/;

function isKeycapBase(code: number): boolean {
  return KEYCAP_BASE.test(String.fromCharCode(code));
}

/** `1️⃣`, `#️⃣`: a digit, `#` or `*` followed by the keycap mark is an emoji; returns the length of the mark, 0 if none. */
function keycapAt(text: string, from: number): number {
  if (text.charCodeAt(from) === KEYCAP) return 1;
  return text.charCodeAt(from) === 0xfe0f && text.charCodeAt(from + 1) === KEYCAP ? 2 : 0;
}

/**
 * Letters and digits up to the next word boundary: `.` `'` join letters or digits on both sides,
 * `:` only letters, `,` `;` only digits, `_` anything; a word that is only connectors is none
 * (returns `start`).
 */
function wordEnd(text: string, start: number): number {
  let i = start;
  let end = start;
  let last = CharClass.Other;
  let hasLetterOrDigit = false;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const cls = classify(code);
    if (cls === CharClass.Letter || cls === CharClass.Digit || cls === CharClass.Connector) {
      if (cls === CharClass.Digit && keycapAt(text, i + 1) > 0) break;
      i = skipExtend(text, i + width(code));
      end = i;
      last = cls;
      if (cls !== CharClass.Connector) hasLetterOrDigit = true;
      continue;
    }
    if (i + 1 < text.length && joins(cls, last, classify(text.codePointAt(i + 1)!))) {
      i += 1;
      continue;
    }
    break;
  }
  return hasLetterOrDigit ? end : start;
}

function joins(joiner: CharClass, before: CharClass, after: CharClass): boolean {
  if (before === CharClass.Letter && after === CharClass.Letter) return joiner === CharClass.MidLetter || joiner === CharClass.MidNumLet;
  if (before === CharClass.Digit && after === CharClass.Digit) return joiner === CharClass.MidNum || joiner === CharClass.MidNumLet;
  return false;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Per code point, as Lucene's lowercase filter does: `İ` → `i`, and `Σ` → `σ` wherever it stands. */
function lowercase(term: string): string {
  if (ASCII.test(term)) return term.toLowerCase();
  let lower = '';
  for (const char of term) {
    const mapped = char.toLowerCase();
    lower += mapped.length === char.length ? mapped : String.fromCodePoint(mapped.codePointAt(0)!);
  }
  return lower;
}
