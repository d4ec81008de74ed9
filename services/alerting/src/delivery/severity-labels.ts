import type { Severity } from '@chatvault/contracts';

/** How a severity reads in what people receive: Chinese, as the notification lines are. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: '严重',
  high: '高',
  medium: '中',
  low: '低',
  info: '提示',
};
