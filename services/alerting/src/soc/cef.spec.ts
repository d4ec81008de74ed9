import { describe, expect, it } from 'vitest';
import type { ReviewedAlert } from '@chatvault/store';
import { alertCefMessage, alertSyslogLine } from './alert-cef';
import { cefExtensionValue, cefHeaderField, cefMessage } from './cef';

const alert: ReviewedAlert = {
  alertId: 'm1:private-deal',
  dedupKey: 'm1:private-deal',
  groupKey: 'corp|zhangsan|private-deal|single:wmA:zhangsan',
  corpId: 'wwcorp',
  employeeId: 'zhangsan',
  conversationId: 'single:wmA:zhangsan',
  ruleId: 'private-deal',
  category: 'off-book',
  severity: 'high',
  msgids: ['m1'],
  excerpt: '价格=8折\\返点\n私下谈',
  policyId: 'default-conduct',
  policyVersion: 2,
  status: 'acknowledged',
  version: 2,
  assignee: 'lisi',
  resolution: null,
  updatedAt: 1_767_225_660_000,
  hitCount: 3,
  lastHitAt: 1_767_225_600_000,
  createdAt: 1_767_225_600_000,
};

describe('CEF escaping', () => {
  it('escapes pipes and backslashes in header fields, and keeps them on one line', () => {
    expect(cefHeaderField('a|b\\c')).toBe('a\\|b\\\\c');
    expect(cefHeaderField('one\r\ntwo\nthree')).toBe('one two three');
    expect(cefHeaderField('a=b')).toBe('a=b');
  });

  it('escapes equals signs, backslashes and line breaks in extension values, not pipes', () => {
    expect(cefExtensionValue('a=b\\c|d')).toBe('a\\=b\\\\c|d');
    expect(cefExtensionValue('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\rfour');
  });

  it('builds the header and leaves out empty extension values, clamping the severity to 0–10', () => {
    expect(cefMessage({ vendor: 'V|x', product: 'P', version: '1', classId: 'r\\1', name: 'N', severity: 12, extension: { a: 'x=y', b: undefined, c: '', d: 5 } })).toBe(
      'CEF:0|V\\|x|P|1|r\\\\1|N|10|a=x\\=y d=5',
    );
  });
});

describe('an alert as CEF over syslog', () => {
  it('names the rule, the event, the severity and every field a SIEM keys on', () => {
    const cef = alertCefMessage({ kind: 'transitioned', actor: 'lisi', at: 1_767_225_660_000, alert }, 'https://cv.example.com/');
    expect(cef).toBe(
      'CEF:0|ChatVault|ChatVault|0.1.0|private-deal|Alert status changed: off-book|8|' +
        'rt=1767225660000 act=transitioned externalId=m1:private-deal cat=off-book suser=zhangsan msg=价格\\=8折\\\\返点\\n私下谈 ' +
        'request=https://cv.example.com/api/v1/alerts/m1%3Aprivate-deal cs1Label=corpId cs1=wwcorp cs2Label=conversationId cs2=single:wmA:zhangsan ' +
        'cs3Label=status cs3=acknowledged cs4Label=assignee cs4=lisi cs5Label=resolution cs6Label=actor cs6=lisi cn1Label=hitCount cn1=3 cn2Label=version cn2=2',
    );
  });

  it('leaves out the link without a public URL, and cuts a long excerpt', () => {
    const cef = alertCefMessage({ kind: 'raised', actor: 'system:grouping', at: 1, alert: { ...alert, excerpt: '长'.repeat(1_000) } }, undefined);
    expect(cef).not.toContain('request=');
    expect(cef).toContain(`msg=${'长'.repeat(300)}… `);
  });

  it('is one RFC 5424 line in the log-audit facility, its severity following the alert', () => {
    const line = alertSyslogLine({ kind: 'raised', actor: 'system:grouping', at: Date.UTC(2026, 0, 1, 0, 0, 0, 5), alert: { ...alert, severity: 'critical' } }, undefined, 'cv host');
    expect(line).toMatch(new RegExp(`^<106>1 2026-01-01T00:00:00\\.005Z cv_host chatvault ${process.pid} alert\\.raised - CEF:0\\|ChatVault\\|ChatVault\\|0\\.1\\.0\\|private-deal\\|Alert raised: off-book\\|10\\|rt=`));
    expect(line).not.toMatch(/[\r\n]/);
  });
});
