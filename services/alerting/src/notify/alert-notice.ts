import type { AlertNotification, AlertRaised } from '@chatvault/contracts';
import type { Directory, DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';
import { SEVERITY_LABELS } from '../delivery/severity-labels';
import { categoryLabel } from './notice-labels';

export type Notice = Pick<AlertNotification, 'title' | 'lines' | 'url' | 'data' | 'severity'>;

/** Who an alert is about, as the directory knows them. */
export interface AlertParties {
  employee: DirectoryEmployee | null;
  /** The employee's first department. */
  department: DirectoryDepartment | null;
  /** The other side of a one-to-one chat by name, or the group; null when the alert has no conversation. */
  counterpart: string | null;
}

const UTC_PLUS_8_MS = 8 * 3_600_000;

/** `2026-11-28 14:03:12`, the time a manager in China reads. */
export function chinaTime(ms: number): string {
  return new Date(ms + UTC_PLUS_8_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** The employee and the other side of the conversation, looked up at once: each is a round trip on the way to the first notification. */
export async function alertParties(alert: AlertRaised, directory: Directory, departments: ReadonlyMap<string, DirectoryDepartment>): Promise<AlertParties> {
  const [employee, counterpart] = await Promise.all([alert.employeeId ? directory.findEmployee(alert.corpId, alert.employeeId) : null, counterpartOf(alert, directory)]);
  const department = employee?.departmentIds[0] ? (departments.get(employee.departmentIds[0]) ?? null) : null;
  return { employee, department, counterpart };
}

/**
 * What a manager needs to act without opening anything: who, to whom, when, what rule, the evidence,
 * and how often. Names come from the directory; an id stands in for anyone it does not know.
 */
export function alertNotice(alert: AlertRaised, { employee, department, counterpart }: AlertParties, url: string): Notice {
  const employeeName = employee?.name ?? alert.employeeId;
  const lines = [
    ...(alert.employeeId ? [`员工：${employeeName}${department ? `（${department.name}）` : ''}`] : [`企业：${alert.corpId}`]),
    ...(counterpart ? [counterpart] : []),
    `时间：${chinaTime(Date.parse(alert.createdAt))}`,
    `类别：${categoryLabel(alert.category)} · 规则 ${alert.ruleId} · 策略 ${alert.policyId} v${alert.policyVersion}`,
    `证据：${alert.excerpt}`,
    ...(alert.hitCount > 1 ? [`命中：${alert.hitCount} 次`] : []),
  ];
  return {
    severity: alert.severity,
    title: `【${SEVERITY_LABELS[alert.severity]}】${categoryLabel(alert.category).split(' (')[0]} · ${alert.employeeId ? employeeName : alert.corpId}`,
    lines,
    url,
    data: {
      alertId: alert.alertId,
      corpId: alert.corpId,
      employeeId: alert.employeeId,
      employeeName,
      conversationId: alert.conversationId,
      ruleId: alert.ruleId,
      category: alert.category,
      severity: alert.severity,
      policyId: alert.policyId,
      policyVersion: alert.policyVersion,
      msgids: alert.msgids,
      excerpt: alert.excerpt,
      hitCount: alert.hitCount,
      createdAt: alert.createdAt,
    },
  };
}

async function counterpartOf(alert: AlertRaised, directory: Directory): Promise<string | null> {
  if (alert.conversationId.startsWith('room:')) return `群聊：${alert.conversationId.slice('room:'.length)}`;
  if (!alert.conversationId.startsWith('single:')) return null;
  const other = alert.conversationId.slice('single:'.length).split('|').find((id) => id !== alert.employeeId);
  if (!other) return null;
  if (/^w[mo]/.test(other)) {
    const contact = await directory.findExternalContact(alert.corpId, other);
    return `客户：${contact ? `${contact.name}${contact.corpName ? `（${contact.corpName}）` : ''}` : other}`;
  }
  return `同事：${(await directory.findEmployee(alert.corpId, other))?.name ?? other}`;
}
