/** Signatures of the formats WeCom media arrive in; the message's own type is not trusted for serving. */
const SIGNATURES: readonly { type: string; offset: number; bytes: readonly number[] }[] = [
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', offset: 0, bytes: ascii('GIF8') },
  { type: 'image/bmp', offset: 0, bytes: ascii('BM') },
  { type: 'application/pdf', offset: 0, bytes: ascii('%PDF-') },
  // docx, xlsx, pptx and plain zip archives alike.
  { type: 'application/zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'audio/amr', offset: 0, bytes: ascii('#!AMR') },
  // WeCom voice is SILK v3, sometimes behind one 0x02 byte.
  { type: 'audio/silk', offset: 0, bytes: ascii('#!SILK_V3') },
  { type: 'audio/silk', offset: 1, bytes: ascii('#!SILK_V3') },
  { type: 'audio/mpeg', offset: 0, bytes: ascii('ID3') },
  { type: 'video/mp4', offset: 4, bytes: ascii('ftyp') },
];

/** The longest signature ends within the first 16 bytes. */
export const SNIFF_BYTES = 16;

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

export function sniffContentType(bytes: Buffer): string {
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  const match = SIGNATURES.find((s) => bytes.length >= s.offset + s.bytes.length && s.bytes.every((b, i) => bytes[s.offset + i] === b));
  return match?.type ?? 'application/octet-stream';
}
