import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postCallbacks, simulate, simulatedCallbacks, summarise } from '@chatvault/simulator';
import { businessDayOf } from '@chatvault/store';
import {
  FakeFinanceSdk,
  FakeWecomServer,
  buildArchiveDirectorySdk,
  loadSimulatedArchive,
  loadSimulatedDirectory,
  startEmbeddedStack,
  startRealStack,
  waitFor,
  type ChatVaultStack,
} from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const TOKEN = 'simulated-callback-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

/**
 * A simulated corp reaches ChatVault only the ways a WeCom deployment's data does: its chat archive
 * pulled through the vendor SDK's C interface, its contact and group changes as signed, encrypted
 * callbacks, its directory read from WeCom's contact APIs.
 */
describe.each([
  ['embedded default, one process', (env: Record<string, string>) => startEmbeddedStack(API_KEY, env)],
  ['real stack, one process per service', (env: Record<string, string>) => startRealStack(API_KEY, ['ingest', 'api', 'classification', 'alerting'], env)],
])('a simulated WeCom corp through the archive puller, the callback endpoint and directory sync: %s', (_name, start) => {
  const corpId = `wwsim${randomUUID().slice(0, 8)}`;
  const day = businessDayOf(Date.now());
  const simulation = simulate({ seed: 5, days: 1, employees: 12, corpId, start: day });
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-simulated-'));
  const wecom = new FakeWecomServer({ corpId });
  let stack: ChatVaultStack;
  const get = async (path: string) => json(await fetch(`${stack.api}/api/v1${path}`, { headers: { authorization: `Bearer ${API_KEY}` } }));

  /** Every message the search index holds for the corp, a page of 100 at a time. */
  const indexed = async (filter = ''): Promise<any[]> => {
    const items: any[] = [];
    for (let page = 1; ; page++) {
      const body = await get(`/messages/search?corpId=${corpId}&pageSize=100&page=${page}${filter}`);
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) return items;
    }
  };

  beforeAll(async () => {
    loadSimulatedDirectory(wecom.org, simulation);
    const archive = new FakeFinanceSdk({ publicKeys: new Map([[1, keys.publicKey]]), currentKeyVersion: 1 });
    loadSimulatedArchive(archive, simulation);
    archive.exportTo(join(dir, 'archive', corpId));
    const wecomUrl = await wecom.start();
    writeFileSync(join(dir, 'v1.pem'), keys.privateKey);
    const files = {
      WECOM_ARCHIVE_CORPS_FILE: { corps: [{ corpId, secret: wecom.secrets.archive, privateKeyFiles: { '1': 'v1.pem' } }] },
      WECOM_CALLBACK_CORPS_FILE: { corps: [{ corpId, token: TOKEN, encodingAesKey: AES_KEY }] },
      WECOM_DIRECTORY_CORPS_FILE: { corps: [{ corpId, contactSecret: wecom.secrets.contact, customerSecret: wecom.secrets.customer, apiBaseUrl: wecomUrl }] },
    };
    const env = Object.fromEntries(
      Object.entries(files).map(([name, content]) => {
        writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
        return [name, join(dir, `${name}.json`)];
      }),
    );
    stack = await start({ ...env, WECOM_FINANCE_SDK_LIBRARY: buildArchiveDirectorySdk(join(dir, 'archive')) });
  });

  afterAll(async () => {
    await stack?.stop();
    await wecom.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives every simulated record exactly once from the pulled archive, each msgtype as often as simulated', async () => {
    const records = simulation.records.length;
    const reconciliation = await waitFor(
      async () => {
        const body = await get(`/archive/capture/reconciliation?corpId=${corpId}&day=${day}`);
        // The puller marks a batch decrypted after publishing it, so ingest may archive it first.
        return body.archived === records && body.complete ? body : undefined;
      },
      { timeoutMs: 60_000, description: `the ${records} simulated records archived and the day's reconciliation complete` },
    );
    expect(reconciliation).toMatchObject({ pulled: records, decrypted: records, decryptFailed: 0, pendingDecrypt: 0, received: [{ source: 'puller', archived: records, duplicate: 0 }], problems: {}, complete: true });

    const messages = await waitFor(async () => ((await get(`/messages/search?corpId=${corpId}&pageSize=1`)).total === records ? indexed() : undefined), {
      timeoutMs: 30_000,
      description: 'every archived record searchable',
    });
    const byMsgtype = new Map<string, number>();
    for (const message of messages) byMsgtype.set(message.msgtype, (byMsgtype.get(message.msgtype) ?? 0) + 1);
    expect(Object.fromEntries(byMsgtype)).toEqual(Object.fromEntries(summarise(simulation).byMsgtype));
    expect(new Set(messages.map((m) => m.msgid))).toEqual(new Set(simulation.records.map((r) => r.msgid)));
  });

  it('names senders and their departments from the directory synced from WeCom', async () => {
    const { org } = simulation;
    const seller = org.employees.find((e) => e.role === 'sales')!;
    const profile = await waitFor(async () => {
      const body = await get(`/directory/employees/${seller.userid}?corpId=${corpId}`);
      return body.userid ? body : undefined;
    }, { timeoutMs: 30_000, description: 'the boot sync to store the simulated employees' });
    const team = org.departments.find((d) => d.id === seller.departmentId)!;
    expect(profile).toMatchObject({ name: seller.name, directLeaders: [seller.directLeader], departments: [{ id: String(team.id), name: team.name }] });

    const names = new Map(org.employees.map((e) => [e.userid, e.name]));
    const sent = (await indexed(`&from=${seller.userid}`)).filter((m) => m.msgtype === 'text');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((m) => m.fromName)).toEqual(sent.map(() => names.get(seller.userid)));
  });

  it('tags every seeded message with its category, the media ones once their pictures are fetched', async () => {
    const expected = new Map<string, Set<string>>();
    for (const label of simulation.labels) if ('msgid' in label) expected.set(label.category, (expected.get(label.category) ?? new Set()).add(label.msgid));
    await waitFor(
      async () => {
        const misses: string[] = [];
        for (const [category, msgids] of expected) {
          const tagged = new Set((await indexed(`&category=${category}`)).map((m) => m.msgid));
          misses.push(...[...msgids].filter((msgid) => !tagged.has(msgid)).map((msgid) => `${category}: ${msgid}`));
        }
        if (misses.length > 0) throw new Error(`not tagged yet: ${misses.join(', ')}`);
        return true;
      },
      { timeoutMs: 60_000, description: 'every seeded message tagged with its category' },
    );
  });

  it('takes the contact and group changes as WeCom callbacks and alerts on the seeded ones', async () => {
    const callbacks = simulatedCallbacks(simulation.events);
    expect(callbacks).toHaveLength(simulation.events.length);
    expect(await postCallbacks({ url: `${stack.api}/api/v1/wecom/callback/${corpId}`, corpId, token: TOKEN, encodingAesKey: AES_KEY }, callbacks)).toBe(callbacks.length);

    const metrics = await (await fetch(`${stack.api}/metrics`)).text();
    for (const event of new Set(callbacks.map((c) => c.event))) {
      const published = metrics.split('\n').find((line) => line.startsWith(`chatvault_wecom_callback_events_total{event="${event}",outcome="published"} `));
      expect(Number(published?.split(' ').pop()), event).toBe(callbacks.filter((c) => c.event === event).length);
    }

    const byId = new Map(simulation.events.map((e) => [e.eventId, e.change]));
    const seeded = simulation.labels.flatMap((label) => {
      const change = 'eventId' in label ? byId.get(label.eventId) : undefined;
      if (!change) return [];
      return [{ category: label.category, employeeId: 'ownerId' in change ? change.ownerId : 'employeeId' in change ? change.employeeId : undefined }];
    });
    expect(new Set(seeded.map((s) => s.category))).toEqual(new Set(['customer-deletion', 'customer-lost', 'private-group']));
    await waitFor(
      async () => {
        const misses = [];
        for (const { category, employeeId } of seeded) {
          const alerts = await get(`/alerts?corpId=${corpId}&category=${category}&employee=${employeeId}&pageSize=1`);
          if (alerts.total === 0) misses.push(`${category} by ${employeeId}`);
        }
        if (misses.length > 0) throw new Error(`no alert yet for ${misses.join(', ')}`);
        return true;
      },
      { timeoutMs: 60_000, description: 'an alert for each seeded contact and group change' },
    );
  });
});
