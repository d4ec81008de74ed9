import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatMessage } from '@chatvault/testing';
import type { ArchivedMessageRecord } from '../archive-store';
import { businessDayOf, businessDayRange } from './business-day';
import { chainHashes, genesisHash } from './hash-chain';
import { merkleRoot } from './merkle-root';
import { recordHash } from './record-hash';

// Expected values below were computed independently with Python's hashlib, from the documented rules.
const leaves = [0, 1, 2, 3, 4].map((i) => createHash('sha256').update(Buffer.from([i])).digest('hex'));

const record: ArchivedMessageRecord = {
  message: chatMessage({
    corpId: 'wwcorp',
    msgid: 'm1',
    tolist: ['lisi'],
    conversationId: 'single:lisi:zhangsan',
    msgtime: 1_767_225_600_123,
    text: '你好',
  }),
  rawJson: '{"msgid":"m1"}',
  contentHash: 'not part of the canonical bytes',
  source: 'finance-sdk',
  archivedAt: 1,
};

describe('recordHash', () => {
  it('hashes the length-prefixed canonical fields in the documented order', () => {
    expect(recordHash(record)).toBe('bd4faa8f581079d10bb5b88b65054d7cf22005f522b51ac775c7aeff5ed87a31');
  });

  it('changes when any byte moves from one field to the next', () => {
    const shifted = { ...record, message: { ...record.message, from: 'zhangsa', fromKind: 'nemployee' as never } };
    expect(recordHash(shifted)).not.toBe(recordHash(record));
  });

  it('tells an absent optional field from an empty one', () => {
    const empty = { ...record, message: { ...record.message, recalledMsgid: '' } };
    expect(recordHash(empty)).not.toBe(recordHash(record));
  });

  it('covers the raw JSON verbatim, whitespace included', () => {
    expect(recordHash({ ...record, rawJson: '{"msgid": "m1"}' })).not.toBe(recordHash(record));
  });

  it('leaves out the archive time', () => {
    expect(recordHash({ ...record, archivedAt: 2 })).toBe(recordHash(record));
  });
});

describe('hash chain', () => {
  it('starts from a genesis hash of corp and day and links each record hash to the previous link', () => {
    expect(genesisHash('wwcorp', '2026-01-01')).toBe('fba0159ff03103ed2cf578dd4035f7db0d857d4066019dae2bfd96753546b8f2');
    expect(chainHashes('wwcorp', '2026-01-01', leaves.slice(0, 2))).toEqual([
      'cfd550cf31408202422eca58ecdf33b0b4ad36a6012d76926d9abbdad2180d33',
      'acea426c2c794b7d1e3f6ce0f648691ab2bd7a1f7148ef9fd9b9b22ded86676d',
    ]);
  });

  it('differs for another corp or day', () => {
    expect(genesisHash('wwcorp', '2026-01-02')).not.toBe(genesisHash('wwcorp', '2026-01-01'));
    expect(genesisHash('wwcorq', '2026-01-01')).not.toBe(genesisHash('wwcorp', '2026-01-01'));
  });
});

describe('merkleRoot', () => {
  it('is the hash of no bytes for an empty day and the record hash for one record', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot(leaves.slice(0, 1))).toBe(leaves[0]);
  });

  it('pairs neighbours and carries an odd last node up unchanged', () => {
    expect(merkleRoot(leaves.slice(0, 2))).toBe('c71a16f21f917ed84ea2caa90b0904c9179a4c9c2369a9b4ec57e11a3f25a7a2');
    expect(merkleRoot(leaves.slice(0, 3))).toBe('d78663a8f1a2d99ee97fe38a605be2f54e2872c3a63a13077d617e4a940725bd');
    expect(merkleRoot(leaves)).toBe('550347fe72bcb7c23a0576eb793f410a6192c5d678b483eb1adfd880720b55ea');
  });

  it('does not give a list with its last record doubled the same root', () => {
    expect(merkleRoot([...leaves.slice(0, 3), leaves[2]!])).not.toBe(merkleRoot(leaves.slice(0, 3)));
  });
});

describe('business day', () => {
  it('runs from 00:00 to 24:00 China time (UTC+8)', () => {
    expect(businessDayRange('2026-01-01')).toEqual({ fromMs: Date.UTC(2025, 11, 31, 16), toMs: Date.UTC(2026, 0, 1, 16) });
    expect(businessDayOf(Date.UTC(2025, 11, 31, 16))).toBe('2026-01-01');
    expect(businessDayOf(Date.UTC(2025, 11, 31, 15, 59, 59, 999))).toBe('2025-12-31');
  });

  it('rejects anything but a calendar date written YYYY-MM-DD', () => {
    for (const bad of ['2026-1-01', '2026-02-30', '20260101', '', '2026-01-01T00:00']) {
      expect(() => businessDayRange(bad)).toThrow(/day must be a calendar date written YYYY-MM-DD/);
    }
  });
});
