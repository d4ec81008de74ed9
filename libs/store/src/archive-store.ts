import type { AlertChannelInput, AlertResolution, AlertRouteInput, AlertStatus, CaptureProblemKind, ChatMessage, ReadScope, Severity } from '@chatvault/contracts';

export interface ArchivedMessageRecord {
  message: ChatMessage;
  /** The record exactly as received. */
  rawJson: string;
  /** SHA-256 (hex) of rawJson. */
  contentHash: string;
  source: string;
  /** ms since epoch */
  archivedAt: number;
  /**
   * The msgid of the recall that took this message back, once one arrived. The message itself stays
   * archived as it was; this mark comes later, so it is not part of the record's tamper-evidence hash.
   */
  recalledBy?: string;
}

export interface MessageArchive {
  /**
   * Inserts the records whose (corpId, msgid) is not archived yet, in one transaction, and
   * returns the msgids it inserted; a record already archived is left untouched.
   */
  insertNew(records: readonly ArchivedMessageRecord[]): Promise<Set<string>>;
  /** Which of these msgids are archived for the corp. */
  existing(corpId: string, msgids: readonly string[]): Promise<Set<string>>;
  find(corpId: string, msgid: string): Promise<ArchivedMessageRecord | null>;
  /** Marks a message recalled by the given recall; false when it is not archived or already marked. */
  markRecalled(corpId: string, msgid: string, recallMsgid: string): Promise<boolean>;
  /**
   * The conversation around an archived message: up to `count` messages before it, the message and up to
   * `count` after it, oldest first; empty when the msgid is not archived.
   */
  around(corpId: string, msgid: string, count: number): Promise<ArchivedMessageRecord[]>;
  count(corpId?: string): Promise<number>;
  /** The corp's records with fromMs <= msgtime < toMs, in (msgtime, msgid) order. */
  listBetween(corpId: string, fromMs: number, toMs: number): Promise<ArchivedMessageRecord[]>;
  /** The corps with at least one record with fromMs <= msgtime < toMs, sorted. */
  corpsBetween(fromMs: number, toMs: number): Promise<string[]>;
  /** The corp's records with fromMs <= msgtime < toMs. */
  countBetween(corpId: string, fromMs: number, toMs: number): Promise<number>;
}

/** One archived record's link in its corp-day hash chain. */
export interface ChainEntry {
  corpId: string;
  /** YYYY-MM-DD, China business day (UTC+8). */
  day: string;
  /** 0-based, in (msgtime, msgid) order. */
  position: number;
  msgid: string;
  /** SHA-256 (hex) of the record's canonical bytes. */
  recordHash: string;
  /** SHA-256 (hex) of the previous chain hash and this record hash. */
  chainHash: string;
}

/** The closing of a corp-day's chain. */
export interface DaySeal {
  corpId: string;
  day: string;
  recordCount: number;
  /** Hex Merkle root over the day's record hashes. */
  merkleRoot: string;
  lastChainHash: string;
  /** ms since epoch */
  sealedAt: number;
}

/**
 * Records of a sealed corp-day that arrived after its seal (a pull that lagged past midnight, an
 * import of history), closed the same way: their entries continue the day's chain, and their own
 * Merkle root is stored and published.
 */
export interface DayAmendment {
  corpId: string;
  day: string;
  /** 1 for the first amendment of the day. */
  amendment: number;
  /** The chain position of its first record. */
  firstPosition: number;
  recordCount: number;
  merkleRoot: string;
  lastChainHash: string;
  /** ms since epoch */
  sealedAt: number;
}

export interface ArchiveChain {
  /**
   * Stores the seal and its entries in one transaction unless the corp-day is sealed already, and
   * returns the seal that stands (the existing one, with created false, when it was).
   */
  sealDay(seal: DaySeal, entries: readonly ChainEntry[]): Promise<{ seal: DaySeal; created: boolean }>;
  findSeal(corpId: string, day: string): Promise<DaySeal | null>;
  /** In position order, amendments' entries included. */
  entries(corpId: string, day: string): Promise<ChainEntry[]>;
  /**
   * Stores the amendment and its entries in one transaction unless that amendment number exists
   * already for the corp-day; created false (and nothing stored) when it does.
   */
  amendDay(amendment: DayAmendment, entries: readonly ChainEntry[]): Promise<{ amendment: DayAmendment; created: boolean }>;
  /** In amendment order. */
  amendments(corpId: string, day: string): Promise<DayAmendment[]>;
  /** The corp's seals of days on or after `sinceDay`, in day order. */
  sealsSince(corpId: string, sinceDay: string): Promise<DaySeal[]>;
}

export interface AlertRecord {
  alertId: string;
  /** The id of the hit that opened the alert. */
  dedupKey: string;
  /** Hits with the same group key (employee, rule, conversation) within the grouping window share one alert. */
  groupKey: string;
  corpId: string;
  employeeId: string;
  conversationId: string;
  ruleId: string;
  category: string;
  severity: Severity;
  /** The alerted messages, first ones first, at most ALERT_MSGIDS_KEPT of them: the hits list them all. */
  msgids: string[];
  excerpt: string;
  policyId: string;
  policyVersion: number;
  status: string;
  /** ms since epoch */
  createdAt: number;
}

/** Where an alert stands in its review; `version` grows with every transition (optimistic locking). */
export interface AlertReview {
  status: AlertStatus;
  version: number;
  assignee: string | null;
  resolution: AlertResolution | null;
  /** ms since epoch */
  updatedAt: number;
  hitCount: number;
  /** ms since epoch */
  lastHitAt: number;
}

/** One hit filed under an alert. */
export interface AlertHitRecord {
  hitId: string;
  alertId: string;
  /** '' for hits raised by events rather than messages. */
  msgid: string;
  severity: Severity;
  excerpt: string;
  policyVersion: number;
  /** ms since epoch */
  at: number;
}

export interface HitToFile {
  /** The alert the hit opens when its group has no open alert. */
  alert: AlertRecord;
  hit: Omit<AlertHitRecord, 'alertId'>;
  /** An unresolved alert of the group takes the hit only if its last hit came at or after this time. */
  openSince: number;
  /** The alert's severity once it holds `hitCount` hits, the worst of them `worst`. */
  severityOf(hitCount: number, worst: Severity): Severity;
}

export interface FiledHit {
  /** `duplicate`: the hit was filed before and nothing changed. */
  outcome: 'opened' | 'joined' | 'duplicate';
  alert: ReviewedAlert;
}

export type ReviewedAlert = Omit<AlertRecord, 'status'> & AlertReview;

export interface AlertChange {
  to: AlertStatus;
  actor: string;
  reason: string;
  /** ms since epoch */
  at: number;
  /** Left as it is when absent. */
  assignee?: string;
  resolution?: AlertResolution;
}

export interface AlertTransitionRecord {
  id: string;
  alertId: string;
  from: AlertStatus;
  to: AlertStatus;
  actor: string;
  reason: string;
  /** ms since epoch */
  at: number;
}

export interface AlertCommentRecord {
  id: string;
  alertId: string;
  author: string;
  body: string;
  /** ms since epoch */
  at: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface AlertListQuery {
  corpId?: string;
  /** Only alerts whose employee is in scope; absent: no restriction. */
  within?: ReadScope;
  offset: number;
  limit: number;
}

export interface AlertStore {
  /**
   * Files a hit under the open alert of its group, or opens `alert` (at version 1) with it, in one
   * transaction. Review versions are left alone: a reviewer's pending change stays valid as hits arrive.
   */
  fileHit(toFile: HitToFile): Promise<FiledHit>;
  /** Oldest first. */
  hits(alertId: string): Promise<AlertHitRecord[]>;
  /** Newest first. */
  list(query: AlertListQuery): Promise<Page<ReviewedAlert>>;
  count(corpId?: string): Promise<number>;
  find(alertId: string): Promise<ReviewedAlert | null>;
  /**
   * Moves the alert to `change.to` and records the transition, in one transaction, only if the alert is
   * still at `expectedVersion`: a StoreError `stale_version` (code conflict) otherwise, `alert_not_found`
   * (code not_found) for an unknown alert. Which moves are allowed is the caller's business.
   */
  transition(alertId: string, expectedVersion: number, change: AlertChange): Promise<ReviewedAlert>;
  /** Oldest first. */
  transitions(alertId: string): Promise<AlertTransitionRecord[]>;
  /** StoreError `alert_not_found` for an unknown alert. */
  addComment(comment: AlertCommentRecord): Promise<void>;
  /** Oldest first. */
  comments(alertId: string): Promise<AlertCommentRecord[]>;
  /** Alerts of a severity in one of the statuses, raised before the time, oldest first. */
  raisedBefore(query: { severity: Severity; statuses: readonly AlertStatus[]; createdBefore: number; limit: number }): Promise<ReviewedAlert[]>;
}

/**
 * What a key may reach: for reader and reviewer keys, alerts and archived messages of the employees in
 * scope; for ingest keys, the corps whose records it may post. Absent parts do not restrict; a
 * department includes every department below it in the directory's tree.
 */
export interface ApiKeyScope {
  corpIds?: string[];
  /** Departments of the scope's corps (departments are numbered per corp). */
  departmentIds?: string[];
}

/** Stored as given: the column is text, so a role needs no migration. */
export const API_KEY_ROLES = ['admin', 'reviewer', 'reader', 'ingest'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** SHA-256 (hex) of the key: the key itself is never stored. */
  keyHash: string;
  role: ApiKeyRole;
  /** Null: everything its role may reach. */
  scope: ApiKeyScope | null;
  /** ms since epoch */
  createdAt: number;
  /** Revoked keys are kept, so the audit log's actors stay named; null while the key works. */
  revokedAt: number | null;
  revokedBy: string | null;
}

export type NewApiKey = Omit<ApiKeyRecord, 'scope' | 'revokedAt' | 'revokedBy'> & { scope?: ApiKeyScope | null };

export interface ApiKeyStore {
  insert(key: NewApiKey): Promise<void>;
  /** Revoked keys too: the caller tells a revoked key from an unknown one. */
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Revoked ones included, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /**
   * Marks the key revoked unless it is already (the first revocation stands) and returns it as stored
   * afterwards; null for an unknown id.
   */
  revoke(id: string, revokedBy: string, at: number): Promise<ApiKeyRecord | null>;
  count(): Promise<number>;
}

export interface AuditEntry {
  id: string;
  actorKeyId: string;
  actorName: string;
  action: string;
  /** JSON object describing what was read. */
  details: string;
  sourceIp: string;
  /** ms since epoch */
  at: number;
}

/** Who read what: reads of archived content are themselves supervised. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: { offset: number; limit: number }): Promise<Page<AuditEntry>>;
}

/** A chat-archive record as GetChatData returned it, still encrypted, under the SDK's field names. */
export interface EnvelopeInput {
  seq: number;
  msgid: string;
  publickey_ver: number;
  encrypt_random_key: string;
  encrypt_chat_msg: string;
}

export type EnvelopeState = 'pending' | 'decrypted' | 'failed';

export interface StoredEnvelope extends EnvelopeInput {
  corpId: string;
  state: EnvelopeState;
  attempts: number;
  lastError: string | null;
  /** ms since epoch */
  nextAttemptAt: number;
}

/**
 * The chat-archive puller's durable state: envelopes are kept before decryption and the cursor only
 * moves past what is stored, so a crash at any point loses no record.
 */
export interface EnvelopeStore {
  /**
   * In one transaction: stores the envelopes as pending (one already stored is left as it is) and
   * moves the corp's cursor to their largest seq (never backwards).
   */
  storeBatch(corpId: string, envelopes: readonly EnvelopeInput[], now: number): Promise<void>;
  /** The seq to pull after: 0 before the first batch. */
  cursor(corpId: string): Promise<number>;
  /** Pending or failed envelopes whose next attempt is due, lowest seq first. */
  due(corpId: string, now: number, limit: number): Promise<StoredEnvelope[]>;
  markDecrypted(corpId: string, seqs: readonly number[]): Promise<void>;
  /** Records the failure and when to try again; returns the attempts made so far. */
  markFailed(corpId: string, seq: number, error: string, nextAttemptAt: number): Promise<number>;
  /** How many envelopes of the corp are in the state. */
  countByState(corpId: string, state: EnvelopeState): Promise<number>;
  /** The corp's envelopes stored with fromMs <= storedAt < toMs, counted by the state they are in now. */
  storedBetween(corpId: string, fromMs: number, toMs: number): Promise<Record<EnvelopeState, number>>;
}

/** A shortfall ingest reported (archive.capture.problem.v1), kept so it can be listed and reconciled. */
export interface CaptureProblemRecord {
  eventId: string;
  corpId: string;
  kind: CaptureProblemKind;
  detail: string;
  seqFrom: number | null;
  seqTo: number | null;
  msgid: string | null;
  /** Records or files concerned. */
  count: number;
  /** ms since epoch */
  occurredAt: number;
}

/** What one source delivered to the archiver on one China business day. */
export interface ReceivedCounts {
  source: string;
  /** Archived for the first time. */
  archived: number;
  /** Delivered again after they were archived: absorbed, not archived twice. */
  duplicate: number;
}

export interface CaptureProblemQuery {
  corpId?: string;
  kind?: CaptureProblemKind;
  /**
   * Only problems of the corps the scope takes in whole (no `userids`): a problem concerns no single
   * employee, as alerts about no employee. Absent: no restriction.
   */
  within?: ReadScope;
  offset: number;
  limit: number;
}

/** The evidence that the archive captured everything: problems, and what each day received. */
export interface CaptureLedger {
  /** False when a problem with this eventId is recorded already. */
  recordProblem(problem: CaptureProblemRecord): Promise<boolean>;
  /** Newest first. */
  problems(query: CaptureProblemQuery): Promise<Page<CaptureProblemRecord>>;
  /** Records (sum of `count`) per kind of the corp's problems with fromMs <= occurredAt < toMs. */
  problemTotals(corpId: string, fromMs: number, toMs: number): Promise<Partial<Record<CaptureProblemKind, number>>>;
  /** Counts deliveries of messages archived (or on their way to the archive) already. */
  addDuplicates(corpId: string, day: string, source: string, count: number): Promise<void>;
  /** What each source delivered on the day (archivedAt within it), sorted by source. */
  received(corpId: string, day: string): Promise<ReceivedCounts[]>;
  /** Corps that archived or received anything, stored envelopes or had problems on the day, sorted. */
  corpsActiveOn(day: string): Promise<string[]>;
}

export interface PolicyVersionRecord {
  policyId: string;
  version: number;
  enabled: boolean;
  /** The policy document as JSON, exactly as saved. */
  document: string;
  savedBy: string;
  /** ms since epoch */
  savedAt: number;
}

/** Policies as compliance staff edit them: each save is a new version, none is overwritten. */
export interface PolicyStore {
  /** The newest version of every policy. */
  current(): Promise<PolicyVersionRecord[]>;
  /** Every version of one policy, newest first; empty for an unknown policy. */
  history(policyId: string): Promise<PolicyVersionRecord[]>;
  /**
   * Saves a version that must directly follow the policy's newest one (1 for a new policy); false
   * when it does not, e.g. because another editor saved that version first.
   */
  saveVersion(record: PolicyVersionRecord): Promise<boolean>;
}

/** `no-source`: no archive SDK for the corp (messages that came through the HTTP batch endpoint). */
export type MediaState = 'stored' | 'failed' | 'no-source';

/** One media file of an archived message, by its position in the message's `media[]`. */
export interface MessageMediaRecord {
  corpId: string;
  msgid: string;
  index: number;
  sdkfileid: string;
  state: MediaState;
  /** Content address in the object store, once stored. */
  sha256: string | null;
  size: number | null;
  /** As the message gave it; empty when it gave none. */
  md5: string;
  /** Sniffed from the bytes, once stored. */
  contentType: string | null;
  /** Why it is not stored. */
  error: string | null;
  /** ms since epoch */
  updatedAt: number;
}

/** One media file of one message, as a map key. */
export function mediaFileKey(corpId: string, msgid: string, index: number): string {
  return JSON.stringify([corpId, msgid, index]);
}

export interface MediaStore {
  /**
   * Records the outcome for each media file, all in one round trip, and returns what is recorded
   * afterwards, in the order given: a file once stored stays stored, so a late failure (a
   * redelivery, a second fetcher) never hides its bytes.
   */
  save(records: readonly MessageMediaRecord[]): Promise<MessageMediaRecord[]>;
  find(corpId: string, msgid: string, index: number): Promise<MessageMediaRecord | null>;
  /** The files of these messages, by msgid and then in `media[]` order. */
  list(corpId: string, msgids: readonly string[]): Promise<MessageMediaRecord[]>;
}

/** A channel as saved: secrets included, so only alerting and the API's masking code read it whole. */
export type AlertChannelRecord = AlertChannelInput & {
  id: string;
  /** Starts at 1; each save must name the version it replaces. */
  version: number;
  /** ms since epoch */
  updatedAt: number;
  updatedBy: string;
};

export type AlertRouteRecord = AlertRouteInput & { id: string; version: number; updatedAt: number; updatedBy: string };

/**
 * pending: handed to the sender; sent; failed: retries exhausted, dead-lettered; held: quiet hours,
 * left for the digest; throttled: over the recipient's limit, left for the next summary.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'held' | 'throttled';

/** One notification of one alert (or summary, or digest) on one channel to one recipient. */
export interface AlertDeliveryRecord {
  deliveryId: string;
  /** Null for summaries and digests. */
  alertId: string | null;
  corpId: string;
  channelId: string;
  /** A userid, a mailbox, or '' for an endpoint channel. */
  recipient: string;
  kind: 'alert' | 'summary' | 'digest';
  /** The alert's, kept here so summaries and digests count without reading every alert. */
  severity: Severity;
  category: string;
  employeeId: string;
  status: DeliveryStatus;
  attempts: number;
  /** Why the last attempt failed. */
  error: string | null;
  /** The summary or digest that took this held or throttled delivery in. */
  coveredBy: string | null;
  /** ms since epoch */
  createdAt: number;
  updatedAt: number;
}

/** Channels and routes compliance staff configure, and what was delivered where. */
export interface AlertRouting {
  /** Creates (expectedVersion 0) or replaces; StoreError `stale_version` when another save came first. */
  saveChannel(channel: AlertChannelRecord, expectedVersion: number): Promise<AlertChannelRecord>;
  findChannel(id: string): Promise<AlertChannelRecord | null>;
  /** By name. */
  listChannels(): Promise<AlertChannelRecord[]>;
  /** False when there was none. */
  deleteChannel(id: string): Promise<boolean>;
  saveRoute(route: AlertRouteRecord, expectedVersion: number): Promise<AlertRouteRecord>;
  findRoute(id: string): Promise<AlertRouteRecord | null>;
  /** Every corp's when none is named; by name. */
  listRoutes(corpId?: string): Promise<AlertRouteRecord[]>;
  deleteRoute(id: string): Promise<boolean>;
  /**
   * Records deliveries not yet recorded; ones already recorded are left as they are (redelivery).
   * Answers each as now stored, in the order given.
   */
  addDeliveries(deliveries: readonly AlertDeliveryRecord[]): Promise<AlertDeliveryRecord[]>;
  /** Moves a recorded delivery on; unknown ids are ignored. */
  updateDelivery(deliveryId: string, change: Pick<AlertDeliveryRecord, 'status' | 'attempts' | 'error' | 'updatedAt'>): Promise<void>;
  findDelivery(deliveryId: string): Promise<AlertDeliveryRecord | null>;
  /** Oldest first. */
  deliveries(alertId: string): Promise<AlertDeliveryRecord[]>;
  /** Held or throttled alert deliveries not yet covered by a summary or digest, oldest first. */
  uncovered(query: { status: 'held' | 'throttled'; createdBefore: number; limit: number }): Promise<AlertDeliveryRecord[]>;
  markCovered(deliveryIds: readonly string[], coveredBy: string): Promise<void>;
  /** Alert deliveries to person recipients created in the interval, sent or not, oldest first. */
  routedBetween(from: number, to: number): Promise<AlertDeliveryRecord[]>;
}

/** What alert routing and name display read about an employee. */
export interface DirectoryEmployee {
  userid: string;
  name: string;
  departmentIds: string[];
  /** WeCom's direct_leader: the userids this employee reports to. */
  directLeaders: string[];
  /** Where alerts reach them by e-mail: WeCom's email, else biz_mail; '' when neither is known. */
  email: string;
  /** 1 active, 2 disabled, 4 not yet activated, 5 departed. */
  status: number;
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  /** Null for the root department. */
  parentId: string | null;
  /** WeCom's department_leader userids. */
  leaders: string[];
}

export interface DirectoryExternalContact {
  externalUserId: string;
  name: string;
  corpName: string | null;
  /** 1 a WeChat user, 2 a WeCom user of another corp. */
  type: number;
  /** Userids of the employees who have this customer. */
  followUsers: string[];
}

/** Who is who in each corp: fed by the contact-API sync and by contact callbacks. Saves replace by key. */
export interface Directory {
  saveDepartments(corpId: string, departments: readonly DirectoryDepartment[], updatedAt: number): Promise<void>;
  saveEmployees(corpId: string, employees: readonly DirectoryEmployee[], updatedAt: number): Promise<void>;
  saveExternalContacts(corpId: string, contacts: readonly DirectoryExternalContact[], updatedAt: number): Promise<void>;
  deleteDepartment(corpId: string, id: string): Promise<void>;
  deleteExternalContact(corpId: string, externalUserId: string): Promise<void>;
  findEmployee(corpId: string, userid: string): Promise<DirectoryEmployee | null>;
  /** The known ones among these userids, in no particular order. */
  findEmployees(corpId: string, userids: readonly string[]): Promise<DirectoryEmployee[]>;
  findDepartment(corpId: string, id: string): Promise<DirectoryDepartment | null>;
  /** By id; every corp's when no corp is named. */
  listDepartments(corpId?: string): Promise<DirectoryDepartment[]>;
  /** Every employee of the corp, by userid. */
  listEmployees(corpId: string): Promise<DirectoryEmployee[]>;
  findExternalContact(corpId: string, externalUserId: string): Promise<DirectoryExternalContact | null>;
}

/** The record store: one database (PostgreSQL or SQLite) behind repositories per concern. */
export interface ArchiveStore {
  readonly messages: MessageArchive;
  readonly alerts: AlertStore;
  readonly apiKeys: ApiKeyStore;
  readonly auditLog: AuditLog;
  readonly chain: ArchiveChain;
  readonly envelopes: EnvelopeStore;
  readonly policies: PolicyStore;
  readonly capture: CaptureLedger;
  readonly directory: Directory;
  readonly media: MediaStore;
  readonly routing: AlertRouting;
  /** Runs pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const ARCHIVE_STORE = Symbol('ArchiveStore');
