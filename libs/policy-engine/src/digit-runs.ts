import { foldTable } from './char-fold';

/** A number as written, however it was spelled: 138 0013 8000, 一三八零零一三八零零零, １３８-００１３. */
export interface DigitRun {
  /** ASCII digits, plus a final X when an identity number ends in one. */
  digits: string;
  /** Offset in the original text of each character of `digits`. */
  positions: number[];
  start: number;
  end: number;
  /** A letter touches the run (SF1403267781234, wxid_88): an identifier, not a bare number. */
  attachedToLetter: boolean;
}

const NOT_DIGIT = -1;
const SEPARATOR = 10;
/** Two separators in a row are still one number (`138 - 0013`); more is a new sentence. */
const MAX_SEPARATORS = 2;

let values: Int8Array | undefined;

function digitValues(): Int8Array {
  if (values) return values;
  const table = new Int8Array(0x10000).fill(NOT_DIGIT);
  const fold = foldTable();
  for (let code = 0; code < 0x10000; code++) {
    const folded = fold[code]!;
    if (folded >= 0x30 && folded <= 0x39) table[code] = folded - 0x30;
  }
  // Spoken and financial numerals as evaders (and people reading numbers aloud) write them.
  const numerals = ['零〇', '一幺壹', '二贰貳', '三叁參', '四肆', '五伍', '六陆陸', '七柒', '八捌', '九玖'];
  numerals.forEach((chars, value) => {
    for (const char of chars) table[char.charCodeAt(0)] = value;
  });
  for (const char of ' \u00a0\u3000-－—._·') table[char.charCodeAt(0)] = SEPARATOR;
  values = table;
  return table;
}

export function digitRuns(text: string, minLength: number): DigitRun[] {
  const table = digitValues();
  const runs: DigitRun[] = [];
  let digits = '';
  let positions: number[] = [];
  let separators = 0;
  const close = (): void => {
    if (digits.length >= minLength) {
      const start = positions[0]!;
      const last = positions[positions.length - 1]!;
      let runEnd = last + 1;
      if (digits.length === 17 && isX(text.charCodeAt(runEnd))) {
        digits += 'X';
        positions.push(runEnd);
        runEnd++;
      }
      runs.push({ digits, positions, start, end: runEnd, attachedToLetter: isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(runEnd)) });
    }
    digits = '';
    positions = [];
    separators = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const value = table[text.charCodeAt(i)]!;
    if (value === NOT_DIGIT) {
      if (digits) close();
      continue;
    }
    if (value === SEPARATOR) {
      if (digits && ++separators > MAX_SEPARATORS) close();
      continue;
    }
    separators = 0;
    digits += String.fromCharCode(0x30 + value);
    positions.push(i);
  }
  if (digits) close();
  return runs;
}

function isX(code: number): boolean {
  return code === 0x58 || code === 0x78 || code === 0xff38 || code === 0xff58;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
