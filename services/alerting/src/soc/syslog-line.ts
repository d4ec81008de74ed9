import { hostname } from 'node:os';

/** RFC 5424 severities (0 emergency … 7 debug). */
export type SyslogSeverity = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Facility 13, "log audit": what SIEM collectors file supervision events under. */
const LOG_AUDIT = 13;
const APP_NAME = 'chatvault';

/**
 * One RFC 5424 syslog message without structured data: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG`.
 * Header fields are printable US-ASCII without spaces; anything else in them becomes `_`.
 */
export function syslogLine(entry: { severity: SyslogSeverity; at: Date; msgid: string; message: string; host?: string }): string {
  const pri = LOG_AUDIT * 8 + entry.severity;
  const field = (value: string, max: number) => value.replace(/[^\x21-\x7e]/g, '_').slice(0, max) || '-';
  return `<${pri}>1 ${entry.at.toISOString()} ${field(entry.host ?? hostname(), 255)} ${APP_NAME} ${process.pid} ${field(entry.msgid, 32)} - ${entry.message}`;
}
