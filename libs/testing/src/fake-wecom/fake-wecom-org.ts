import type { TransferStatus, WecomAgreeInfo, WecomArchivedGroupChat } from '@chatvault/wecom';
import { DAY_MS, HOUR_MS, type FakeClock } from './fake-clock';

export interface FakeDepartment {
  id: number;
  name: string;
  parentid: number;
  order?: number;
  department_leader?: string[];
}

export interface FakeUser {
  userid: string;
  name: string;
  department: number[];
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  status: 1 | 2 | 4 | 5;
  /** Has the customer-contact feature, so may own and take over customers. */
  customerContact?: boolean;
  /** How many customers this employee may have; a handover to someone at the limit ends in status 4. */
  customerLimit?: number;
  /** Set when status is 5. */
  dimissionTime?: number;
  /** 直属上级, as user/get returns it. */
  direct_leader?: string[];
  email?: string;
  /** The corp mailbox WeCom hosts. */
  biz_mail?: string;
}

export interface FakeExternalContact {
  external_userid: string;
  name: string;
  type: 1 | 2;
  /** Type 2 (a WeCom user of another corp) only. */
  corp_name?: string;
  followers: { userid: string; createtime: number; remark?: string; state?: string }[];
}

export interface FakeCustomerGroup {
  chat_id: string;
  name: string;
  owner: string;
  /** type 1 an employee, 2 an external contact. */
  member_list?: { userid: string; type: 1 | 2; join_time: number }[];
}

export interface FakeTransfer {
  kind: 'onjob' | 'resigned';
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  startedAt: number;
  status: TransferStatus;
  takeover_time: number;
}

/** WeCom's answer to one item of a batch: 0 or the errcode for that item. */
export type ItemResult = { errcode: number; errmsg: string };

/** An error WeCom would return for the whole request. */
export class FakeWecomError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

const REFUSAL_WINDOW_MS = 24 * HOUR_MS;
const TRANSFER_WINDOW_MS = 90 * DAY_MS;
const MAX_ONJOB_TRANSFERS_IN_WINDOW = 2;

/**
 * An enterprise's directory, customers, groups and archive consent, with WeCom's handover rules:
 * a handover waits 24 h during which the customer may refuse, an in-service customer moves at most
 * twice in 90 days, a resigned employee's customers wait in the unassigned list.
 */
export class FakeWecomOrg {
  readonly departments = new Map<number, FakeDepartment>();
  readonly users = new Map<string, FakeUser>();
  readonly contacts = new Map<string, FakeExternalContact>();
  readonly customerGroups = new Map<string, FakeCustomerGroup>();
  readonly archivedRooms = new Map<string, WecomArchivedGroupChat>();
  readonly permitUsers: string[] = [];
  /** Consent per `${userid}|${external id}` for one-to-one chats. */
  readonly singleAgree = new Map<string, Omit<WecomAgreeInfo, 'userid' | 'exteranalopenid'>>();
  readonly roomAgree = new Map<string, WecomAgreeInfo[]>();
  readonly transfers: FakeTransfer[] = [];

  constructor(readonly clock: FakeClock) {}

  addDepartment(department: FakeDepartment): this {
    this.departments.set(department.id, department);
    return this;
  }

  addUser(user: FakeUser): this {
    this.users.set(user.userid, { customerContact: true, ...user });
    return this;
  }

  /** The employee leaves: their customers appear in the unassigned list. */
  resign(userid: string): void {
    const user = this.requireUser(userid);
    user.status = 5;
    user.dimissionTime = Math.floor(this.clock.now() / 1000);
  }

  addContact(contact: Omit<FakeExternalContact, 'followers'>, followers: string[]): this {
    const createtime = Math.floor(this.clock.now() / 1000);
    this.contacts.set(contact.external_userid, { ...contact, followers: followers.map((userid) => ({ userid, createtime })) });
    return this;
  }

  addCustomerGroup(group: FakeCustomerGroup): this {
    this.customerGroups.set(group.chat_id, group);
    return this;
  }

  customersOf(userid: string): string[] {
    this.settle();
    return [...this.contacts.values()].filter((c) => c.followers.some((f) => f.userid === userid)).map((c) => c.external_userid);
  }

  transferCustomers(kind: FakeTransfer['kind'], handover: string, takeover: string, externalIds: unknown, message?: unknown): ItemResult[] {
    this.settle();
    if (!Array.isArray(externalIds) || externalIds.length === 0 || externalIds.length > 100) {
      throw new FakeWecomError(40058, 'invalid parameter: external_userid must list 1 to 100 customers');
    }
    if (message !== undefined && (typeof message !== 'string' || [...message].length > 200)) {
      throw new FakeWecomError(40058, 'invalid parameter: transfer_success_msg is longer than 200 characters');
    }
    const from = this.requireUser(handover);
    const to = this.requireUser(takeover);
    if (kind === 'resigned' && from.status !== 5) throw new FakeWecomError(40097, 'handover_userid has not left the enterprise');
    if (to.status !== 1 || !to.customerContact) throw new FakeWecomError(84083, 'takeover_userid must be active with customer contact enabled');
    return externalIds.map((id) => this.startTransfer(kind, handover, takeover, String(id)));
  }

  /** The customer refuses an in-service handover within the 24-hour window. */
  refuseTransfer(externalUserId: string): void {
    this.settle();
    const transfer = this.pendingTransfer(externalUserId);
    if (!transfer || transfer.kind !== 'onjob') throw new Error(`no pending in-service handover of ${externalUserId} to refuse`);
    transfer.status = 3;
    transfer.takeover_time = 0;
  }

  /** Ends a pending handover now with any status, without waiting for the clock. */
  completeTransfer(externalUserId: string, status: TransferStatus): void {
    const transfer = this.pendingTransfer(externalUserId);
    if (!transfer) throw new Error(`no pending handover of ${externalUserId}`);
    this.finish(transfer, status);
  }

  transferResults(kind: FakeTransfer['kind'], handover: string, takeover: string): FakeTransfer[] {
    this.settle();
    return this.transfers.filter((t) => t.kind === kind && t.handover_userid === handover && t.takeover_userid === takeover);
  }

  unassigned(): { handover_userid: string; external_userid: string; dimission_time: number }[] {
    this.settle();
    const rows = [];
    for (const user of this.users.values()) {
      if (user.status !== 5) continue;
      for (const externalId of this.customersOf(user.userid)) {
        const handedOver = this.transfers.some((t) => t.kind === 'resigned' && t.external_userid === externalId && t.handover_userid === user.userid && (t.status === 1 || t.status === 2));
        if (!handedOver) rows.push({ handover_userid: user.userid, external_userid: externalId, dimission_time: user.dimissionTime ?? 0 });
      }
    }
    return rows;
  }

  transferGroups(kind: FakeTransfer['kind'], chatIds: unknown, newOwner: string): { chat_id: string; errcode: number; errmsg: string }[] {
    if (!Array.isArray(chatIds) || chatIds.length === 0 || chatIds.length > 100) {
      throw new FakeWecomError(40058, 'invalid parameter: chat_id_list must list 1 to 100 groups');
    }
    const owner = this.requireUser(newOwner);
    if (owner.status !== 1) throw new FakeWecomError(40058, 'invalid parameter: new_owner must be an active employee');
    const failed = [];
    for (const chatId of chatIds.map(String)) {
      const group = this.customerGroups.get(chatId);
      const currentOwner = group && this.users.get(group.owner);
      if (!group) failed.push({ chat_id: chatId, errcode: 90501, errmsg: 'not a customer group' });
      else if (kind === 'resigned' && currentOwner?.status !== 5) failed.push({ chat_id: chatId, errcode: 90500, errmsg: 'the group owner has not left' });
      else if (kind === 'onjob' && currentOwner?.status === 5) failed.push({ chat_id: chatId, errcode: 90502, errmsg: 'the group owner has left: use groupchat/transfer' });
      else group.owner = newOwner;
    }
    return failed;
  }

  requireUser(userid: string): FakeUser {
    const user = this.users.get(userid);
    if (!user) throw new FakeWecomError(60111, `userid not found: ${userid}`);
    return user;
  }

  /** Applies every handover whose 24-hour window has passed. */
  settle(): void {
    for (const transfer of this.transfers) {
      if (transfer.status === 2 && this.clock.now() >= transfer.startedAt + REFUSAL_WINDOW_MS) {
        const taker = this.users.get(transfer.takeover_userid);
        const atLimit = taker?.customerLimit !== undefined && this.followedCount(taker.userid) >= taker.customerLimit;
        this.finish(transfer, atLimit ? 4 : 1);
      }
    }
  }

  private startTransfer(kind: FakeTransfer['kind'], handover: string, takeover: string, externalId: string): ItemResult {
    const contact = this.contacts.get(externalId);
    if (!contact) return { errcode: 40096, errmsg: 'invalid external_userid' };
    if (handover === takeover) return { errcode: 40130, errmsg: 'handover and takeover are the same employee' };
    if (!contact.followers.some((f) => f.userid === handover)) return { errcode: 40131, errmsg: 'handover_userid does not follow this customer' };
    if (this.pendingTransfer(externalId)) return { errcode: 40129, errmsg: 'this customer is already being handed over' };
    if (kind === 'onjob') {
      const recent = this.transfers.filter((t) => t.kind === 'onjob' && t.external_userid === externalId && t.startedAt > this.clock.now() - TRANSFER_WINDOW_MS);
      if (recent.length >= MAX_ONJOB_TRANSFERS_IN_WINDOW) return { errcode: 40128, errmsg: 'customer handed over too often: at most twice in 90 days' };
    }
    const startedAt = this.clock.now();
    this.transfers.push({ kind, handover_userid: handover, takeover_userid: takeover, external_userid: externalId, startedAt, status: 2, takeover_time: Math.floor((startedAt + REFUSAL_WINDOW_MS) / 1000) });
    return { errcode: 0, errmsg: 'ok' };
  }

  private pendingTransfer(externalUserId: string): FakeTransfer | undefined {
    return this.transfers.find((t) => t.external_userid === externalUserId && t.status === 2);
  }

  private finish(transfer: FakeTransfer, status: TransferStatus): void {
    transfer.status = status;
    if (status !== 1) {
      transfer.takeover_time = 0;
      return;
    }
    const contact = this.contacts.get(transfer.external_userid)!;
    const handed = contact.followers.find((f) => f.userid === transfer.handover_userid);
    contact.followers = contact.followers.filter((f) => f.userid !== transfer.handover_userid && f.userid !== transfer.takeover_userid);
    contact.followers.push({ ...handed, userid: transfer.takeover_userid, createtime: transfer.takeover_time });
  }

  private followedCount(userid: string): number {
    return [...this.contacts.values()].filter((c) => c.followers.some((f) => f.userid === userid)).length;
  }
}
