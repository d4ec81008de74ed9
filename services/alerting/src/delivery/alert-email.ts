import type { AlertNotification } from '@chatvault/contracts';
import { SEVERITY_LABELS } from './severity-labels';

export interface AlertEmail {
  subject: string;
  text: string;
  html: string;
}

/** The notification as an e-mail: plain text for every client, and the same in simple HTML. */
export function alertEmail(notification: AlertNotification): AlertEmail {
  const { severity, title, lines, url } = notification;
  const label = `严重程度：${SEVERITY_LABELS[severity]} (${severity})`;
  return {
    // A line break in a header would end it.
    subject: `[${severity}] ${title}`.replace(/\s*[\r\n]+\s*/g, ' '),
    text: [title, '', label, ...lines, '', `查看告警：${url}`, ''].join('\n'),
    html: [
      '<!doctype html>',
      '<html><body>',
      `<h2>${escapeHtml(title)}</h2>`,
      `<p><strong>${escapeHtml(label)}</strong></p>`,
      ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
      `<p><a href="${escapeHtml(url)}">查看告警</a></p>`,
      '</body></html>',
      '',
    ].join('\n'),
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}
