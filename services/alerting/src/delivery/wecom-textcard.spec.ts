import { alertNotification } from '@chatvault/testing';
import { describe, expect, it } from 'vitest';
import { TEXTCARD_DESCRIPTION_BYTES, TEXTCARD_TITLE_BYTES, wecomTextcard } from './wecom-textcard';

const bytes = (text: string) => Buffer.byteLength(text);

describe('wecomTextcard', () => {
  it('highlights the severity, puts each line in its own block and links the alert behind 详情', () => {
    expect(wecomTextcard(alertNotification())).toEqual({
      msgtype: 'textcard',
      textcard: {
        title: '疑似飞单：张三 与 客户A',
        description:
          '<div class="highlight">严重程度：高</div>' +
          '<div class="normal">规则：飞单（私下交易）</div>' +
          '<div class="normal">员工：张三（销售部）</div>' +
          '<div class="normal">时间：2026-11-29 10:00</div>' +
          '<div class="normal">证据：“我们私下转账吧，别走公司”</div>',
        url: 'https://chatvault.example.com/alerts/alert-1',
        btntxt: '详情',
      },
    });
  });

  it('keeps chat text from adding markup or breaking a block', () => {
    const { textcard } = wecomTextcard(alertNotification({ title: '<b>标题</b>', lines: ['证据：<div class="highlight">转账</div>\n第二行'] }));
    expect(textcard.title).toBe('＜b＞标题＜/b＞');
    expect(textcard.description).toBe('<div class="highlight">严重程度：高</div><div class="normal">证据：＜div class="highlight"＞转账＜/div＞ 第二行</div>');
  });

  it('fits title and description in the bytes WeCom allows, cutting the last line that fits between characters', () => {
    const evidence = '证据：' + '我们私下转账吧，别走公司。'.repeat(20);
    const { textcard } = wecomTextcard(alertNotification({ title: '疑似飞单'.repeat(20), lines: ['规则：飞单', evidence, '不会出现的一行'] }));
    expect(bytes(textcard.title)).toBeLessThanOrEqual(TEXTCARD_TITLE_BYTES);
    expect(textcard.title).toMatch(/^(疑似飞单)+[疑似飞单]*…$/);
    expect(bytes(textcard.description)).toBeLessThanOrEqual(TEXTCARD_DESCRIPTION_BYTES);
    expect(bytes(textcard.description)).toBeGreaterThan(TEXTCARD_DESCRIPTION_BYTES - 3 - bytes('</div>'));
    expect(textcard.description).toMatch(/^<div class="highlight">严重程度：高<\/div><div class="normal">规则：飞单<\/div><div class="normal">证据：我们私下转账吧[^<]*…<\/div>$/);
    expect(textcard.description).not.toContain('不会出现的一行');
  });

  it('names every severity', () => {
    const labels = (['critical', 'high', 'medium', 'low', 'info'] as const).map((severity) => wecomTextcard(alertNotification({ severity, lines: [] })).textcard.description);
    expect(labels).toEqual(['严重', '高', '中', '低', '提示'].map((label) => `<div class="highlight">严重程度：${label}</div>`));
  });
});
