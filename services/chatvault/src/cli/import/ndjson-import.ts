import { stat } from 'node:fs/promises';
import { MAX_RECORD_BYTES } from '@chatvault/contracts';
import type { ImportProgress } from './import-progress';
import { ImportStateFile, type ImportState } from './import-state';
import type { IngestClient } from './ingest-client';
import { ndjsonLines } from './ndjson-lines';
import { parseImportLine, type ImportRecord } from './import-record';
import { RejectsFile, type RejectedLine } from './rejects-file';

/** Room for the `corpId` member an export may add around a record of the largest size. */
const MAX_LINE_BYTES = MAX_RECORD_BYTES + 4096;
/** Under the server's 20 MB body limit, whatever the batch size asked for. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export interface NdjsonImportOptions {
  input: string;
  statePath: string;
  rejectsPath: string;
  /** For lines that carry no corpId of their own. */
  corpId?: string;
  batchSize: number;
  client: Pick<IngestClient, 'send'>;
  progress: ImportProgress;
  /** Aborting stops the import after the batch in flight and what was read before, their state saved. */
  signal?: AbortSignal;
}

export interface ImportOutcome {
  /** Totals over every run of this import, the interrupted ones included. */
  state: ImportState;
  /** Where this run started, when an earlier run had got some way. */
  resumedFrom?: { line: number; offset: number };
  totalBytes: number;
  /** True when it stopped before the end of the file. */
  interrupted: boolean;
}

interface PendingBatch {
  corpId?: string;
  records: (ImportRecord & { line: number })[];
  bytes: number;
  /** Lines refused before sending, listed with the batch so the rejects file follows the state. */
  rejected: RejectedLine[];
  /** Offset after the batch's last line, and the number of the line after it. */
  end: number;
  nextLine: number;
}

/**
 * Imports an NDJSON file of chat-archive records through the ingest endpoint, in batches. After
 * each batch the server accepted, the rejects of its lines are appended and then the offset after
 * it saved, so a rerun after a kill continues there and re-sends at most the batch in flight.
 */
export async function runNdjsonImport(options: NdjsonImportOptions): Promise<ImportOutcome> {
  const stateFile = new ImportStateFile(options.statePath);
  let state = await stateFile.load();
  const { size: totalBytes } = await stat(options.input);
  if (state.offset > totalBytes) {
    throw new Error(`the import state ${options.statePath} is at byte ${state.offset} but ${options.input} has only ${totalBytes}: delete the state file to import this file from the start`);
  }
  const resumedFrom = state.offset > 0 ? { line: state.line, offset: state.offset } : undefined;
  const rejects = await RejectsFile.open(options.rejectsPath, state.rejectsBytes);
  const counts = () => ({ bytes: state.offset, totalBytes, lines: state.line - 1, archived: state.archived, duplicates: state.duplicates, rejected: state.rejected });
  const empty = (): PendingBatch => ({ records: [], bytes: 0, rejected: [], end: state.offset, nextLine: state.line });
  let batch = empty();

  const flush = async () => {
    if (batch.end === state.offset) return;
    const answer = batch.records.length > 0 ? await options.client.send(batch.corpId!, batch.records.map((r) => r.json)) : { accepted: 0, duplicates: 0, rejected: [] };
    const refused = answer.rejected.map(({ index, msgid, error }): RejectedLine => {
      const record = batch.records[index];
      if (!record) throw new Error(`the server refused record ${index} of a batch of ${batch.records.length}: ${error}`);
      const id = msgid ?? record.msgid;
      return { line: record.line, ...(id === undefined ? {} : { msgid: id }), reason: error };
    });
    const listed = [...batch.rejected, ...refused].sort((a, b) => a.line - b.line);
    const rejectsBytes = await rejects.append(listed);
    state = {
      offset: batch.end,
      line: batch.nextLine,
      rejectsBytes,
      sent: state.sent + batch.records.length,
      archived: state.archived + answer.accepted,
      duplicates: state.duplicates + answer.duplicates,
      rejected: state.rejected + listed.length,
    };
    await stateFile.save(state);
    options.progress.update(counts());
    batch = empty();
  };

  let interrupted = false;
  try {
    options.progress.update(counts());
    for await (const line of ndjsonLines(options.input, { offset: state.offset, line: state.line }, MAX_LINE_BYTES)) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      if (line.text?.trim() === '') {
        batch.end = line.end;
        batch.nextLine = line.number + 1;
        continue;
      }
      const parsed = line.text === undefined ? { rejected: `the line is ${line.bytes} bytes, over the limit of ${MAX_RECORD_BYTES} for a record` } : parseImportLine(line.text, options.corpId);
      if ('record' in parsed) {
        const bytes = Buffer.byteLength(parsed.record.json) + 1;
        if (batch.records.length > 0 && (batch.corpId !== parsed.record.corpId || batch.bytes + bytes > MAX_BATCH_BYTES)) await flush();
        batch.corpId = parsed.record.corpId;
        batch.records.push({ ...parsed.record, line: line.number });
        batch.bytes += bytes;
      } else {
        batch.rejected.push({ line: line.number, ...(parsed.msgid === undefined ? {} : { msgid: parsed.msgid }), reason: parsed.rejected });
      }
      batch.end = line.end;
      batch.nextLine = line.number + 1;
      if (batch.records.length >= options.batchSize || batch.rejected.length >= options.batchSize) await flush();
    }
    await flush();
  } finally {
    options.progress.stop(counts());
    await rejects.close();
  }
  return { state, ...(resumedFrom ? { resumedFrom } : {}), totalBytes, interrupted: interrupted || state.offset < totalBytes };
}
