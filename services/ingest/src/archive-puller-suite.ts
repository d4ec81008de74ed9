import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureProblemV1, wecomMessageReceivedV1, type CaptureProblem, type TopicSpec, type WecomMessageReceived } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog, type MessageBus, type PublishOptions } from '@chatvault/bus';
import { createLogger, metricsRegistry } from '@chatvault/platform';
import type { ArchiveStore } from '@chatvault/store';
import { FakeClock, FakeFinanceSdk } from '@chatvault/testing';
import { ArchiveDecryptor } from '@chatvault/wecom';
import { ArchivePuller, type ArchivePullerOptions } from './archive-puller';

const logger = createLogger('silent');

const rsa = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

/** The in-process bus, remembering what was published in which order. */
class RecordingBus implements MessageBus {
  readonly received: WecomMessageReceived[] = [];
  readonly problems: CaptureProblem[] = [];
  /** Set to make the next publish of received messages throw, as a crash would interrupt it. */
  failNextReceived = false;
  private readonly bus = new InProcessBus({ log: new MemoryBusLog(), logger });

  async publish<T>(topic: TopicSpec<T>, values: readonly NoInfer<T>[], options?: PublishOptions): Promise<void> {
    if (topic.name === wecomMessageReceivedV1.name && this.failNextReceived) {
      this.failNextReceived = false;
      throw new Error('process died before publishing');
    }
    await this.bus.publish(topic, values, options);
    if (topic.name === wecomMessageReceivedV1.name) this.received.push(...(values as unknown as WecomMessageReceived[]));
    if (topic.name === captureProblemV1.name) this.problems.push(...(values as unknown as CaptureProblem[]));
  }

  subscribe = this.bus.subscribe.bind(this.bus);
  subscribeBatch = this.bus.subscribeBatch.bind(this.bus);
  start = this.bus.start.bind(this.bus);
  stop = this.bus.stop.bind(this.bus);
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const values = (await metricsRegistry.getSingleMetric(name)!.get()).values;
  return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
}

let corpCounter = 0;

/** The puller's loop against a real ArchiveStore; WeCom is the local fake. */
export function describeArchivePuller(name: string, openStore: () => Promise<ArchiveStore>): void {
  describe(`ArchivePuller on ${name}`, () => {
    const v1 = rsa();
    const v2 = rsa();
    const publicKeys = new Map([
      [1, v1.publicKey],
      [2, v2.publicKey],
    ]);
    let store: ArchiveStore;
    let clock: FakeClock;
    let sleeps: number[];
    let corpId: string;
    let sdk: FakeFinanceSdk;
    let bus: RecordingBus;

    beforeAll(async () => {
      store = await openStore();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });
    beforeEach(() => {
      clock = new FakeClock();
      sleeps = [];
      corpId = `wwpull${process.pid}x${++corpCounter}x${Date.now()}`;
      sdk = new FakeFinanceSdk({ publicKeys, currentKeyVersion: 1 });
      bus = new RecordingBus();
    });

    function puller(keys: ReadonlyMap<number, string>, options: Partial<ArchivePullerOptions> = {}): ArchivePuller {
      return new ArchivePuller([{ corpId, sdk, decryptor: new ArchiveDecryptor(keys, sdk) }], store, bus, logger, {
        batchSize: 1000,
        sdkAttempts: 4,
        sdkRetryDelayMs: 100,
        decryptRetryDelayMs: 60_000,
        decryptRetryMaxMs: 3_600_000,
        now: () => clock.now(),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...options,
      });
    }
    const bothKeys = () => new Map([[1, v1.privateKey], [2, v2.privateKey]]);

    /** Spacing and key order a re-serialiser would change: the archive must keep these bytes. */
    function append(i: number, options: { seq?: number } = {}): string {
      const raw = `{"msgid":"m-${i}", "action":"send","from":"zhangsan","tolist":["wmCustomer${i % 7}"],"roomid":"","msgtime":${1_767_225_600_000 + i},"msgtype":"text","text":{"content":"第${i}条 报价"}}`;
      sdk.append(raw, options);
      return raw;
    }

    it('pulls 2,500 records in batches, publishes each once in seq order with its plaintext verbatim, and ends the cursor at the last seq', async () => {
      const raws = Array.from({ length: 2500 }, (_, i) => append(i + 1));
      await puller(bothKeys()).pullNow(corpId);

      expect(sdk.calls.getChatData).toBe(3);
      expect(bus.received.map((e) => e.seq)).toEqual(raws.map((_, i) => i + 1));
      expect(bus.received.map((e) => e.rawJson)).toEqual(raws);
      expect(bus.received[0]).toMatchObject({ corpId, source: 'puller', eventId: `puller:${corpId}:1`, message: { msgid: 'm-1', msgtype: 'text' } });
      expect(await store.envelopes.cursor(corpId)).toBe(2500);
      expect(await store.envelopes.countByState(corpId, 'decrypted')).toBe(2500);
      expect(bus.problems).toEqual([]);
      // 2,500 RSA decryptions take a few seconds on a busy 2-core machine.
    }, 60_000);

    it('pulls again while batches come back full and stops at a short one', async () => {
      for (let i = 1; i <= 6; i++) append(i);
      await puller(bothKeys(), { batchSize: 3 }).pullNow(corpId);
      // 3 + 3 full, then an empty batch says there is nothing more.
      expect(sdk.calls.getChatData).toBe(3);
      append(7);
      await puller(bothKeys(), { batchSize: 3 }).pullNow(corpId);
      expect(sdk.calls.getChatData).toBe(4);
      expect(bus.received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('after a crash between storing envelopes and publishing, a restart publishes the stored records, losing and doubling none', async () => {
      for (let i = 1; i <= 30; i++) append(i);
      bus.failNextReceived = true;
      await expect(puller(bothKeys()).pullNow(corpId)).rejects.toThrow('process died before publishing');
      expect(bus.received).toEqual([]);
      expect(await store.envelopes.cursor(corpId)).toBe(30);
      expect(await store.envelopes.countByState(corpId, 'pending')).toBe(30);

      await puller(bothKeys()).pullNow(corpId);
      expect(bus.received.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // The restart pulled after the durable cursor: nothing was fetched twice.
      expect((await sdk.getChatData(0, 1000)).chatdata).toHaveLength(30);
      expect(await store.envelopes.countByState(corpId, 'decrypted')).toBe(30);
    });

    it('reports seq gaps within and between batches with their ranges', async () => {
      for (const seq of [1, 2, 4, 7, 8]) append(seq, { seq });
      await puller(bothKeys(), { batchSize: 2 }).pullNow(corpId);

      expect(bus.problems.map((p) => [p.kind, p.seqFrom, p.seqTo, p.count])).toEqual([
        ['seq-gap', 3, 3, 1],
        ['seq-gap', 5, 6, 2],
      ]);
      expect(bus.problems[0]).toMatchObject({ corpId, eventId: `seq-gap:${corpId}:3-3` });
      expect(await metric('chatvault_puller_seq_gap_records_total', { corp: corpId })).toBe(3);
      expect(bus.received.map((e) => e.seq)).toEqual([1, 2, 4, 7, 8]);
    });

    it('keeps a record of an unconfigured key version as failed, reports it once, publishes the others, and publishes it once the key is configured', async () => {
      append(1);
      sdk.rotateKey(2);
      append(2);
      sdk.rotateKey(1);
      append(3);
      const withoutV2 = new Map([[1, v1.privateKey]]);

      await puller(withoutV2).pullNow(corpId);
      expect(bus.received.map((e) => e.seq)).toEqual([1, 3]);
      expect(bus.problems).toHaveLength(1);
      expect(bus.problems[0]).toMatchObject({ kind: 'decrypt-failed', corpId, seqFrom: 2, seqTo: 2, msgid: 'm-2', count: 1 });
      expect(bus.problems[0]!.detail).toContain('no private key for this version (loaded versions: 1)');
      expect(await store.envelopes.countByState(corpId, 'failed')).toBe(1);
      expect(await metric('chatvault_puller_decrypt_failures_total', { corp: corpId, reason: 'missing_key_version' })).toBe(1);

      // Not due yet: left alone.
      await puller(withoutV2).pullNow(corpId);
      expect(await metric('chatvault_puller_decrypt_failures_total', { corp: corpId })).toBe(1);

      // Due again, still no key: retried, counted, not reported a second time, and the wait doubles.
      clock.advance(60_000);
      await puller(withoutV2).pullNow(corpId);
      expect(await metric('chatvault_puller_decrypt_failures_total', { corp: corpId })).toBe(2);
      expect(bus.problems).toHaveLength(1);
      const [failed] = await store.envelopes.due(corpId, clock.now() + 120_000, 10);
      expect(failed).toMatchObject({ seq: 2, attempts: 2, nextAttemptAt: clock.now() + 120_000 });

      // The key is configured (a restart with the new key ring) and the retry is due.
      clock.advance(120_000);
      await puller(bothKeys()).pullNow(corpId);
      expect(bus.received.map((e) => e.seq)).toEqual([1, 3, 2]);
      expect(bus.received[2]!.message.msgid).toBe('m-2');
      expect(await store.envelopes.countByState(corpId, 'failed')).toBe(0);
      expect(await store.envelopes.countByState(corpId, 'decrypted')).toBe(3);
    });

    it('retries transient SDK errors with doubling waits', async () => {
      append(1);
      sdk.failCall('getChatData', 1, 10001);
      sdk.failCall('getChatData', 2, 10003);
      await puller(bothKeys()).pullNow(corpId);
      expect(sleeps).toEqual([100, 200]);
      expect(bus.received.map((e) => e.seq)).toEqual([1]);
    });

    it('gives up on a pull after a non-transient error or too many transient ones, counts it, and the next pull carries on', async () => {
      append(1);
      sdk.failCall('getChatData', 1, 10009);
      await puller(bothKeys()).pullNow(corpId);
      expect(bus.received).toEqual([]);
      expect(sleeps).toEqual([]);
      expect(await metric('chatvault_puller_pull_errors_total', { corp: corpId, code: '10009' })).toBe(1);

      for (const call of [2, 3, 4, 5]) sdk.failCall('getChatData', call, 10002);
      await puller(bothKeys()).pullNow(corpId);
      expect(sleeps).toEqual([100, 200, 400]);
      expect(await metric('chatvault_puller_pull_errors_total', { corp: corpId, code: '10002' })).toBe(1);

      await puller(bothKeys()).pullNow(corpId);
      expect(bus.received.map((e) => e.seq)).toEqual([1]);
    });

    it('runs pulls of one corp one after another, requests made meanwhile sharing one further pull, and refuses an unconfigured corp', async () => {
      for (let i = 1; i <= 5; i++) append(i);
      // The first pull is held inside GetChatData while three more are asked for.
      let entered!: () => void;
      let release!: () => void;
      const inFirstCall = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const getChatData = sdk.getChatData.bind(sdk);
      sdk.getChatData = async (seq, limit) => {
        if (sdk.calls.getChatData === 0) {
          entered();
          await gate;
        }
        return getChatData(seq, limit);
      };
      const p = puller(bothKeys());
      const first = p.pullNow(corpId);
      await inFirstCall;
      const later = [p.pullNow(corpId), p.pullNow(corpId), p.pullNow(corpId)];
      release();
      await Promise.all([first, ...later]);
      expect(sdk.calls.getChatData).toBe(2);
      expect(bus.received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      await expect(p.pullNow('wwunknown')).rejects.toThrow('corp wwunknown is not configured for chat-archive pulling');
    });
  });
}
