import { WecomHttp, type WecomApp, type WecomHttpOptions } from './wecom-http';
import type {
  AppMessageBody,
  AppMessageRecipients,
  AppMessageResult,
  GroupChatTransferRequest,
  GroupChatTransferResult,
  RobotMessage,
  TransferCustomerRequest,
  TransferCustomerResult,
  TransferResultPage,
  UnassignedPage,
  WecomAgreeInfo,
  WecomArchivedGroupChat,
  WecomCustomerGroupChat,
  WecomDepartment,
  WecomExternalContactDetail,
  WecomUser,
  WecomUserIdPage,
} from './wecom-api-types';

export interface WecomClientOptions extends WecomHttpOptions {
  /** The application that sends notifications (message/send). */
  agentId?: number;
}

/**
 * Typed WeCom HTTP APIs. Secrets are per application: `contact` for the directory, `customer` for
 * customer contact and handover (the 客户联系 secret or an app granted it), `archive` for the
 * chat-archive APIs, `appMessage` for the app that sends notifications.
 */
export class WecomClient {
  private readonly http: WecomHttp;

  constructor(private readonly options: WecomClientOptions) {
    this.http = new WecomHttp(options);
  }

  async listDepartments(id?: number): Promise<WecomDepartment[]> {
    return (await this.get<{ department: WecomDepartment[] }>('contact', 'department/list', { id })).department;
  }

  listUserIds(page: { cursor?: string; limit?: number } = {}): Promise<WecomUserIdPage> {
    return this.post('contact', 'user/list_id', { cursor: page.cursor, limit: page.limit ?? 10_000 });
  }

  getUser(userid: string): Promise<WecomUser> {
    return this.get('contact', 'user/get', { userid });
  }

  async listExternalContacts(userid: string): Promise<string[]> {
    return (await this.get<{ external_userid: string[] }>('customer', 'externalcontact/list', { userid })).external_userid;
  }

  getExternalContact(externalUserId: string, cursor?: string): Promise<WecomExternalContactDetail> {
    return this.get('customer', 'externalcontact/get', { external_userid: externalUserId, cursor });
  }

  /** A customer group with its owner and members; change_external_chat callbacks name only the group. */
  async getCustomerGroupChat(chatId: string): Promise<WecomCustomerGroupChat> {
    return (await this.post<{ group_chat: WecomCustomerGroupChat }>('customer', 'externalcontact/groupchat/get', { chat_id: chatId, need_name: 0 })).group_chat;
  }

  /** In-service handover: the customer has 24 h to refuse; at most twice per customer in 90 days. */
  transferCustomer(request: TransferCustomerRequest): Promise<TransferCustomerResult> {
    return this.post('customer', 'externalcontact/transfer_customer', request);
  }

  /** Handover of a departed employee's customers. */
  transferResignedCustomer(request: Omit<TransferCustomerRequest, 'transfer_success_msg'>): Promise<TransferCustomerResult> {
    return this.post('customer', 'externalcontact/resigned/transfer_customer', request);
  }

  getUnassignedList(page: { cursor?: string; page_size?: number } = {}): Promise<UnassignedPage> {
    return this.post('customer', 'externalcontact/get_unassigned_list', page);
  }

  transferResult(query: { handover_userid: string; takeover_userid: string; cursor?: string }): Promise<TransferResultPage> {
    return this.post('customer', 'externalcontact/transfer_result', query);
  }

  resignedTransferResult(query: { handover_userid: string; takeover_userid: string; cursor?: string }): Promise<TransferResultPage> {
    return this.post('customer', 'externalcontact/resigned/transfer_result', query);
  }

  /** Groups whose owner left. */
  transferResignedGroupChats(request: GroupChatTransferRequest): Promise<GroupChatTransferResult> {
    return this.post('customer', 'externalcontact/groupchat/transfer', request);
  }

  transferOnJobGroupChats(request: GroupChatTransferRequest): Promise<GroupChatTransferResult> {
    return this.post('customer', 'externalcontact/groupchat/onjob_transfer', request);
  }

  /** Employees whose chats are archived; type 1 office, 2 service, 3 enterprise edition, absent for all. */
  async getPermitUserList(type?: 1 | 2 | 3): Promise<string[]> {
    return (await this.post<{ ids: string[] }>('archive', 'msgaudit/get_permit_user_list', type === undefined ? {} : { type })).ids;
  }

  async checkSingleAgree(pairs: { userid: string; exteranalopenid: string }[]): Promise<WecomAgreeInfo[]> {
    return (await this.post<{ agreeinfo: WecomAgreeInfo[] }>('archive', 'msgaudit/check_single_agree', { info: pairs })).agreeinfo;
  }

  async checkRoomAgree(roomid: string): Promise<WecomAgreeInfo[]> {
    return (await this.post<{ agreeinfo: WecomAgreeInfo[] }>('archive', 'msgaudit/check_room_agree', { roomid })).agreeinfo;
  }

  /** An internal group chat seen in the archive. */
  getArchivedGroupChat(roomid: string): Promise<WecomArchivedGroupChat> {
    return this.post('archive', 'msgaudit/groupchat/get', { roomid });
  }

  async sendAppMessage(recipients: AppMessageRecipients, message: AppMessageBody): Promise<AppMessageResult> {
    if (this.options.agentId === undefined) throw new Error('WecomClient needs agentId to send application messages');
    return this.post('appMessage', 'message/send', {
      touser: recipients.touser?.join('|'),
      toparty: recipients.toparty?.join('|'),
      totag: recipients.totag?.join('|'),
      agentid: this.options.agentId,
      ...message,
    });
  }

  /** Group-robot webhook; the key is a credential like a secret. */
  async sendRobotMessage(key: string, message: RobotMessage): Promise<void> {
    await this.http.callWithoutToken({ api: 'webhook/send', method: 'POST', query: { key }, body: message });
  }

  private get<T>(app: WecomApp, api: string, query: Record<string, string | number | undefined>): Promise<T> {
    return this.http.call<T>(app, { api, method: 'GET', query });
  }

  private post<T>(app: WecomApp, api: string, body: unknown): Promise<T> {
    return this.http.call<T>(app, { api, method: 'POST', body });
  }
}
