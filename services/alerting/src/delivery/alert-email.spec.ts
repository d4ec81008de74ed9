import { alertNotification } from '@chatvault/testing';
import { describe, expect, it } from 'vitest';
import { alertEmail } from './alert-email';

describe('alertEmail', () => {
  it('writes the severity and title in the subject and the lines and link in text and HTML', () => {
    expect(alertEmail(alertNotification())).toEqual({
      subject: '[high] 疑似飞单：张三 与 客户A',
      text: [
        '疑似飞单：张三 与 客户A',
        '',
        '严重程度：高 (high)',
        '规则：飞单（私下交易）',
        '员工：张三（销售部）',
        '时间：2026-11-29 10:00',
        '证据：“我们私下转账吧，别走公司”',
        '',
        '查看告警：https://chatvault.example.com/alerts/alert-1',
        '',
      ].join('\n'),
      html: [
        '<!doctype html>',
        '<html><body>',
        '<h2>疑似飞单：张三 与 客户A</h2>',
        '<p><strong>严重程度：高 (high)</strong></p>',
        '<p>规则：飞单（私下交易）</p>',
        '<p>员工：张三（销售部）</p>',
        '<p>时间：2026-11-29 10:00</p>',
        '<p>证据：“我们私下转账吧，别走公司”</p>',
        '<p><a href="https://chatvault.example.com/alerts/alert-1">查看告警</a></p>',
        '</body></html>',
        '',
      ].join('\n'),
    });
  });

  it('escapes chat text in the HTML and keeps the subject on one line', () => {
    const mail = alertEmail(alertNotification({ title: '标题\r\n第二行', lines: ['证据：<script>alert("x")</script> & \'y\''], url: 'https://cv.example.com/alerts/a?x=1&y="2"' }));
    expect(mail.subject).toBe('[high] 标题 第二行');
    expect(mail.html).toContain('<p>证据：&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>');
    expect(mail.html).toContain('<a href="https://cv.example.com/alerts/a?x=1&amp;y=&quot;2&quot;">');
    expect(mail.html).not.toContain('<script>');
  });
});
