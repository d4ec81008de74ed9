import { In, LessThanOrEqual } from 'typeorm';
import type { EnvelopeInput, EnvelopeState, EnvelopeStore, StoredEnvelope } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { ArchiveCursorEntity, ArchiveEnvelopeEntity } from './entities/archive-envelope.entity';

const ENVELOPE_COLUMNS = ['corp_id', 'seq', 'msgid', 'publickey_ver', 'encrypt_random_key', 'encrypt_chat_msg', 'state', 'attempts', 'next_attempt_at', 'stored_at'] as const;

/** Keeps each statement under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_STATEMENT = 100;

export class TypeormEnvelopeStore implements EnvelopeStore {
  constructor(private readonly db: DatabaseAccess) {}

  async storeBatch(corpId: string, envelopes: readonly EnvelopeInput[], now: number): Promise<void> {
    if (envelopes.length === 0) return;
    const maxSeq = Math.max(...envelopes.map((e) => e.seq));
    await this.db.transaction(async (manager) => {
      for (let start = 0; start < envelopes.length; start += ROWS_PER_STATEMENT) {
        const rows = envelopes.slice(start, start + ROWS_PER_STATEMENT);
        const values = rows.flatMap((e) => [corpId, e.seq, e.msgid, e.publickey_ver, e.encrypt_random_key, e.encrypt_chat_msg, 'pending', 0, now, now]);
        await manager.query(`${this.db.insertInto('archive_envelopes', ENVELOPE_COLUMNS, rows.length)} ON CONFLICT ("corp_id", "seq") DO NOTHING`, values);
      }
      // A re-pulled older batch must not move the cursor back over envelopes stored since.
      await manager.query(
        `${this.db.insertInto('archive_cursors', ['corp_id', 'seq'])} ` +
          'ON CONFLICT ("corp_id") DO UPDATE SET "seq" = excluded."seq" WHERE "archive_cursors"."seq" < excluded."seq"',
        [corpId, maxSeq],
      );
    });
  }

  async cursor(corpId: string): Promise<number> {
    const row = await this.db.run((manager) => manager.findOneBy(ArchiveCursorEntity, { corpId }));
    return row?.seq ?? 0;
  }

  async due(corpId: string, now: number, limit: number): Promise<StoredEnvelope[]> {
    const rows = await this.db.run((manager) =>
      manager.find(ArchiveEnvelopeEntity, {
        where: { corpId, state: In(['pending', 'failed']), nextAttemptAt: LessThanOrEqual(now) },
        order: { seq: 'ASC' },
        take: limit,
      }),
    );
    return rows.map(({ publickeyVer, encryptRandomKey, encryptChatMsg, storedAt: _storedAt, ...rest }) => ({
      ...rest,
      publickey_ver: publickeyVer,
      encrypt_random_key: encryptRandomKey,
      encrypt_chat_msg: encryptChatMsg,
    }));
  }

  async markDecrypted(corpId: string, seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.transaction(async (manager) => {
      for (let start = 0; start < seqs.length; start += ROWS_PER_STATEMENT) {
        const page = seqs.slice(start, start + ROWS_PER_STATEMENT);
        await manager.update(ArchiveEnvelopeEntity, { corpId, seq: In(page) }, { state: 'decrypted', lastError: null });
      }
    });
  }

  async markFailed(corpId: string, seq: number, error: string, nextAttemptAt: number): Promise<number> {
    return this.db.transaction(async (manager) => {
      await manager.increment(ArchiveEnvelopeEntity, { corpId, seq }, 'attempts', 1);
      await manager.update(ArchiveEnvelopeEntity, { corpId, seq }, { state: 'failed', lastError: error, nextAttemptAt });
      const row = await manager.findOneByOrFail(ArchiveEnvelopeEntity, { corpId, seq });
      return row.attempts;
    });
  }

  countByState(corpId: string, state: EnvelopeState): Promise<number> {
    return this.db.run((manager) => manager.countBy(ArchiveEnvelopeEntity, { corpId, state }));
  }

  async storedBetween(corpId: string, fromMs: number, toMs: number): Promise<Record<EnvelopeState, number>> {
    const rows: { state: EnvelopeState; total: number | string }[] = await this.db.run((manager) =>
      manager
        .createQueryBuilder(ArchiveEnvelopeEntity, 'e')
        .select('e.state', 'state')
        .addSelect('COUNT(*)', 'total')
        .where('e.corpId = :corpId AND e.storedAt >= :fromMs AND e.storedAt < :toMs', { corpId, fromMs, toMs })
        .groupBy('e.state')
        .getRawMany(),
    );
    const counts: Record<EnvelopeState, number> = { pending: 0, decrypted: 0, failed: 0 };
    for (const row of rows) counts[row.state] = Number(row.total);
    return counts;
  }
}
