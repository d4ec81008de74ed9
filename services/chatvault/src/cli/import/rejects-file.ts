import { open, type FileHandle } from 'node:fs/promises';

export interface RejectedLine {
  line: number;
  msgid?: string;
  reason: string;
}

/**
 * The lines an import could not archive, one JSON object a line. On resume it is cut back to the
 * size the state recorded, so lines written by a run that died before saving its state are not listed twice.
 */
export class RejectsFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  static async open(path: string, committedBytes: number): Promise<RejectsFile> {
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    if (size < committedBytes) {
      await handle.close();
      throw new Error(`the rejects file ${path} is shorter than the import state says (${size} < ${committedBytes} bytes): was it edited? Delete the state file to import from the start`);
    }
    await handle.truncate(committedBytes);
    return new RejectsFile(path, handle, committedBytes);
  }

  /** The file's size after the lines, to save in the state once the batch they belong to is done. */
  async append(lines: readonly RejectedLine[]): Promise<number> {
    if (lines.length === 0) return this.size;
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    await this.handle.write(text);
    await this.handle.datasync();
    this.size += Buffer.byteLength(text);
    return this.size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
