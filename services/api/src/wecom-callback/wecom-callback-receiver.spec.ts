import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveNotifyV1, relationshipChangedV1, type TopicSpec } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import { MemoryCache } from '@chatvault/cache';
import { DomainError, createLogger, loadConfig } from '@chatvault/platform';
import { WecomCallbackCrypto, callbackEventXml } from '@chatvault/wecom';
import { CALLBACK_ACK, WecomCallbackReceiver } from './wecom-callback-receiver';

const CORP = 'wwreceiver';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const dir = mkdtempSync(join(tmpdir(), 'chatvault-callback-receiver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'corps.json'), JSON.stringify({ corps: [{ corpId: CORP, token: 'tok', encodingAesKey: AES_KEY }] }));
const config = loadConfig({ WECOM_CALLBACK_CORPS_FILE: join(dir, 'corps.json') });
const wecom = new WecomCallbackCrypto({ token: 'tok', encodingAesKey: AES_KEY, receiverId: CORP });

/** Records what is published; fails the next `failures` publishes the way a Kafka outage would. */
class RecordingBus {
  readonly published: { topic: string; value: unknown }[] = [];
  failures = 0;

  async publish<T>(topic: TopicSpec<T>, values: readonly T[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker unreachable');
    }
    for (const value of values) this.published.push({ topic: topic.name, value: topic.schema.parse(value) });
  }
}

let bus: RecordingBus;
let receiver: WecomCallbackReceiver;
beforeEach(() => {
  bus = new RecordingBus();
  receiver = new WecomCallbackReceiver(config, bus as unknown as MessageBus, new MemoryCache(), createLogger('silent'));
});

const send = (xml: string) => {
  const { query, body } = wecom.encrypt(xml);
  return () => receiver.receive(CORP, query, body);
};

describe('WecomCallbackReceiver', () => {
  it('publishes a relationship change and an archive pull hint, each with an id that a resent copy shares', async () => {
    const xml = callbackEventXml(CORP, 'change_contact', { ChangeType: 'delete_user', UserID: 'lisi' }, 1_700_000_000);
    expect(await send(xml)()).toBe(CALLBACK_ACK);
    // WeCom resends the same message with a new timestamp and nonce when our answer is late.
    expect(await send(xml)()).toBe(CALLBACK_ACK);
    expect(await send(callbackEventXml(CORP, 'msgaudit_notify', {}))()).toBe(CALLBACK_ACK);

    expect(bus.published.map((p) => p.topic)).toEqual([relationshipChangedV1.name, relationshipChangedV1.name, archiveNotifyV1.name]);
    const [first, resent, notify] = bus.published.map((p) => p.value as { eventId: string });
    expect(resent!.eventId).toBe(first!.eventId);
    expect(notify).toMatchObject({ corpId: CORP, schemaVersion: 1 });
  });

  it('answers an event it does not handle without publishing it', async () => {
    expect(await send(callbackEventXml(CORP, 'change_school_contact', { ChangeType: 'create_student' }))()).toBe(CALLBACK_ACK);
    expect(bus.published).toEqual([]);
  });

  it('answers 503 when the bus is down and takes the very same request when WeCom retries it', async () => {
    const retry = send(callbackEventXml(CORP, 'change_contact', { ChangeType: 'delete_user', UserID: 'lisi' }));
    bus.failures = 1;
    const error = await retry().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(await retry()).toBe(CALLBACK_ACK);
    expect(bus.published).toHaveLength(1);
  });

  it('names the missing query field and refuses a body that is not text', async () => {
    const { query, body } = wecom.encrypt(callbackEventXml(CORP, 'msgaudit_notify', {}));
    await expect(receiver.receive(CORP, { ...query, nonce: undefined }, body)).rejects.toMatchObject({ code: 'invalid_request', message: 'nonce: nonce is required', details: { reason: 'bad_query' } });
    await expect(receiver.receive(CORP, query, { xml: body })).rejects.toMatchObject({ code: 'invalid_request', details: { reason: 'bad_payload' } });
    expect(() => receiver.verifyUrl(CORP, query)).toThrow('echostr: echostr is required');
  });

  it('refuses a decrypted message that is not XML as malformed', async () => {
    await expect(send('not xml at all')()).rejects.toMatchObject({ code: 'invalid_request', details: { reason: 'malformed_xml' } });
  });
});
