import { RE2 } from 're2-wasm';

/**
 * A regular expression on RE2: matching time is linear in the input whatever the pattern, so a
 * policy author cannot stall the pipeline with `(a+)+$`. RE2 rejects backreferences and lookaround.
 *
 * re2-wasm reports offsets in code points; callers pass text without surrogates (see
 * foldForRegex) so those equal UTF-16 offsets.
 */
export class SafeRegex {
  private readonly re: RE2;

  /** Throws with RE2's reason when the pattern is invalid. */
  constructor(readonly source: string) {
    this.re = new RE2(source, 'gu');
  }

  /** Every non-overlapping match as [start, end); empty matches are skipped. */
  spans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    this.re.lastIndex = 0;
    for (let match = this.re.exec(text); match; match = this.re.exec(text)) {
      const start = match.index;
      const end = start + match[0]!.length;
      if (end === start) {
        this.re.lastIndex = end + 1;
        continue;
      }
      spans.push([start, end]);
    }
    return spans;
  }
}
