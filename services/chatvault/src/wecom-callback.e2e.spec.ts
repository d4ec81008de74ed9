import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relationshipChangedV1, type RelationshipChanged } from '@chatvault/contracts';
import { createMessageBus, type MessageBus } from '@chatvault/bus';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { WecomCallbackCrypto, callbackEventXml, type EncryptedCallback } from '@chatvault/wecom';
import {
  ChatVaultProcess,
  FakeWecomServer,
  buildNativeFinanceSdkStub,
  createTestDatabase,
  metricSample,
  dropNamespace,
  realStackEnv,
  waitFor,
  type RealStackEnv,
  type TestDatabase,
} from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const TOKEN = 'callback-token-e2e';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/** WeCom's side of the callback: a real encrypted, signed request to the running API, on Kafka, PostgreSQL and Redis. */
describe('WeCom callback endpoint (real stack)', () => {
  const ns = `callback-${randomUUID().slice(0, 8)}`;
  const corpId = `ww${ns.replace(/-/g, '')}`;
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-callback-'));
  const wecom = new WecomCallbackCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiverId: corpId });
  const received: RelationshipChanged[] = [];
  let database: TestDatabase;
  let env: RealStackEnv;
  let chatvault: ChatVaultProcess;
  let bus: MessageBus;
  let store: ArchiveStore;
  const fakeWecom = new FakeWecomServer({ corpId });
  const api = (path: string, key = API_KEY) => fetch(`${chatvault.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });

  const post = (callback: EncryptedCallback, path = corpId, body = callback.body) =>
    fetch(`${chatvault.url}/api/v1/wecom/callback/${path}?${new URLSearchParams({ ...callback.query })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
  const rejections = async (reason: string) => metricSample(chatvault.url, `chatvault_wecom_callback_rejected_total{reason="${reason}"}`);
  const employeeEvents = (employeeId: string) => received.filter((e) => 'employeeId' in e.change && e.change.employeeId === employeeId);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(join(dir, 'v1.pem'), privateKey);
    writeFileSync(join(dir, 'archive-corps.json'), JSON.stringify({ corps: [{ corpId, secret: 'archive-secret', privateKeyFiles: { '1': 'v1.pem' } }] }));
    writeFileSync(join(dir, 'callback-corps.json'), JSON.stringify({ corps: [{ corpId, token: TOKEN, encodingAesKey: AES_KEY }] }));
    fakeWecom.org
      .addDepartment({ id: 1, name: '总部', parentid: 0, department_leader: ['boss'] })
      .addDepartment({ id: 2, name: '华东销售', parentid: 1, department_leader: ['lisi'] })
      .addDepartment({ id: 3, name: '华南销售', parentid: 1 })
      .addUser({ userid: 'lisi', name: '李四', department: [2], status: 1 })
      .addUser({ userid: 'zhangsan', name: '张三', department: [2], status: 1, direct_leader: ['lisi'] })
      .addContact({ external_userid: 'wmCustomer1', name: '王先生', type: 1 }, ['zhangsan'])
      .addCustomerGroup({
        chat_id: 'wrPrivate',
        name: '老客户福利群',
        owner: 'zhangsan',
        member_list: [
          { userid: 'zhangsan', type: 1, join_time: 1 },
          { userid: 'wmCustomer1', type: 2, join_time: 2 },
        ],
      });
    const wecomUrl = await fakeWecom.start();
    writeFileSync(
      join(dir, 'directory-corps.json'),
      JSON.stringify({ corps: [{ corpId, contactSecret: fakeWecom.secrets.contact, customerSecret: fakeWecom.secrets.customer, apiBaseUrl: wecomUrl }] }),
    );
    env = {
      ...realStackEnv(database, ns, API_KEY),
      TARGET: 'ingest,api,classification,alerting',
      WECOM_CALLBACK_CORPS_FILE: join(dir, 'callback-corps.json'),
      WECOM_DIRECTORY_CORPS_FILE: join(dir, 'directory-corps.json'),
      WECOM_ARCHIVE_CORPS_FILE: join(dir, 'archive-corps.json'),
      WECOM_FINANCE_SDK_LIBRARY: buildNativeFinanceSdkStub(),
      // Only the boot tick and msgaudit_notify pull during the test.
      WECOM_ARCHIVE_PULL_INTERVAL_MS: '3600000',
    };
    chatvault = await ChatVaultProcess.start('ingest-api-classification-alerting', env);
    const config = loadConfig(env);
    const logger = createLogger('warn');
    store = await createArchiveStore(config, logger);
    bus = createMessageBus(config, logger);
    await bus.subscribe(relationshipChangedV1, { group: `test-${ns}` }, async ({ value }) => {
      received.push(value);
    });
    await bus.start();
  });

  afterAll(async () => {
    await chatvault?.stop();
    await bus?.stop();
    await store?.close();
    await database?.drop();
    if (env) await dropNamespace(env, ns);
    await fakeWecom.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the URL check with the decrypted echostr', async () => {
    const { encrypt, query } = wecom.encrypt('1616140317555161061');
    const response = await fetch(`${chatvault.url}/api/v1/wecom/callback/${corpId}?${new URLSearchParams({ ...query, echostr: encrypt })}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1616140317555161061');
  });

  it('publishes a customer added by an employee on the relationship topic, once even when WeCom repeats the request', async () => {
    const added = wecom.encrypt(callbackEventXml(corpId, 'change_external_contact', { ChangeType: 'add_external_contact', UserID: 'zhangsan', ExternalUserID: 'wmCustomer1' }));
    const first = await post(added);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('success');
    const replaysBefore = await rejections('replayed');
    const again = await post(added);
    expect(await again.text()).toBe('success');
    expect(await rejections('replayed')).toBe(replaysBefore + 1);

    // Same employee, same partition: had the replay been republished, it would arrive before this one.
    const deleted = wecom.encrypt(callbackEventXml(corpId, 'change_external_contact', { ChangeType: 'del_follow_user', UserID: 'zhangsan', ExternalUserID: 'wmCustomer1' }));
    expect((await post(deleted)).status).toBe(200);
    await waitFor(() => employeeEvents('zhangsan').length >= 2, { timeoutMs: 60_000, description: 'both callbacks on the relationship topic' });
    expect(employeeEvents('zhangsan').map((e) => e.change)).toEqual([
      { corpId, occurredAt: expect.any(Number), type: 'external-contact-added', employeeId: 'zhangsan', externalUserId: 'wmCustomer1' },
      { corpId, occurredAt: expect.any(Number), type: 'employee-deleted-by-customer', employeeId: 'zhangsan', externalUserId: 'wmCustomer1' },
    ]);
  });

  it('completes a customer-group callback from groupchat/get, so a group of customers with no colleague raises an alert', async () => {
    const created = wecom.encrypt(callbackEventXml(corpId, 'change_external_chat', { ChangeType: 'create', ChatId: 'wrPrivate' }));
    expect((await post(created)).status).toBe(200);
    await waitFor(() => received.some((e) => e.change.type === 'group-created') || undefined, { timeoutMs: 60_000, description: 'the completed group-created change' });
    expect(received.find((e) => e.change.type === 'group-created')?.change).toMatchObject({ chatId: 'wrPrivate', ownerId: 'zhangsan', members: [{ id: 'zhangsan', kind: 'employee' }, { id: 'wmCustomer1', kind: 'external' }] });
    const alert = await waitFor(async () => (await store.alerts.list({ corpId, offset: 0, limit: 20 })).items.find((a) => a.conversationId === 'room:wrPrivate'), {
      timeoutMs: 60_000,
      description: 'an alert for the private group',
    });
    expect(alert).toMatchObject({ employeeId: 'zhangsan', category: 'private-group' });
  });

  it('pulls the chat archive when WeCom sends msgaudit_notify', async () => {
    const pulledBefore = await metricSample(chatvault.url, 'chatvault_ingest_archive_notify_total{outcome="pulled"}');
    const notify = wecom.encrypt(callbackEventXml(corpId, 'msgaudit_notify', { AgentID: '2000003' }));
    expect(await (await post(notify)).text()).toBe('success');
    await waitFor(async () => (await metricSample(chatvault.url, 'chatvault_ingest_archive_notify_total{outcome="pulled"}')) > pulledBefore, {
      timeoutMs: 60_000,
      description: 'ingest to pull after the notify',
    });
    // The native stub serves three records: all stored, whichever pull took them.
    expect(await store.envelopes.cursor(corpId)).toBe(3);
  });

  it('reads the directory from WeCom at boot, follows contact callbacks, and serves it to readers', async () => {
    const zhangsan = await waitFor(
      async () => {
        const response = await api(`/directory/employees/zhangsan?corpId=${corpId}`);
        return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      },
      { timeoutMs: 60_000, description: 'the boot sync to store zhangsan' },
    );
    expect(zhangsan).toEqual({ userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: ['lisi'], email: '', status: 1, departments: [{ id: '2', name: '华东销售' }] });
    expect(await (await api(`/directory/departments?corpId=${corpId}`)).json()).toEqual({
      items: [
        { id: '1', name: '总部', parentId: null, leaders: ['boss'] },
        { id: '2', name: '华东销售', parentId: '1', leaders: ['lisi'] },
        { id: '3', name: '华南销售', parentId: '1', leaders: [] },
      ],
    });

    const message = { msgid: `m-${ns}`, action: 'send', from: 'zhangsan', tolist: ['wmCustomer1'], roomid: '', msgtime: Date.now(), msgtype: 'text', text: { content: '周五前给您报价' } };
    const ingested = await fetch(`${chatvault.url}/api/v1/ingest/wecom/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ corpId, messages: [message] }),
    });
    expect(ingested.status).toBe(202);
    const found = await waitFor(
      async () => {
        const body = (await (await api(`/messages/search?q=${encodeURIComponent('报价')}&corpId=${corpId}`)).json()) as { items: { from: string; fromName: string | null }[] };
        return body.items.length === 1 ? body.items[0] : undefined;
      },
      { timeoutMs: 60_000, description: 'the message to be searchable' },
    );
    expect(found).toMatchObject({ from: 'zhangsan', fromName: '张三' });

    const moved = wecom.encrypt(callbackEventXml(corpId, 'change_contact', { ChangeType: 'update_user', UserID: 'zhangsan', Department: '3' }));
    expect((await post(moved)).status).toBe(200);
    await waitFor(
      async () => {
        const body = (await (await api(`/directory/employees/zhangsan?corpId=${corpId}`)).json()) as { departments: unknown[] };
        return JSON.stringify(body.departments) === JSON.stringify([{ id: '3', name: '华南销售' }]);
      },
      { timeoutMs: 60_000, description: 'the update_user callback to move zhangsan to 华南销售' },
    );

    // A new customer's name is not in the callback: ingest reads it from WeCom.
    fakeWecom.org.addContact({ external_userid: 'wmCustomer2', name: '赵女士', type: 1 }, ['lisi']);
    const added = wecom.encrypt(callbackEventXml(corpId, 'change_external_contact', { ChangeType: 'add_external_contact', UserID: 'lisi', ExternalUserID: 'wmCustomer2' }));
    expect((await post(added)).status).toBe(200);
    const customer = await waitFor(
      async () => {
        const response = await api(`/directory/external-contacts/wmCustomer2?corpId=${corpId}`);
        return response.status === 200 ? await response.json() : undefined;
      },
      { timeoutMs: 60_000, description: 'the new customer in the directory' },
    );
    expect(customer).toEqual({ externalUserId: 'wmCustomer2', name: '赵女士', corpName: null, type: 1, followUsers: ['lisi'] });

    expect((await api(`/directory/employees/nobody?corpId=${corpId}`)).status).toBe(404);
    const noCorp = await api('/directory/departments');
    expect(noCorp.status).toBe(400);
    expect(((await noCorp.json()) as { error: { message: string } }).error.message).toContain('corpId is required');
    expect((await api(`/directory/departments?corpId=${corpId}`, 'cv_wrong_key_000000000000000')).status).toBe(401);
  });

  it('refuses a bad signature, another corp, an unknown corp, a stale timestamp and a body that is not XML, naming the reason and counting it', async () => {
    const xml = callbackEventXml(corpId, 'change_contact', { ChangeType: 'delete_user', UserID: 'lisi' });
    const cases: { reason: string; status: number; send: () => Promise<Response> }[] = [
      {
        reason: 'bad_signature',
        status: 401,
        send: () => {
          const forged = wecom.encrypt(xml);
          return post({ ...forged, query: { ...forged.query, msg_signature: '0'.repeat(40) } });
        },
      },
      {
        reason: 'bad_corp_id',
        status: 400,
        send: () => post(new WecomCallbackCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiverId: 'wwOtherCorp' }).encrypt(xml)),
      },
      { reason: 'unknown_corp', status: 404, send: () => post(wecom.encrypt(xml), 'wwNotConfigured') },
      { reason: 'stale_timestamp', status: 400, send: () => post(wecom.encrypt(xml, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })) },
      { reason: 'bad_payload', status: 400, send: () => post(wecom.encrypt(xml), corpId, '<xml><Encrypt>') },
    ];
    for (const { reason, status, send } of cases) {
      const before = await rejections(reason);
      const response = await send();
      expect(response.status, reason).toBe(status);
      expect(((await response.json()) as { error: { details: unknown } }).error.details, reason).toEqual({ reason });
      expect(await rejections(reason), reason).toBe(before + 1);
    }
  });
});
