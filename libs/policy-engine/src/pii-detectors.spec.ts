import { describe, expect, it } from 'vitest';
import { detectPii } from './pii-detectors';
import { maskText } from './pii-masking';
import type { PiiDetector } from './policy-schema';

const ALL = new Set<PiiDetector>(['mobile', 'id-card', 'bank-card', 'email', 'qq', 'wechat-id']);

function found(text: string): Array<[PiiDetector, string]> {
  return detectPii(text, ALL).map((f) => [f.detector, text.slice(f.start, f.end)]);
}

describe('PII detectors', () => {
  it('finds mobile numbers however they are written', () => {
    expect(found('电话13800138000')).toEqual([['mobile', '13800138000']]);
    expect(found('打 138 0013 8000 找我')).toEqual([['mobile', '138 0013 8000']]);
    expect(found('手机一三八 零零一三 八零零零')).toEqual([['mobile', '一三八 零零一三 八零零零']]);
    expect(found('幺五零-幺二三四-五六七八')).toEqual([['mobile', '幺五零-幺二三四-五六七八']]);
    expect(found('１３８００１３８０００')).toEqual([['mobile', '１３８００１３８０００']]);
  });

  it('does not take hotlines, landlines or order numbers for mobiles', () => {
    expect(found('客服400-820-8820，座机021-6888 8888')).toEqual([]);
    expect(found('顺丰SF14032677812345')).toEqual([]);
  });

  it('finds identity numbers only when the check character is right', () => {
    expect(found('身份证110105199003071239')).toEqual([['id-card', '110105199003071239']]);
    expect(found('身份证44030619920815789X')).toEqual([['id-card', '44030619920815789X']]);
    expect(found('身份证110105199003071231')).toEqual([]);
  });

  it('finds bank cards that pass Luhn, unless the context says it is an order number', () => {
    expect(found('卡号6222 7877 8932 8792 172')).toEqual([['bank-card', '6222 7877 8932 8792 172']]);
    expect(found('卡号6222787789328792173')).toEqual([]);
    expect(found('订单号6222787789328792172')).toEqual([]);
  });

  it('finds e-mail addresses, QQ numbers after their cue and WeChat ids after theirs', () => {
    expect(found('邮箱zhang.wei@163.com，谢谢')).toEqual([['email', 'zhang.wei@163.com']]);
    expect(found('扣扣：3829104')).toEqual([['qq', '3829104']]);
    expect(found('一共3829104元')).toEqual([]);
    expect(found('wx号 jiaoyu_lily88')).toEqual([['wechat-id', 'jiaoyu_lily88']]);
    expect(found('我用iPhone15很久了')).toEqual([]);
  });

  it('masks what it finds one character for one, keeping offsets', () => {
    const text = '手机13800138000，身份证110105199003071239，卡6222787789328792172，邮箱zhang@163.com';
    const masked = maskText(text, detectPii(text, ALL));
    expect(masked).toHaveLength(text.length);
    expect(masked).toContain('138****8000');
    expect(masked).toContain('110***********1239');
    expect(masked).toContain('***************2172');
    expect(masked).toContain('z****@163.com');
    expect(masked).not.toMatch(/13800138000|110105199003071239|6222787789328792172/);
  });

  it('masks numbers written in Chinese numerals too', () => {
    const text = '一三八零零一三八零零零';
    expect(maskText(text, detectPii(text, ALL))).toBe('一三八****八零零零');
  });

  it('only runs the detectors asked for', () => {
    expect(detectPii('13800138000 zhang@163.com', new Set(['email'])).map((f) => f.detector)).toEqual(['email']);
  });
});
