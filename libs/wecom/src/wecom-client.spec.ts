import { DAY_MS, FakeWecomServer, HOUR_MS } from '@chatvault/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomApiError, WecomTransportError } from './wecom-api-error';
import { WecomClient, type WecomClientOptions } from './wecom-client';

let server: FakeWecomServer;
let baseUrl: string;
const sleeps: number[] = [];

function client(overrides: Partial<WecomClientOptions> = {}): WecomClient {
  return new WecomClient({
    corpId: server.corpId,
    secrets: server.secrets,
    agentId: server.agentId,
    baseUrl,
    baseDelayMs: 100,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
}

async function apiError(work: Promise<unknown>): Promise<WecomApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WecomApiError)) throw new Error(`expected a WecomApiError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  sleeps.length = 0;
  server = new FakeWecomServer({ pageSize: 2 });
  server.org
    .addDepartment({ id: 1, name: 'ChatVault', parentid: 0 })
    .addDepartment({ id: 2, name: '销售部', parentid: 1 })
    .addDepartment({ id: 3, name: '华东区', parentid: 2 })
    .addUser({ userid: 'zhangsan', name: '张三', department: [2], status: 1 })
    .addUser({ userid: 'lisi', name: '李四', department: [2, 3], status: 1 })
    .addUser({ userid: 'wangwu', name: '王五', department: [3], status: 1 })
    .addContact({ external_userid: 'wmCustomerA', name: '客户A', type: 1 }, ['zhangsan'])
    .addContact({ external_userid: 'wmCustomerB', name: '客户B', type: 1 }, ['zhangsan'])
    .addContact({ external_userid: 'woPartnerC', name: '伙伴C', type: 2 }, ['zhangsan', 'wangwu']);
  baseUrl = await server.start();
});

afterEach(() => server.stop());

describe('WecomClient access tokens', () => {
  it('fetches one token per application and reuses it', async () => {
    const wecom = client();
    await wecom.listDepartments();
    await wecom.getUser('zhangsan');
    await wecom.getPermitUserList();
    expect(server.callsTo('gettoken')).toBe(2);
    expect(server.requests.filter((r) => r.api !== 'gettoken').map((r) => r.app)).toEqual(['contact', 'contact', 'archive']);
  });

  it('shares one token fetch between concurrent calls', async () => {
    const wecom = client();
    await Promise.all([wecom.listDepartments(), wecom.getUser('lisi'), wecom.listDepartments(2)]);
    expect(server.callsTo('gettoken')).toBe(1);
  });

  it('refreshes a token five minutes before WeCom’s expiry', async () => {
    let now = 0;
    const wecom = client({ now: () => now });
    await wecom.listDepartments();
    now = (7200 - 301) * 1000;
    await wecom.listDepartments();
    expect(server.callsTo('gettoken')).toBe(1);
    now = (7200 - 299) * 1000;
    await wecom.listDepartments();
    expect(server.callsTo('gettoken')).toBe(2);
  });

  it('fetches a new token once when WeCom says the token expired (42001)', async () => {
    const wecom = client();
    await wecom.listDepartments();
    server.expireTokens();
    expect(await wecom.listDepartments()).toHaveLength(3);
    expect(server.callsTo('gettoken')).toBe(2);
  });

  it.each([40014, 40001])('fetches a new token once on %i, and gives up if the new one fails too', async (errcode) => {
    const wecom = client();
    server.injectErrors('department/list', errcode);
    expect(await wecom.listDepartments()).toHaveLength(3);
    server.injectErrors('department/list', errcode, errcode);
    expect((await apiError(wecom.listDepartments())).errcode).toBe(errcode);
    expect(server.callsTo('gettoken')).toBe(3);
  });

  it('names an application without a secret and never puts secrets or tokens in errors', async () => {
    const missing = client({ secrets: { contact: server.secrets.contact } });
    await expect(missing.getPermitUserList()).rejects.toThrow("no secret is configured for the 'archive' application");
    const wrong = client({ secrets: { ...server.secrets, contact: 'leaked-secret-value' } });
    const error = await apiError(wrong.listDepartments());
    expect(error).toMatchObject({ api: 'gettoken', errcode: 40001 });
    expect(error.message).not.toContain('leaked-secret-value');
  });

  it('uses each application’s own token: the archive token cannot read the directory', async () => {
    const crossed = client({ secrets: { ...server.secrets, contact: server.secrets.archive } });
    expect((await apiError(crossed.listDepartments())).errcode).toBe(48002);
  });
});

describe('WecomClient errors and retries', () => {
  it('maps errcode ≠ 0 to WecomApiError with errcode and errmsg', async () => {
    const error = await apiError(client().getUser('nobody'));
    expect(error).toMatchObject({ api: 'user/get', errcode: 60111, errmsg: 'userid not found: nobody' });
  });

  it('backs off and retries rate limits and busy answers', async () => {
    server.injectErrors('user/get', 45009, -1, 45033);
    expect(await client().getUser('lisi')).toMatchObject({ userid: 'lisi', department: [2, 3] });
    expect(server.callsTo('user/get')).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[2]).toBeGreaterThanOrEqual(200);
  });

  it('gives up after maxAttempts', async () => {
    server.injectErrors('user/get', 45009, 45009, 45009);
    expect((await apiError(client({ maxAttempts: 3 }).getUser('lisi'))).errcode).toBe(45009);
    expect(server.callsTo('user/get')).toBe(3);
  });

  it('does not retry other errors', async () => {
    server.injectErrors('user/get', 60011);
    expect((await apiError(client().getUser('lisi'))).errcode).toBe(60011);
    expect(sleeps).toEqual([]);
  });

  it('reports an unreachable WeCom without the URL', async () => {
    const wecom = client({ baseUrl: 'http://127.0.0.1:1', maxAttempts: 2 });
    const error = await wecom.getPermitUserList().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WecomTransportError);
    expect((error as Error).message).not.toContain('archive-secret');
  });
});

describe('WecomClient directory and customers', () => {
  it('lists departments, a subtree, user ids by page and users', async () => {
    const wecom = client();
    expect((await wecom.listDepartments()).map((d) => d.id)).toEqual([1, 2, 3]);
    expect((await wecom.listDepartments(2)).map((d) => d.name)).toEqual(['销售部', '华东区']);
    const page = await wecom.listUserIds({ limit: 3 });
    expect(page.dept_user).toEqual([
      { userid: 'zhangsan', department: 2 },
      { userid: 'lisi', department: 2 },
      { userid: 'lisi', department: 3 },
    ]);
    expect((await wecom.listUserIds({ cursor: page.next_cursor, limit: 3 })).dept_user).toEqual([{ userid: 'wangwu', department: 3 }]);
    expect(await wecom.getUser('zhangsan')).toMatchObject({ name: '张三', status: 1, main_department: 2 });
  });

  it('lists an employee’s customers and reads one with its followers', async () => {
    const wecom = client();
    expect(await wecom.listExternalContacts('zhangsan')).toEqual(['wmCustomerA', 'wmCustomerB', 'woPartnerC']);
    const detail = await wecom.getExternalContact('woPartnerC');
    expect(detail.external_contact).toMatchObject({ name: '伙伴C', type: 2 });
    expect(detail.follow_user.map((f) => f.userid)).toEqual(['zhangsan', 'wangwu']);
  });
});

describe('WecomClient in-service handover', () => {
  it('starts a handover that completes after the 24-hour refusal window', async () => {
    const wecom = client();
    const started = await wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA', 'wmUnknown'], transfer_success_msg: '您好，我是李四，接替张三为您服务' });
    expect(started.customer).toEqual([
      { external_userid: 'wmCustomerA', errcode: 0 },
      { external_userid: 'wmUnknown', errcode: 40096 },
    ]);
    const waiting = await wecom.transferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi' });
    expect(waiting.customer).toEqual([{ external_userid: 'wmCustomerA', status: 2, takeover_time: Math.floor((server.clock.now() + DAY_MS) / 1000) }]);
    server.clock.advance(DAY_MS);
    expect((await wecom.transferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi' })).customer[0].status).toBe(1);
    expect((await wecom.getExternalContact('wmCustomerA')).follow_user.map((f) => f.userid)).toEqual(['lisi']);
    expect(await wecom.listExternalContacts('lisi')).toEqual(['wmCustomerA']);
  });

  it('records a refusal within the window and a taker at the customer limit', async () => {
    server.org.users.get('lisi')!.customerLimit = 0;
    const wecom = client();
    await wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA', 'wmCustomerB'] });
    server.clock.advance(23 * HOUR_MS);
    server.org.refuseTransfer('wmCustomerA');
    server.clock.advance(HOUR_MS);
    const result = await wecom.transferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi' });
    expect(result.customer.map((c) => [c.external_userid, c.status])).toEqual([
      ['wmCustomerA', 3],
      ['wmCustomerB', 4],
    ]);
    expect(await wecom.listExternalContacts('zhangsan')).toContain('wmCustomerA');
  });

  it('refuses a third handover of a customer within 90 days, and a second while one is pending', async () => {
    const wecom = client();
    const move = async (from: string, to: string) => (await wecom.transferCustomer({ handover_userid: from, takeover_userid: to, external_userid: ['wmCustomerB'] })).customer[0].errcode;
    expect(await move('zhangsan', 'lisi')).toBe(0);
    expect(await move('zhangsan', 'wangwu')).toBe(40129);
    server.clock.advance(DAY_MS);
    expect(await move('lisi', 'wangwu')).toBe(0);
    server.clock.advance(DAY_MS);
    expect(await move('wangwu', 'zhangsan')).toBe(40128);
    server.clock.advance(89 * DAY_MS);
    expect(await move('wangwu', 'zhangsan')).toBe(0);
  });

  it('validates the request as WeCom does', async () => {
    const wecom = client();
    const tooMany = Array.from({ length: 101 }, (_, i) => `wm${i}`);
    expect((await apiError(wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: tooMany }))).errcode).toBe(40058);
    expect((await apiError(wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA'], transfer_success_msg: '长'.repeat(201) }))).errcode).toBe(40058);
    const same = await wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'zhangsan', external_userid: ['wmCustomerA'] });
    expect(same.customer[0].errcode).toBe(40130);
    const notTheirs = await wecom.transferCustomer({ handover_userid: 'lisi', takeover_userid: 'wangwu', external_userid: ['wmCustomerA'] });
    expect(notTheirs.customer[0].errcode).toBe(40131);
  });

  it('lets a test end a pending handover with any status', async () => {
    const wecom = client();
    await wecom.transferCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA'] });
    server.org.completeTransfer('wmCustomerA', 5);
    expect((await wecom.transferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi' })).customer).toEqual([{ external_userid: 'wmCustomerA', status: 5, takeover_time: 0 }]);
  });
});

describe('WecomClient resigned handover and groups', () => {
  it('lists a departed employee’s customers page by page and hands them over', async () => {
    server.org.resign('zhangsan');
    const wecom = client();
    const first = await wecom.getUnassignedList({ page_size: 100 });
    expect(first).toMatchObject({ is_last: false });
    expect(first.info.map((i) => i.external_userid)).toEqual(['wmCustomerA', 'wmCustomerB']);
    const second = await wecom.getUnassignedList({ cursor: first.next_cursor });
    expect(second).toMatchObject({ is_last: true, info: [{ handover_userid: 'zhangsan', external_userid: 'woPartnerC', dimission_time: Math.floor(server.clock.now() / 1000) }] });

    const started = await wecom.transferResignedCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA', 'wmCustomerB', 'woPartnerC'] });
    expect(started.customer.map((c) => c.errcode)).toEqual([0, 0, 0]);
    expect((await wecom.getUnassignedList()).info).toEqual([]);
    server.clock.advance(DAY_MS);
    const results = [];
    let cursor: string | undefined;
    do {
      const page = await wecom.resignedTransferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi', cursor });
      results.push(...page.customer);
      cursor = page.next_cursor || undefined;
    } while (cursor);
    expect(results.map((r) => r.status)).toEqual([1, 1, 1]);
  });

  it('refuses a resigned handover from someone still employed, and a message on it', async () => {
    const wecom = client();
    expect((await apiError(wecom.transferResignedCustomer({ handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmCustomerA'] }))).errcode).toBe(40097);
  });

  it('moves customer groups to a new owner, reporting the groups it could not move', async () => {
    server.org.addCustomerGroup({ chat_id: 'wrGroup1', name: '客户群1', owner: 'zhangsan' }).addCustomerGroup({ chat_id: 'wrGroup2', name: '客户群2', owner: 'wangwu' });
    server.org.resign('zhangsan');
    const wecom = client();
    const resigned = await wecom.transferResignedGroupChats({ chat_id_list: ['wrGroup1', 'wrGroup2', 'wrNope'], new_owner: 'lisi' });
    expect(resigned.failed_chat_list.map((f) => [f.chat_id, f.errcode])).toEqual([
      ['wrGroup2', 90500],
      ['wrNope', 90501],
    ]);
    expect(server.org.customerGroups.get('wrGroup1')!.owner).toBe('lisi');
    const onJob = await wecom.transferOnJobGroupChats({ chat_id_list: ['wrGroup2'], new_owner: 'lisi' });
    expect(onJob.failed_chat_list).toEqual([]);
    expect(server.org.customerGroups.get('wrGroup2')!.owner).toBe('lisi');
    expect((await apiError(wecom.transferOnJobGroupChats({ chat_id_list: [], new_owner: 'lisi' }))).errcode).toBe(40058);
  });
});

describe('WecomClient chat archive APIs', () => {
  it('reads archived employees, consent and internal groups', async () => {
    server.org.permitUsers.push('zhangsan', 'lisi');
    server.org.singleAgree.set('zhangsan|wmCustomerA', { agree_status: 'Agree', status_change_time: 1700000000 });
    server.org.roomAgree.set('wrRoom', [{ exteranalopenid: 'wmCustomerB', agree_status: 'Disagree', status_change_time: 1700000100 }]);
    server.org.archivedRooms.set('wrRoom', { roomname: '内部群', creator: 'zhangsan', room_create_time: 1690000000, notice: '', members: [{ memberid: 'lisi', jointime: 1690000100 }] });
    const wecom = client();
    expect(await wecom.getPermitUserList()).toEqual(['zhangsan', 'lisi']);
    expect(await wecom.checkSingleAgree([{ userid: 'zhangsan', exteranalopenid: 'wmCustomerA' }])).toEqual([
      { userid: 'zhangsan', exteranalopenid: 'wmCustomerA', agree_status: 'Agree', status_change_time: 1700000000 },
    ]);
    expect((await wecom.checkRoomAgree('wrRoom'))[0].agree_status).toBe('Disagree');
    expect((await wecom.getArchivedGroupChat('wrRoom')).members).toEqual([{ memberid: 'lisi', jointime: 1690000100 }]);
  });
});

describe('WecomClient messages', () => {
  it('sends textcard and markdown application messages, reporting invalid users', async () => {
    const wecom = client();
    const card = await wecom.sendAppMessage({ touser: ['zhangsan', 'ghost'] }, { msgtype: 'textcard', textcard: { title: '告警', description: '发现敏感词', url: 'https://chatvault.example/alerts/1' } });
    expect(card.invaliduser).toBe('ghost');
    await wecom.sendAppMessage({ touser: ['lisi'] }, { msgtype: 'markdown', markdown: { content: '**高风险** 会话' } });
    expect(server.appMessages.map((m) => [m.touser, m.msgtype])).toEqual([
      ['zhangsan|ghost', 'textcard'],
      ['lisi', 'markdown'],
    ]);
    expect((await apiError(wecom.sendAppMessage({ touser: ['ghost'] }, { msgtype: 'markdown', markdown: { content: 'x' } }))).errcode).toBe(81013);
    await expect(client({ agentId: undefined }).sendAppMessage({ touser: ['lisi'] }, { msgtype: 'markdown', markdown: { content: 'x' } })).rejects.toThrow('needs agentId');
  });

  it('sends group-robot messages, retrying when the robot is over its per-minute limit', async () => {
    const wecom = client();
    await wecom.sendRobotMessage('robot-key-1', { msgtype: 'text', text: { content: '日报', mentioned_list: ['@all'] } });
    await wecom.sendRobotMessage('robot-key-1', { msgtype: 'markdown', markdown: { content: '# 日报' } });
    expect(server.robotMessages.map((m) => m.message.msgtype)).toEqual(['text', 'markdown']);
    expect((await apiError(wecom.sendRobotMessage('wrong-key', { msgtype: 'text', text: { content: 'x' } }))).errcode).toBe(93000);

    for (let i = 0; i < 18; i++) await wecom.sendRobotMessage('robot-key-1', { msgtype: 'text', text: { content: `${i}` } });
    const limited = client({ sleep: async () => server.clock.advance(60_000) });
    await limited.sendRobotMessage('robot-key-1', { msgtype: 'text', text: { content: 'after the limit' } });
    expect(server.robotMessages).toHaveLength(21);
    expect(server.callsTo('webhook/send')).toBe(23);
  });
});
