/* Request and response shapes of the WeCom HTTP APIs we call, with WeCom's own field names. */

export interface WecomDepartment {
  id: number;
  name: string;
  name_en?: string;
  department_leader?: string[];
  parentid: number;
  order?: number;
}

export interface WecomUserIdPage {
  next_cursor: string;
  dept_user: { userid: string; department: number }[];
}

export interface WecomUser {
  userid: string;
  name: string;
  department: number[];
  main_department?: number;
  position?: string;
  mobile?: string;
  email?: string;
  /** The corp mailbox WeCom hosts, when it hosts one. */
  biz_mail?: string;
  /** 1 active, 2 disabled, 4 not yet activated, 5 left the enterprise. */
  status: number;
  /** The userids this employee reports to (直属上级). */
  direct_leader?: string[];
}

export interface WecomExternalContactDetail {
  external_contact: {
    external_userid: string;
    name: string;
    /** 1 a WeChat user, 2 a WeCom user. */
    type: number;
    avatar?: string;
    gender?: number;
    unionid?: string;
    corp_name?: string;
  };
  follow_user: {
    userid: string;
    remark?: string;
    description?: string;
    createtime: number;
    state?: string;
    add_way?: number;
    oper_userid?: string;
  }[];
  next_cursor?: string;
}

export interface WecomAgreeInfo {
  status_change_time: number;
  userid?: string;
  /** Spelled this way in WeCom's API. */
  exteranalopenid: string;
  agree_status: 'Agree' | 'Disagree';
}

/** A customer group (客户群) as externalcontact/groupchat/get describes it. */
export interface WecomCustomerGroupChat {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  /** type 1 an employee of the corp, 2 an external contact. */
  member_list: { userid: string; type: 1 | 2; join_time: number }[];
}

export interface WecomArchivedGroupChat {
  roomname: string;
  creator: string;
  room_create_time: number;
  notice: string;
  members: { memberid: string; jointime: number }[];
}

export interface TransferCustomerRequest {
  handover_userid: string;
  takeover_userid: string;
  /** At most 100 per call. */
  external_userid: string[];
  /** At most 200 characters, shown to the customer; WeCom's default text when absent. */
  transfer_success_msg?: string;
}

/** errcode 0 means the 24-hour handover started, not that it succeeded. */
export interface TransferCustomerResult {
  customer: { external_userid: string; errcode: number }[];
}

export interface UnassignedPage {
  info: { handover_userid: string; external_userid: string; dimission_time: number }[];
  is_last: boolean;
  next_cursor: string;
}

/** 1 taken over, 2 waiting, 3 refused by the customer, 4 the taker is at the customer limit, 5 no handover record. */
export type TransferStatus = 1 | 2 | 3 | 4 | 5;

export interface TransferResultPage {
  customer: { external_userid: string; status: TransferStatus; takeover_time: number }[];
  next_cursor: string;
}

export interface GroupChatTransferRequest {
  /** 1 to 100 group chat ids. */
  chat_id_list: string[];
  new_owner: string;
}

export interface GroupChatTransferResult {
  failed_chat_list: { chat_id: string; errcode: number; errmsg: string }[];
}

export interface AppMessageRecipients {
  touser?: string[];
  toparty?: string[];
  totag?: string[];
}

export type AppMessageBody =
  | { msgtype: 'textcard'; textcard: { title: string; description: string; url: string; btntxt?: string } }
  | { msgtype: 'markdown'; markdown: { content: string } };

export interface AppMessageResult {
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  msgid: string;
}

export type RobotMessage =
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: 'markdown'; markdown: { content: string } };
