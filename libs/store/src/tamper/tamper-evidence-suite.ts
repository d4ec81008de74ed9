import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessage } from '@chatvault/testing';
import type { ArchiveDaySealed } from '@chatvault/contracts';
import type { ArchivedMessageRecord } from '../archive-store';
import type { TypeormArchiveStore } from '../typeorm-archive-store';
import { businessDayRange } from './business-day';
import { DaySealer } from './day-sealer';
import { daySealedEvent } from './day-sealed-event';
import { DayVerifier } from './day-verifier';
import { merkleRoot } from './merkle-root';
import { recordHash } from './record-hash';

const DAY = '2026-01-05';
const { fromMs } = businessDayRange(DAY);

function record(corpId: string, msgid: string, msgtime: number): ArchivedMessageRecord {
  const rawJson = JSON.stringify({ msgid, action: 'send', from: 'zhangsan', msgtime, msgtype: 'text', text: { content: `报价 ${msgid}` } });
  return {
    message: chatMessage({ corpId, msgid, msgtime, text: `报价 ${msgid}` }),
    rawJson,
    contentHash: 'sha256-of-raw',
    source: 'finance-sdk',
    archivedAt: msgtime + 1_000,
  };
}

/**
 * Seals a day on a real database, then tampers with the archived rows behind the store's back with
 * raw SQL, as someone with database access would, and checks that verify names each change.
 */
export function describeTamperEvidence(name: string, openStore: () => Promise<TypeormArchiveStore>): void {
  describe(`tamper evidence: ${name}`, () => {
    let store: TypeormArchiveStore;
    const sql = async (query: string, values: unknown[]): Promise<void> => {
      const driver = store.dataSource.driver;
      let index = 0;
      await store.dataSource.query(query.replace(/\?/g, () => driver.createParameter(`p${index}`, index++)), values);
    };

    beforeAll(async () => {
      store = await openStore();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });

    it('seals a day once, verifies it clean, and names exactly the altered, inserted and missing records', async () => {
      const corpId = `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      // Two records share a msgtime, so msgid breaks the tie; the boundary records fall in the day before and after.
      const records = [
        record(corpId, 'm-3', fromMs + 5_000),
        record(corpId, 'm-1', fromMs),
        record(corpId, 'm-2', fromMs + 5_000),
        record(corpId, 'm-4', fromMs + 86_399_999),
        record(corpId, 'm-5', fromMs + 60_000),
        record(corpId, 'yesterday', fromMs - 1),
        record(corpId, 'tomorrow', fromMs + 86_400_000),
      ];
      await store.messages.insertNew(records);
      const announced: ArchiveDaySealed[] = [];
      const announce = async (event: ArchiveDaySealed): Promise<void> => {
        announced.push(event);
      };
      const sealer = new DaySealer(store, announce, () => 1_767_600_000_000);
      const verifier = new DayVerifier(store);

      const { seal, created } = await sealer.seal(corpId, DAY);
      expect(created).toBe(true);
      const inDay = ['m-1', 'm-2', 'm-3', 'm-5', 'm-4'].map((id) => records.find((r) => r.message.msgid === id)!);
      expect(seal).toEqual({
        corpId,
        day: DAY,
        recordCount: 5,
        merkleRoot: merkleRoot(inDay.map(recordHash)),
        lastChainHash: (await store.chain.entries(corpId, DAY)).at(-1)!.chainHash,
        sealedAt: 1_767_600_000_000,
      });
      expect((await store.chain.entries(corpId, DAY)).map((e) => e.msgid)).toEqual(['m-1', 'm-2', 'm-3', 'm-5', 'm-4']);
      expect(await new DaySealer(store, announce, () => 1).seal(corpId, DAY)).toEqual({ seal, created: false });
      expect(announced).toEqual([daySealedEvent(seal), daySealedEvent(seal)]);

      const clean = await verifier.verify(corpId, DAY);
      expect(clean).toMatchObject({ ok: true, altered: [], inserted: [], missing: [], rootMatches: true, chainIntact: true });

      await sql('UPDATE "archived_messages" SET "text" = ? WHERE "corp_id" = ? AND "msgid" = ?', ['报价 已改', corpId, 'm-2']);
      await sql('UPDATE "archived_messages" SET "raw_json" = ? WHERE "corp_id" = ? AND "msgid" = ?', [
        records[4]!.rawJson.replace('m-5', 'm-5 '),
        corpId,
        'm-5',
      ]);
      await sql(
        'INSERT INTO "archived_messages" ("corp_id", "msgid", "action", "msgtype", "from_id", "from_kind", "tolist", "roomid", ' +
          '"conversation_id", "msgtime", "text", "known_type", "recalled_msgid", "media", "seq", "raw_json", "content_hash", "source", "archived_at") ' +
          'SELECT "corp_id", ?, "action", "msgtype", "from_id", "from_kind", "tolist", "roomid", "conversation_id", "msgtime", "text", ' +
          '"known_type", "recalled_msgid", "media", "seq", "raw_json", "content_hash", "source", "archived_at" ' +
          'FROM "archived_messages" WHERE "corp_id" = ? AND "msgid" = ?',
        ['forged', corpId, 'm-1'],
      );
      await sql('DELETE FROM "archived_messages" WHERE "corp_id" = ? AND "msgid" = ?', [corpId, 'm-3']);

      expect(await verifier.verify(corpId, DAY)).toEqual({
        corpId,
        day: DAY,
        ok: false,
        altered: ['m-2', 'm-5'],
        inserted: ['forged'],
        missing: ['m-3'],
        amended: [],
        rootMatches: false,
        chainIntact: true,
        sealedCount: 5,
        currentCount: 5,
      });
    });

    it('notices a chain entry rewritten to match an altered row', async () => {
      const corpId = `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await store.messages.insertNew([record(corpId, 'a', fromMs + 1), record(corpId, 'b', fromMs + 2)]);
      await new DaySealer(store).seal(corpId, DAY);
      await sql('UPDATE "archived_messages" SET "text" = ? WHERE "corp_id" = ? AND "msgid" = ?', ['changed', corpId, 'a']);
      const [altered] = await store.messages.listBetween(corpId, fromMs, fromMs + 2);
      await sql('UPDATE "archive_chain_entries" SET "record_hash" = ? WHERE "corp_id" = ? AND "msgid" = ?', [recordHash(altered!), corpId, 'a']);
      expect(await new DayVerifier(store).verify(corpId, DAY)).toMatchObject({ ok: false, altered: [], rootMatches: false, chainIntact: false });
    });

    it('closes records that reach a sealed day late with an amendment, and still names a backdated insert', async () => {
      const corpId = `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const sealedAt = fromMs + 86_400_000 + 600_000;
      await store.messages.insertNew([record(corpId, 'a', fromMs + 1), record(corpId, 'c', fromMs + 3)]);
      const announced: ArchiveDaySealed[] = [];
      let now = sealedAt;
      const sealer = new DaySealer(store, async (event) => void announced.push(event), () => now);
      const { seal } = await sealer.seal(corpId, DAY);
      expect(await sealer.amend(corpId, DAY)).toBeNull();

      // A pull that lagged past the seal, and a row slipped in with an archive time from before it.
      await store.messages.insertNew([{ ...record(corpId, 'b', fromMs + 2), archivedAt: sealedAt + 3_600_000 }]);
      await store.messages.insertNew([{ ...record(corpId, 'backdated', fromMs + 4), archivedAt: sealedAt - 3_600_000 }]);
      now = sealedAt + 7_200_000;
      const [amendment] = await sealer.amendRecentDays(400);
      expect(amendment).toMatchObject({ corpId, day: DAY, amendment: 1, firstPosition: 2, recordCount: 1, sealedAt: now });
      expect(await sealer.amend(corpId, DAY)).toBeNull();
      expect(announced.map((e) => [e.eventId, e.amendment, e.recordCount])).toEqual([
        [`sealed:${corpId}:${DAY}`, undefined, 2],
        [`sealed:${corpId}:${DAY}:1`, 1, 1],
      ]);
      expect((await store.chain.entries(corpId, DAY)).map((e) => e.msgid)).toEqual(['a', 'c', 'b']);
      expect((await store.chain.entries(corpId, DAY)).at(-1)!.chainHash).toBe(amendment!.lastChainHash);
      expect(seal.recordCount).toBe(2);

      expect(await new DayVerifier(store).verify(corpId, DAY)).toMatchObject({
        ok: false,
        inserted: ['backdated'],
        amended: ['b'],
        altered: [],
        missing: [],
        rootMatches: true,
        chainIntact: true,
        sealedCount: 3,
        currentCount: 4,
      });
      await sql('DELETE FROM "archived_messages" WHERE "corp_id" = ? AND "msgid" = ?', [corpId, 'backdated']);
      expect(await new DayVerifier(store).verify(corpId, DAY)).toMatchObject({ ok: true, amended: ['b'] });
      await sql('UPDATE "archived_messages" SET "text" = ? WHERE "corp_id" = ? AND "msgid" = ?', ['改了', corpId, 'b']);
      expect(await new DayVerifier(store).verify(corpId, DAY)).toMatchObject({ ok: false, altered: ['b'], rootMatches: false });
    });

    it('seals every corp with records in the day, and an empty day verifies clean', async () => {
      const corps = [0, 1].map(() => `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`);
      await store.messages.insertNew(corps.map((corpId) => record(corpId, 'only', fromMs + 86_400_000 * 3)));
      const day = '2026-01-08';
      const sealer = new DaySealer(store);
      const created = await sealer.sealAllCorps(day);
      expect(created.filter((s) => corps.includes(s.corpId)).map((s) => s.corpId).sort()).toEqual([...corps].sort());
      expect(await sealer.sealAllCorps(day)).toEqual([]);

      const empty = await sealer.seal(corps[0]!, '2026-01-09');
      expect(empty.seal.recordCount).toBe(0);
      expect(await new DayVerifier(store).verify(corps[0]!, '2026-01-09')).toMatchObject({ ok: true, chainIntact: true, rootMatches: true });
    });

    it('refuses to verify a day that is not sealed', async () => {
      await expect(new DayVerifier(store).verify('wwnobody', '2026-01-05')).rejects.toMatchObject({
        code: 'not_found',
        reason: 'day_not_sealed',
      });
    });
  });
}
