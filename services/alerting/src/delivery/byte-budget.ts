const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The text cut to at most maxBytes of UTF-8, ending in an ellipsis when cut. WeCom limits its fields
 * in bytes and refuses (rather than cuts) what is over, so the cut falls between graphemes: never
 * inside a character, nor between an emoji and its modifiers.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let kept = '';
  let budget = maxBytes - Buffer.byteLength(ELLIPSIS);
  for (const { segment } of graphemes.segment(text)) {
    budget -= Buffer.byteLength(segment);
    if (budget < 0) break;
    kept += segment;
  }
  return kept === '' ? '' : kept + ELLIPSIS;
}

/**
 * Each line rendered, as many as fit in maxBytes together; the first that does not fit is cut (its
 * rendering kept whole) and the rest dropped, so what is sent opens with the most important lines.
 * `render` wraps a line in fixed markup, which is counted against the budget.
 */
export function fitLines(lines: readonly string[], maxBytes: number, render: (line: string) => string): string[] {
  const fitted: string[] = [];
  let left = maxBytes;
  for (const line of lines) {
    const rendered = render(line);
    const bytes = Buffer.byteLength(rendered);
    if (bytes <= left) {
      fitted.push(rendered);
      left -= bytes;
      continue;
    }
    const cut = truncateUtf8(line, left - Buffer.byteLength(render('')));
    if (cut !== '') fitted.push(render(cut));
    break;
  }
  return fitted;
}
