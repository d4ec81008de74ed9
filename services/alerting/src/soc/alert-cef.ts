import type { AlertChanged, Severity } from '@chatvault/contracts';
import type { ReviewedAlert } from '@chatvault/store';
import { cefMessage } from './cef';
import { syslogLine, type SyslogSeverity } from './syslog-line';

export const CHATVAULT_VERSION = '0.1.0';

/** What happened to the alert: it was raised, or one of alert.changed.v1's changes. */
export type AlertEventKind = 'raised' | AlertChanged['change'];

export interface AlertSyslogEvent {
  kind: AlertEventKind;
  actor: string;
  /** ms since epoch */
  at: number;
  alert: ReviewedAlert;
}

const CEF_SEVERITY: Record<Severity, number> = { info: 1, low: 3, medium: 5, high: 8, critical: 10 };
const SYSLOG_SEVERITY: Record<Severity, SyslogSeverity> = { info: 6, low: 5, medium: 4, high: 3, critical: 2 };
const NAME: Record<AlertEventKind, string> = {
  raised: 'Alert raised',
  'hit-added': 'Alert hit added',
  transitioned: 'Alert status changed',
  commented: 'Alert commented',
};
/** Keeps a datagram within the 2,048 octets every syslog receiver accepts (RFC 5426). */
const MAX_EXCERPT = 300;

/**
 * The CEF message of one alert event. The rule is the event class, so SIEM correlation rules key on it;
 * the employee is the source user, and what CEF has no key for rides in labelled custom strings.
 */
export function alertCefMessage(event: AlertSyslogEvent, publicUrl: string | undefined): string {
  const { alert } = event;
  return cefMessage({
    vendor: 'ChatVault',
    product: 'ChatVault',
    version: CHATVAULT_VERSION,
    classId: alert.ruleId,
    name: `${NAME[event.kind]}: ${alert.category}`,
    severity: CEF_SEVERITY[alert.severity],
    extension: {
      rt: event.at,
      act: event.kind,
      externalId: alert.alertId,
      cat: alert.category,
      suser: alert.employeeId,
      msg: alert.excerpt.length > MAX_EXCERPT ? `${alert.excerpt.slice(0, MAX_EXCERPT)}…` : alert.excerpt,
      request: publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/v1/alerts/${encodeURIComponent(alert.alertId)}` : undefined,
      cs1Label: 'corpId',
      cs1: alert.corpId,
      cs2Label: 'conversationId',
      cs2: alert.conversationId,
      cs3Label: 'status',
      cs3: alert.status,
      cs4Label: 'assignee',
      cs4: alert.assignee ?? undefined,
      cs5Label: 'resolution',
      cs5: alert.resolution ?? undefined,
      cs6Label: 'actor',
      cs6: event.actor,
      cn1Label: 'hitCount',
      cn1: alert.hitCount,
      cn2Label: 'version',
      cn2: alert.version,
    },
  });
}

export function alertSyslogLine(event: AlertSyslogEvent, publicUrl: string | undefined, host?: string): string {
  return syslogLine({
    severity: SYSLOG_SEVERITY[event.alert.severity],
    at: new Date(event.at),
    msgid: event.kind === 'raised' ? 'alert.raised' : 'alert.changed',
    message: alertCefMessage(event, publicUrl),
    host,
  });
}
