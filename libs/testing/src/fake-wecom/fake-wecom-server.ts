import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppMessageBody, RobotMessage, WecomApp } from '@chatvault/wecom';
import { FakeClock } from './fake-clock';
import { FakeWecomError, FakeWecomOrg, type FakeTransfer } from './fake-wecom-org';

export interface FakeWecomServerOptions {
  corpId?: string;
  /** Secrets the fake accepts, per application. */
  secrets?: Partial<Record<WecomApp, string>>;
  /** The agent id message/send expects. */
  agentId?: number;
  /** Group-robot webhook keys that exist. */
  robotKeys?: string[];
  clock?: FakeClock;
  /** Page size of transfer_result and get_unassigned_list, small in tests to exercise cursors. */
  pageSize?: number;
}

export interface RecordedAppMessage {
  agentid: number;
  touser?: string;
  toparty?: string;
  totag?: string;
  msgtype: AppMessageBody['msgtype'];
  body: AppMessageBody;
}

type Handler = (call: { query: URLSearchParams; body: any }) => object;
type Route = { method: 'GET' | 'POST'; app: WecomApp | null; handle: Handler };

const TOKEN_LIFETIME_SEC = 7200;
const ROBOT_MESSAGES_PER_MINUTE = 20;

/**
 * WeCom's HTTP API on 127.0.0.1 for tests, over an in-memory `FakeWecomOrg`: tokens per application
 * secret (with forced expiry), the directory, customer and handover, chat-archive and messaging APIs
 * with WeCom's request and answer shapes, recorded outgoing messages and injected errors.
 */
export class FakeWecomServer {
  readonly clock: FakeClock;
  readonly org: FakeWecomOrg;
  readonly corpId: string;
  readonly secrets: Record<WecomApp, string>;
  readonly agentId: number;
  /** Every API call received, in order; `app` is the application whose token was used. */
  readonly requests: { api: string; app: WecomApp | null }[] = [];
  readonly appMessages: RecordedAppMessage[] = [];
  readonly robotMessages: { key: string; message: RobotMessage }[] = [];
  private readonly tokens = new Map<string, { app: WecomApp; expiresAt: number }>();
  private readonly injected = new Map<string, number[]>();
  private readonly robotKeys: Set<string>;
  private readonly robotSends = new Map<string, number[]>();
  private readonly routes: Record<string, Route>;
  private server?: Server;
  private issued = 0;

  constructor(private readonly options: FakeWecomServerOptions = {}) {
    this.clock = options.clock ?? new FakeClock();
    this.org = new FakeWecomOrg(this.clock);
    this.corpId = options.corpId ?? 'wwfakecorp0000001';
    this.secrets = { contact: 'contact-secret', customer: 'customer-secret', archive: 'archive-secret', appMessage: 'app-message-secret', ...options.secrets };
    this.agentId = options.agentId ?? 1000002;
    this.robotKeys = new Set(options.robotKeys ?? ['robot-key-1']);
    this.routes = this.buildRoutes();
  }

  /** Listens on an ephemeral loopback port; returns the base URL to give the client. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request)
        .then(({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)))
        .catch((error: Error) => response.writeHead(500).end(error.message));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every token issued so far is rejected with 42001 from now on. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = this.clock.now() - 1;
  }

  /** The next calls to `api` (e.g. 'externalcontact/transfer_customer' or 'gettoken') answer these errcodes, one per call. */
  injectErrors(api: string, ...errcodes: number[]): void {
    this.injected.set(api, [...(this.injected.get(api) ?? []), ...errcodes]);
  }

  callsTo(api: string): number {
    return this.requests.filter((r) => r.api === api).length;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: object }> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    const route = this.routes[api];
    if (!url.pathname.startsWith('/cgi-bin/') || !route) return { status: 404, body: { errcode: 404, errmsg: `no such API ${url.pathname}` } };
    const raw = await readBody(request);
    try {
      if (request.method !== route.method) throw new FakeWecomError(route.method === 'GET' ? 43001 : 43002, `${api} requires ${route.method}`);
      const app = route.app ? this.authenticate(url.searchParams.get('access_token'), route.app) : null;
      this.requests.push({ api, app });
      const injected = this.injected.get(api)?.shift();
      if (injected !== undefined) throw new FakeWecomError(injected, `injected error ${injected}`);
      let body: any = {};
      if (route.method === 'POST') {
        try {
          body = JSON.parse(raw || '{}');
        } catch {
          throw new FakeWecomError(47001, 'data format error: body is not JSON');
        }
      }
      return { status: 200, body: { errcode: 0, errmsg: 'ok', ...route.handle({ query: url.searchParams, body }) } };
    } catch (error) {
      if (error instanceof FakeWecomError) return { status: 200, body: { errcode: error.errcode, errmsg: error.errmsg } };
      throw error;
    }
  }

  private authenticate(token: string | null, app: WecomApp): WecomApp {
    if (!token) throw new FakeWecomError(41001, 'access_token missing');
    const issued = this.tokens.get(token);
    if (!issued) throw new FakeWecomError(40014, 'invalid access_token');
    if (issued.expiresAt <= this.clock.now()) throw new FakeWecomError(42001, 'access_token expired');
    if (issued.app !== app) throw new FakeWecomError(48002, `api forbidden: this API needs the ${app} application's token, got ${issued.app}'s`);
    return issued.app;
  }

  private buildRoutes(): Record<string, Route> {
    const org = this.org;
    const get = (app: WecomApp | null, handle: Handler): Route => ({ method: 'GET', app, handle });
    const post = (app: WecomApp | null, handle: Handler): Route => ({ method: 'POST', app, handle });
    return {
      gettoken: get(null, ({ query }) => this.issueToken(query)),
      'department/list': get('contact', ({ query }) => ({ department: this.departmentTree(query.get('id')) })),
      'user/list_id': post('contact', ({ body }) => {
        const pairs = [...org.users.values()].flatMap((u) => u.department.map((department) => ({ userid: u.userid, department })));
        return paged(pairs, body.cursor, body.limit ?? 10_000, 'dept_user');
      }),
      'user/get': get('contact', ({ query }) => {
        const { customerContact: _c, customerLimit: _l, dimissionTime: _d, ...user } = org.requireUser(query.get('userid') ?? '');
        return { ...user, main_department: user.department[0] };
      }),
      'externalcontact/list': get('customer', ({ query }) => {
        const user = org.requireUser(query.get('userid') ?? '');
        if (!user.customerContact) throw new FakeWecomError(84061, 'this employee has no customer contact');
        return { external_userid: org.customersOf(user.userid) };
      }),
      'externalcontact/get': get('customer', ({ query }) => {
        org.settle();
        const contact = org.contacts.get(query.get('external_userid') ?? '');
        if (!contact) throw new FakeWecomError(84062, 'external_userid is not a customer of this enterprise');
        const { followers, ...external_contact } = contact;
        return { external_contact, follow_user: followers };
      }),
      'externalcontact/transfer_customer': post('customer', ({ body }) => this.transfer('onjob', body)),
      'externalcontact/resigned/transfer_customer': post('customer', ({ body }) => this.transfer('resigned', body)),
      'externalcontact/transfer_result': post('customer', ({ body }) => this.transferResult('onjob', body)),
      'externalcontact/resigned/transfer_result': post('customer', ({ body }) => this.transferResult('resigned', body)),
      'externalcontact/get_unassigned_list': post('customer', ({ body }) => {
        const page = paged(org.unassigned(), body.cursor, Math.min(body.page_size ?? 1000, this.options.pageSize ?? 1000), 'info');
        return { ...page, is_last: page.next_cursor === '' };
      }),
      'externalcontact/groupchat/transfer': post('customer', ({ body }) => ({ failed_chat_list: org.transferGroups('resigned', body.chat_id_list, body.new_owner) })),
      'externalcontact/groupchat/onjob_transfer': post('customer', ({ body }) => ({ failed_chat_list: org.transferGroups('onjob', body.chat_id_list, body.new_owner) })),
      'msgaudit/get_permit_user_list': post('archive', () => ({ ids: org.permitUsers })),
      'msgaudit/check_single_agree': post('archive', ({ body }) => {
        if (!Array.isArray(body.info) || body.info.length === 0) throw new FakeWecomError(40058, 'invalid parameter: info must list userid/exteranalopenid pairs');
        const agreeinfo = body.info.flatMap((pair: { userid: string; exteranalopenid: string }) => {
          const state = org.singleAgree.get(`${pair.userid}|${pair.exteranalopenid}`);
          return state ? [{ userid: pair.userid, exteranalopenid: pair.exteranalopenid, ...state }] : [];
        });
        return { agreeinfo };
      }),
      'msgaudit/check_room_agree': post('archive', ({ body }) => ({ agreeinfo: org.roomAgree.get(body.roomid) ?? [] })),
      'externalcontact/groupchat/get': post('customer', ({ body }) => {
        const group = org.customerGroups.get(body.chat_id);
        if (!group) throw new FakeWecomError(90501, `not a customer group: ${body.chat_id}`);
        return { group_chat: { chat_id: group.chat_id, name: group.name, owner: group.owner, create_time: 0, member_list: group.member_list ?? [], admin_list: [] } };
      }),
      'msgaudit/groupchat/get': post('archive', ({ body }) => {
        const room = org.archivedRooms.get(body.roomid);
        if (!room) throw new FakeWecomError(40058, `invalid parameter: unknown roomid ${body.roomid}`);
        return room;
      }),
      'message/send': post('appMessage', ({ body }) => this.sendAppMessage(body)),
      'webhook/send': post(null, ({ query, body }) => this.sendRobotMessage(query.get('key') ?? '', body)),
    };
  }

  private issueToken(query: URLSearchParams): object {
    if (query.get('corpid') !== this.corpId) throw new FakeWecomError(40013, 'invalid corpid');
    const app = (Object.keys(this.secrets) as WecomApp[]).find((name) => this.secrets[name] === query.get('corpsecret'));
    if (!app) throw new FakeWecomError(40001, 'invalid secret');
    const token = `fake-token-${app}-${++this.issued}`;
    this.tokens.set(token, { app, expiresAt: this.clock.now() + TOKEN_LIFETIME_SEC * 1000 });
    return { access_token: token, expires_in: TOKEN_LIFETIME_SEC };
  }

  private departmentTree(rootId: string | null): object[] {
    const all = [...this.org.departments.values()];
    if (rootId === null || rootId === '') return all;
    const root = this.org.departments.get(Number(rootId));
    if (!root) throw new FakeWecomError(60123, `invalid department id ${rootId}`);
    const result = [root];
    for (let i = 0; i < result.length; i++) result.push(...all.filter((d) => d.parentid === result[i].id && d.id !== result[i].id));
    return result;
  }

  private transfer(kind: FakeTransfer['kind'], body: any): object {
    if (kind === 'resigned' && body.transfer_success_msg !== undefined) throw new FakeWecomError(40058, 'invalid parameter: resigned handover takes no transfer_success_msg');
    const results = this.org.transferCustomers(kind, body.handover_userid, body.takeover_userid, body.external_userid, body.transfer_success_msg);
    return { customer: results.map((result, i) => ({ external_userid: body.external_userid[i], errcode: result.errcode })) };
  }

  private transferResult(kind: FakeTransfer['kind'], body: any): object {
    const rows = this.org
      .transferResults(kind, body.handover_userid, body.takeover_userid)
      .map((t) => ({ external_userid: t.external_userid, status: t.status, takeover_time: t.takeover_time }));
    return paged(rows, body.cursor, this.options.pageSize ?? 1000, 'customer');
  }

  private sendAppMessage(body: any): object {
    if (body.agentid !== this.agentId) throw new FakeWecomError(40056, `invalid agentid ${body.agentid}`);
    const message = validAppMessage(body);
    const users: string[] = body.touser ? String(body.touser).split('|') : [];
    const invalid = users.filter((userid) => this.org.users.get(userid)?.status !== 1);
    if (!body.toparty && !body.totag && invalid.length === users.length) throw new FakeWecomError(81013, 'UserID, PartyID and TagID all invalid or unauthorised');
    this.appMessages.push({ agentid: body.agentid, touser: body.touser, toparty: body.toparty, totag: body.totag, msgtype: message.msgtype, body: message });
    return { invaliduser: invalid.join('|'), msgid: `fake-app-msg-${this.appMessages.length}` };
  }

  private sendRobotMessage(key: string, body: any): object {
    if (!this.robotKeys.has(key)) throw new FakeWecomError(93000, 'invalid webhook url: unknown key');
    const minuteAgo = this.clock.now() - 60_000;
    const recent = (this.robotSends.get(key) ?? []).filter((at) => at > minuteAgo);
    if (recent.length >= ROBOT_MESSAGES_PER_MINUTE) throw new FakeWecomError(45009, 'api freq out of limit: 20 messages per minute per robot');
    if (!validRobotMessage(body)) throw new FakeWecomError(40008, 'invalid message type or content');
    this.robotSends.set(key, [...recent, this.clock.now()]);
    this.robotMessages.push({ key, message: body });
    return {};
  }
}

/** Text up to 2048 bytes, markdown up to 4096, as the group-robot docs allow. */
function validRobotMessage(body: any): boolean {
  if (body.msgtype === 'text') return typeof body.text?.content === 'string' && Buffer.byteLength(body.text.content) <= 2048;
  if (body.msgtype === 'markdown') return typeof body.markdown?.content === 'string' && Buffer.byteLength(body.markdown.content) <= 4096;
  return false;
}

function validAppMessage(body: any): AppMessageBody {
  if (body.msgtype === 'textcard') {
    const card = body.textcard ?? {};
    if (typeof card.title !== 'string' || !card.title || Buffer.byteLength(card.title) > 128) throw new FakeWecomError(44004, 'textcard.title is empty or over 128 bytes');
    if (typeof card.description !== 'string' || !card.description || Buffer.byteLength(card.description) > 512) throw new FakeWecomError(44004, 'textcard.description is empty or over 512 bytes');
    if (typeof card.url !== 'string' || !card.url) throw new FakeWecomError(40058, 'invalid parameter: textcard.url is required');
    return { msgtype: 'textcard', textcard: card };
  }
  if (body.msgtype === 'markdown') {
    const content = body.markdown?.content;
    if (typeof content !== 'string' || !content || Buffer.byteLength(content) > 2048) throw new FakeWecomError(44004, 'markdown.content is empty or over 2048 bytes');
    return { msgtype: 'markdown', markdown: { content } };
  }
  throw new FakeWecomError(40008, `invalid message type ${body.msgtype}`);
}

/** WeCom's cursor paging; the fake's cursor is an opaque offset. */
function paged<T, K extends string>(rows: T[], cursor: unknown, size: number, field: K): Record<K, T[]> & { next_cursor: string } {
  const start = cursor ? Number(Buffer.from(String(cursor), 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new FakeWecomError(40058, 'invalid parameter: cursor');
  const end = start + size;
  const next_cursor = end < rows.length ? Buffer.from(String(end), 'utf8').toString('base64url') : '';
  return { [field]: rows.slice(start, end), next_cursor } as Record<K, T[]> & { next_cursor: string };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
