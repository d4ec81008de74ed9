import { foldString } from './char-fold';
import { digitRuns, type DigitRun } from './digit-runs';
import { isResidentIdNumber, passesLuhn } from './pii-checksums';
import type { PiiDetector } from './policy-schema';

export interface PiiFinding {
  detector: PiiDetector;
  start: number;
  end: number;
  /** Offsets of the characters a masked excerpt replaces with `*`. */
  masked: number[];
}

/** Numbers this context names are order, parcel or contract numbers, whatever their checksum says. */
const IDENTIFIER_CONTEXT = ['订单', '单号', '编号', '流水', '运单', '快递', '工号', '合同号', '发票号', '取件码', '账单号'];
const QQ_CONTEXT = ['qq', '扣扣', '企鹅', 'q号', '球球'];
const WECHAT_CONTEXT = ['微信', '威信', '薇信', '卫星', 'vx', 'wx', 'v信', 'weixin', 'wechat', '绿泡泡'];
const CONTEXT_WINDOW = 8;
const WECHAT_ID = /[A-Za-z][-_A-Za-z0-9]{5,19}/g;
const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

/** Every PII occurrence the given detectors find in the text, in text order. */
export function detectPii(text: string, detectors: ReadonlySet<PiiDetector>): PiiFinding[] {
  const findings: PiiFinding[] = [];
  if (detectors.has('email') || detectors.has('wechat-id')) findEmails(text, detectors, findings);
  if (detectors.has('mobile') || detectors.has('id-card') || detectors.has('bank-card') || detectors.has('qq')) {
    for (const run of digitRuns(text, 5)) {
      if (run.attachedToLetter || findings.some((f) => overlaps(f, run))) continue;
      const finding = classifyRun(text, run, detectors);
      if (finding) findings.push(finding);
    }
  }
  if (detectors.has('wechat-id')) findWechatIds(text, findings);
  return findings.filter((f) => detectors.has(f.detector)).sort((a, b) => a.start - b.start);
}

function classifyRun(text: string, run: DigitRun, detectors: ReadonlySet<PiiDetector>): PiiFinding | undefined {
  const { digits, positions } = run;
  const keep = (first: number, last: number): number[] => positions.slice(first, positions.length - last);
  const finding = (detector: PiiDetector, masked: number[]): PiiFinding => ({ detector, start: run.start, end: run.end, masked });
  if (digits.length === 18 && isResidentIdNumber(digits)) return finding('id-card', keep(3, 4));
  if (/^(86)?1[3-9]\d{9}$/.test(digits)) return finding('mobile', keep(digits.length - 8, 4));
  if (hasContext(text, run.start, IDENTIFIER_CONTEXT)) return undefined;
  if (detectors.has('bank-card') && digits.length >= 16 && digits.length <= 19 && /^[3-69]/.test(digits) && passesLuhn(digits)) {
    return finding('bank-card', keep(0, 4));
  }
  if (detectors.has('qq') && /^[1-9]\d{4,10}$/.test(digits) && hasContext(text, run.start, QQ_CONTEXT)) {
    return finding('qq', keep(2, 2));
  }
  return undefined;
}

function findEmails(text: string, detectors: ReadonlySet<PiiDetector>, findings: PiiFinding[]): void {
  for (let at = indexOfAt(text, 0); at >= 0; at = indexOfAt(text, at + 1)) {
    let start = at;
    while (start > 0 && EMAIL_LOCAL.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && EMAIL_DOMAIN.test(text[end]!)) end++;
    while (end > at + 1 && text[end - 1] === '.') end--;
    const domain = text.slice(at + 1, end);
    if (start === at || !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) continue;
    if (!detectors.has('email')) {
      // The local part is not a WeChat id even when only that detector runs.
      findings.push({ detector: 'email', start, end, masked: [] });
      continue;
    }
    const masked: number[] = [];
    for (let i = start + 1; i < at; i++) masked.push(i);
    findings.push({ detector: 'email', start, end, masked });
  }
}

function indexOfAt(text: string, from: number): number {
  const ascii = text.indexOf('@', from);
  const wide = text.indexOf('＠', from);
  return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
}

/** WeChat ids are letters then letters, digits, - or _; ours need a digit, - or _ so words do not pass. */
function findWechatIds(text: string, findings: PiiFinding[]): void {
  for (const match of text.matchAll(WECHAT_ID)) {
    const token = match[0];
    const start = match.index!;
    const end = start + token.length;
    if (!/[\d_-]/.test(token) || findings.some((f) => f.start < end && start < f.end)) continue;
    if (!token.toLowerCase().startsWith('wxid_') && !hasContext(text, start, WECHAT_CONTEXT)) continue;
    const masked: number[] = [];
    for (let i = start + 2; i < end; i++) masked.push(i);
    findings.push({ detector: 'wechat-id', start, end, masked });
  }
}

function hasContext(text: string, start: number, words: readonly string[]): boolean {
  const before = foldString(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
  return words.some((word) => before.includes(word));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
