import type { AlertNotification } from '@chatvault/contracts';
import type { AppMessageBody } from '@chatvault/wecom';
import { fitLines, truncateUtf8 } from './byte-budget';
import { inertText } from './inert-text';
import { SEVERITY_LABELS } from './severity-labels';

/** WeCom's textcard limits, in UTF-8 bytes. */
export const TEXTCARD_TITLE_BYTES = 128;
export const TEXTCARD_DESCRIPTION_BYTES = 512;

export type TextcardMessage = Extract<AppMessageBody, { msgtype: 'textcard' }>;

/**
 * The notification as a WeCom application textcard: the severity highlighted, then the lines while
 * they fit the 512 bytes WeCom allows, and the 详情 button opening the alert in the console.
 */
export function wecomTextcard(notification: AlertNotification): TextcardMessage {
  const severity = `<div class="highlight">严重程度：${SEVERITY_LABELS[notification.severity]}</div>`;
  const lines = fitLines(notification.lines.map(inertText), TEXTCARD_DESCRIPTION_BYTES - Buffer.byteLength(severity), (line) => `<div class="normal">${line}</div>`);
  return {
    msgtype: 'textcard',
    textcard: {
      title: truncateUtf8(inertText(notification.title), TEXTCARD_TITLE_BYTES),
      description: severity + lines.join(''),
      url: notification.url,
      btntxt: '详情',
    },
  };
}
