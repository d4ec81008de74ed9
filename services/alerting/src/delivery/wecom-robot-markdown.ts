import type { AlertNotification, Severity } from '@chatvault/contracts';
import type { RobotMessage } from '@chatvault/wecom';
import { fitLines, truncateUtf8 } from './byte-budget';
import { inertText } from './inert-text';
import { SEVERITY_LABELS } from './severity-labels';

/** The group robot's limit on markdown content, in UTF-8 bytes. */
export const ROBOT_MARKDOWN_BYTES = 4096;
/** So that a long title never crowds out the lines. */
const TITLE_BYTES = 512;

/** The three colours robot markdown knows: warning is orange-red, info green, comment grey. */
const SEVERITY_COLORS: Readonly<Record<Severity, 'warning' | 'info' | 'comment'>> = {
  critical: 'warning',
  high: 'warning',
  medium: 'warning',
  low: 'info',
  info: 'comment',
};

export type RobotMarkdownMessage = Extract<RobotMessage, { msgtype: 'markdown' }>;

/**
 * The notification as group-robot markdown: the title in bold, the severity in colour, each line a
 * quote while they fit WeCom's 4096 bytes, and a link to the alert that always survives the cut.
 */
export function wecomRobotMarkdown(notification: AlertNotification): RobotMarkdownMessage {
  const { severity } = notification;
  const head = `**${truncateUtf8(inertText(notification.title), TITLE_BYTES)}**\n严重程度：<font color="${SEVERITY_COLORS[severity]}">${SEVERITY_LABELS[severity]}</font>\n`;
  const link = `[查看告警](${notification.url})`;
  const lines = fitLines(notification.lines.map(inertText), ROBOT_MARKDOWN_BYTES - Buffer.byteLength(head) - Buffer.byteLength(link), (line) => `> ${line}\n`);
  return { msgtype: 'markdown', markdown: { content: head + lines.join('') + link } };
}
