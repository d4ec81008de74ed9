import { alertNotification } from '@chatvault/testing';
import { describe, expect, it } from 'vitest';
import { ROBOT_MARKDOWN_BYTES, wecomRobotMarkdown } from './wecom-robot-markdown';

describe('wecomRobotMarkdown', () => {
  it('bolds the title, colours the severity, quotes each line and ends with a link to the alert', () => {
    expect(wecomRobotMarkdown(alertNotification())).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '**疑似飞单：张三 与 客户A**',
          '严重程度：<font color="warning">高</font>',
          '> 规则：飞单（私下交易）',
          '> 员工：张三（销售部）',
          '> 时间：2026-11-29 10:00',
          '> 证据：“我们私下转账吧，别走公司”',
          '[查看告警](https://chatvault.example.com/alerts/alert-1)',
        ].join('\n'),
      },
    });
  });

  it('colours severities with the three colours robots know', () => {
    const colour = (severity: 'critical' | 'high' | 'medium' | 'low' | 'info') => /<font color="(\w+)">/.exec(wecomRobotMarkdown(alertNotification({ severity })).markdown.content)![1];
    expect([colour('critical'), colour('high'), colour('medium'), colour('low'), colour('info')]).toEqual(['warning', 'warning', 'warning', 'info', 'comment']);
  });

  it('keeps evidence from mentioning people, colouring text or leaving its quote', () => {
    const { content } = wecomRobotMarkdown(alertNotification({ lines: ['证据：<@boss> 看看 <font color="info">这个</font>\n> 伪造的一行'] })).markdown;
    expect(content).toContain('> 证据：＜@boss＞ 看看 ＜font color="info"＞这个＜/font＞ ＞ 伪造的一行\n');
    expect(content.match(/<font/g)).toHaveLength(1);
  });

  it('fits 4096 bytes and keeps the link when the lines are cut', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `证据 ${i}：我们私下转账吧，别走公司。`);
    const { content } = wecomRobotMarkdown(alertNotification({ lines })).markdown;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(ROBOT_MARKDOWN_BYTES);
    expect(Buffer.byteLength(content)).toBeGreaterThan(ROBOT_MARKDOWN_BYTES - 100);
    expect(content).toContain('> 证据 0：');
    expect(content).not.toContain('证据 199');
    expect(content).toMatch(/…\n\[查看告警\]\(https:\/\/chatvault\.example\.com\/alerts\/alert-1\)$/);
  });
});
