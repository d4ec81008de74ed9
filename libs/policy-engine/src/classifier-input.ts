import type { ChatMessage, ParticipantKind } from '@chatvault/contracts';

/** Who is who, as the directory knows it; without it ids are judged by their WeCom prefix. */
export interface Directory {
  /** Overrides the id-prefix guess for these ids. */
  participants?: Readonly<Record<string, ParticipantKind>>;
  /** Department ids of employees. */
  departments?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A message and what the classifier may need beyond the canonical record. Everything optional is
 * simply not judged when absent (no amount, no red-packet rule fires).
 */
export interface ClassifierInput {
  message: ChatMessage;
  /** The decrypted WeCom record: red-packet amounts, file names, card fields. */
  record?: Readonly<Record<string, unknown>>;
  /** For a recall: the recalled message's text, classified like any text. */
  recalledText?: string;
  /** For an image: its bytes (PNG or JPEG), decoded for QR codes when a rule asks. */
  image?: Uint8Array;
  /** For an image: QR payloads someone decoded already; used instead of decoding `image`. */
  qrPayloads?: readonly string[];
  directory?: Directory;
}
