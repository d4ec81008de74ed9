import { SingleBar } from 'cli-progress';

export interface ImportProgressCounts {
  /** Bytes of the file done (accepted, or refused and listed). */
  bytes: number;
  totalBytes: number;
  /** Lines done, and how they ended. */
  lines: number;
  archived: number;
  duplicates: number;
  rejected: number;
}

/** Shows an import's progress: a bar on a terminal, a plain line every few seconds in a log. */
export interface ImportProgress {
  update(counts: ImportProgressCounts): void;
  stop(counts: ImportProgressCounts): void;
}

const PLAIN_INTERVAL_MS = 2_000;

export function importProgress(stream: NodeJS.WriteStream): ImportProgress {
  return stream.isTTY ? new TerminalProgress(stream) : new PlainProgress(stream);
}

class TerminalProgress implements ImportProgress {
  private readonly bar: SingleBar;
  private started = false;

  constructor(stream: NodeJS.WriteStream) {
    this.bar = new SingleBar({
      stream,
      format: '{bar} {percentage}% | {done}/{size} | {lines} lines: {archived} archived, {duplicates} duplicate, {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
    });
  }

  update(counts: ImportProgressCounts): void {
    if (!this.started) {
      this.bar.start(counts.totalBytes, counts.bytes, payloadOf(counts));
      this.started = true;
    }
    this.bar.setTotal(counts.totalBytes);
    this.bar.update(counts.bytes, payloadOf(counts));
  }

  stop(counts: ImportProgressCounts): void {
    this.update(counts);
    this.bar.stop();
  }
}

class PlainProgress implements ImportProgress {
  private lastAt = 0;
  private last = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(counts: ImportProgressCounts): void {
    if (Date.now() - this.lastAt < PLAIN_INTERVAL_MS) return;
    this.lastAt = Date.now();
    this.write(counts);
  }

  stop(counts: ImportProgressCounts): void {
    this.write(counts);
  }

  private write(counts: ImportProgressCounts): void {
    const { done, size, lines, archived, duplicates, rejected } = payloadOf(counts);
    const percent = counts.totalBytes === 0 ? 100 : Math.floor((counts.bytes / counts.totalBytes) * 100);
    const line = `progress ${percent}% ${done}/${size}, ${lines} lines: ${archived} archived, ${duplicates} duplicate, ${rejected} rejected\n`;
    if (line !== this.last) this.stream.write(line);
    this.last = line;
  }
}

function payloadOf(counts: ImportProgressCounts) {
  return {
    done: formatBytes(counts.bytes),
    size: formatBytes(counts.totalBytes),
    lines: counts.lines,
    archived: counts.archived,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
