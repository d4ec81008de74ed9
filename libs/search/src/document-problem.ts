import { alertResolutionSchema, alertStatusSchema, severitySchema } from '@chatvault/contracts';
import { DomainError } from '@chatvault/platform';
import type { AlertDocument, MessageDocument } from './search-index';

const REQUIRED_TEXT = ['corpId', 'msgid'] as const;
const TEXT = ['conversationId', 'msgtype', 'action', 'from', 'roomid', 'text'] as const;

export type MessageTags = Pick<MessageDocument, 'ruleIds' | 'categories' | 'severities'>;

/**
 * Why a document cannot be indexed, or undefined when it can. Both adapters check the same
 * things before writing, so a bad document fails alike everywhere and never half-indexes.
 */
export function documentProblem(document: MessageDocument): string | undefined {
  for (const field of REQUIRED_TEXT) {
    if (typeof document[field] !== 'string' || document[field] === '') return `${field} must be a non-empty string, got ${show(document[field])}`;
  }
  for (const field of TEXT) {
    if (typeof document[field] !== 'string') return `${field} must be a string, got ${show(document[field])}`;
  }
  if (!Number.isSafeInteger(document.msgtime)) return `msgtime must be an integer number of ms since epoch, got ${show(document.msgtime)}`;
  if (!isStringArray(document.tolist)) return `tolist must be an array of strings, got ${show(document.tolist)}`;
  return tagsProblem(document);
}

/** Why tags cannot be stored, or undefined when they can; a tag field left out is fine. */
export function tagsProblem(tags: MessageTags): string | undefined {
  for (const field of ['ruleIds', 'categories'] as const) {
    const value = tags[field];
    if (value !== undefined && !isStringArray(value)) return `${field} must be an array of strings, got ${show(value)}`;
  }
  const severities: unknown = tags.severities;
  if (severities !== undefined && !(Array.isArray(severities) && severities.every((s) => severitySchema.safeParse(s).success))) {
    return `severities must be an array of ${severitySchema.options.join(' | ')}, got ${show(severities)}`;
  }
  return undefined;
}

/** Rejects a tagMessage call the index could not store, the same way in every adapter. */
export function assertValidTags(corpId: string, msgid: string, tags: MessageTags): void {
  const problem =
    typeof corpId !== 'string' || corpId === '' || typeof msgid !== 'string' || msgid === ''
      ? `corpId and msgid must be non-empty strings, got ${show(corpId)} and ${show(msgid)}`
      : tagsProblem(tags);
  if (problem) throw new DomainError('invalid_request', `cannot tag message: ${problem}`);
}

const ALERT_TEXT = ['employeeId', 'conversationId', 'ruleId', 'category', 'excerpt', 'policyId'] as const;
const ALERT_COUNTS = ['hitCount', 'policyVersion', 'version'] as const;
const ALERT_TIMES = ['createdAt', 'updatedAt', 'lastHitAt'] as const;

/** Rejects an alert the index could not store, the same way in every adapter. */
export function assertValidAlert(document: AlertDocument): void {
  const problem = alertProblem(document);
  if (problem) throw new DomainError('invalid_request', `cannot index alert ${show(document.alertId)}: ${problem}`);
}

function alertProblem(document: AlertDocument): string | undefined {
  for (const field of ['alertId', 'corpId'] as const) {
    if (typeof document[field] !== 'string' || document[field] === '') return `${field} must be a non-empty string, got ${show(document[field])}`;
  }
  for (const field of ALERT_TEXT) {
    if (typeof document[field] !== 'string') return `${field} must be a string, got ${show(document[field])}`;
  }
  for (const field of ALERT_COUNTS) {
    if (!Number.isSafeInteger(document[field]) || document[field] < 0) return `${field} must be a whole number, got ${show(document[field])}`;
  }
  for (const field of ALERT_TIMES) {
    if (!Number.isSafeInteger(document[field])) return `${field} must be an integer number of ms since epoch, got ${show(document[field])}`;
  }
  if (!severitySchema.safeParse(document.severity).success) return `severity must be one of ${severitySchema.options.join(' | ')}, got ${show(document.severity)}`;
  if (!alertStatusSchema.safeParse(document.status).success) return `status must be one of ${alertStatusSchema.options.join(' | ')}, got ${show(document.status)}`;
  if (!alertResolutionSchema.nullable().safeParse(document.resolution).success) {
    return `resolution must be null or one of ${alertResolutionSchema.options.join(' | ')}, got ${show(document.resolution)}`;
  }
  if (document.assignee !== null && typeof document.assignee !== 'string') return `assignee must be a string or null, got ${show(document.assignee)}`;
  if (!isStringArray(document.msgids)) return `msgids must be an array of strings, got ${show(document.msgids)}`;
  return undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}
