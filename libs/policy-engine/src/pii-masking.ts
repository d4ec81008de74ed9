import type { PiiFinding } from './pii-detectors';

/** The text with the findings' characters replaced one for one, so offsets and spans stay valid. */
export function maskText(text: string, findings: readonly PiiFinding[]): string {
  if (findings.length === 0) return text;
  const chars = text.split('');
  for (const finding of findings) for (const at of finding.masked) chars[at] = '*';
  return chars.join('');
}
