import type { QrKind } from './policy-schema';

/**
 * What a QR payload leads to. Personal WeChat contact and group codes, payment codes (WeChat Pay,
 * Alipay, UnionPay) and WeCom's own codes have stable URL shapes.
 */
const KINDS: ReadonlyArray<[QrKind, RegExp]> = [
  ['wecom', /^https?:\/\/(work\.weixin\.qq\.com|wecom\.work)\//i],
  ['personal-wechat', /^https?:\/\/(u\.wechat\.com|weixin\.qq\.com\/r)\//i],
  ['wechat-group', /^https?:\/\/weixin\.qq\.com\/g\//i],
  ['payment', /^(wxp:\/\/|alipays?:\/\/|https?:\/\/(qr\.alipay\.com|payapp\.weixin\.qq\.com|wx\.tenpay\.com|qr\.95516\.com|qr\.unionpay\.com)\/)/i],
];

export function qrKindOf(payload: string): QrKind {
  for (const [kind, pattern] of KINDS) if (pattern.test(payload.trim())) return kind;
  return 'other';
}
