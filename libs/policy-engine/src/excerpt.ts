const RADIUS = 30;

/** A window of the text around a span, so an alert can be read without opening the chat. */
export function excerptAround(text: string, span: readonly [number, number] | undefined, radius = RADIUS): string {
  if (!span) return text.length > radius * 2 ? `${text.slice(0, radius * 2)}…` : text;
  const start = Math.max(0, span[0] - radius);
  const end = Math.min(text.length, span[1] + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
