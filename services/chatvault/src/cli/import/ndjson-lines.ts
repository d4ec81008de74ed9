import { createReadStream } from 'node:fs';

export interface NdjsonLine {
  /** 1-based, counted from the start of the file. */
  number: number;
  /** Byte offset just past this line and its line break: where a resumed read starts. */
  end: number;
  /** The line without its line break; undefined when it is longer than the reader keeps. */
  text: string | undefined;
  /** Length of the line in bytes, line break excluded. */
  bytes: number;
}

export interface NdjsonPosition {
  /** Byte offset of the start of a line. */
  offset: number;
  /** Number of the line that starts there. */
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a file from a line start on, each with the byte offset after it, so an import can
 * record exactly where to resume. A line longer than `maxLineBytes` is reported by length only:
 * one runaway line must not take the memory of a multi-gigabyte import.
 */
export async function* ndjsonLines(path: string, from: NdjsonPosition, maxLineBytes: number): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let bytes = 0;
  let offset = from.offset;
  let number = from.line;
  const finish = (end: number): NdjsonLine => {
    const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    // A CRLF file's lines end in CR, which is no part of the record.
    const trimmed = bytes > 0 && bytes <= maxLineBytes && line[line.length - 1] === CR ? line.subarray(0, -1) : line;
    const text = bytes <= maxLineBytes ? trimmed.toString('utf8') : undefined;
    const result = { number, end, text, bytes: text === undefined ? bytes : trimmed.length };
    parts = [];
    kept = 0;
    bytes = 0;
    number++;
    return result;
  };
  for await (const chunk of createReadStream(path, { start: from.offset }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, start)) {
      keep(chunk.subarray(start, lf));
      offset += lf - start + 1;
      yield finish(offset);
      start = lf + 1;
    }
    keep(chunk.subarray(start));
    offset += chunk.length - start;
  }
  if (bytes > 0) yield finish(offset);

  function keep(part: Buffer): void {
    bytes += part.length;
    if (kept + part.length <= maxLineBytes) {
      parts.push(part);
      kept += part.length;
    }
  }
}
