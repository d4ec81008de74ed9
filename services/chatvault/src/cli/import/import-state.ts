import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

const count = z.number().int().nonnegative();

const importStateSchema = z.object({
  /** Byte offset of the first line not yet accepted by the server, and that line's number. */
  offset: count,
  line: z.number().int().positive(),
  /** Size of the rejects file when this state was saved: anything after it was written by a run that died before saving. */
  rejectsBytes: count,
  /** Lines sent to the server, archived for the first time, already archived, and refused (by the server or before sending). */
  sent: count,
  archived: count,
  duplicates: count,
  rejected: count,
});

export type ImportState = z.infer<typeof importStateSchema>;

export const FRESH_IMPORT: ImportState = { offset: 0, line: 1, rejectsBytes: 0, sent: 0, archived: 0, duplicates: 0, rejected: 0 };

/**
 * Where an interrupted import resumes. Saved after every batch the server accepted, replacing the
 * file in one rename, so a kill at any moment leaves either the previous state or the new one.
 */
export class ImportStateFile {
  constructor(readonly path: string) {}

  /** The saved state, or a fresh one when there is none. */
  async load(): Promise<ImportState> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return FRESH_IMPORT;
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`the import state file ${this.path} is not JSON: delete it to import from the start`);
    }
    const state = importStateSchema.safeParse(value);
    if (!state.success) throw new Error(`the import state file ${this.path} is not an import state (${state.error.issues[0]!.message}): delete it to import from the start`);
    return state.data;
  }

  async save(state: ImportState): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(state)}\n`);
    await rename(temporary, this.path);
  }
}
