import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRaisedV1, type Severity } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { Cache } from '@chatvault/cache';
import { createLogger } from '@chatvault/platform';
import { alertRaisedEvent, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { FakeWecomServer, SmtpSink, openingHit, waitFor } from '@chatvault/testing';
import { ChannelSenders } from '../delivery/channel-senders';
import { AlertNotifier } from './alert-notifier';
import { DailyDigest } from './daily-digest';
import { NotificationSender } from './notification-sender';
import { NOTIFY_STACKS, offBookAlert, type NotifyTestStack } from './notify-test-stack';
import { RoutingSnapshot } from './routing-snapshot';

const logger = createLogger('silent');
const DAY = '2026-11-25';
const at = (clock: string) => Date.parse(`${DAY}T${clock}:00+08:00`);

describe.each(NOTIFY_STACKS)('notifications to people on %s', (_name, open) => {
  let stack: NotifyTestStack;
  let bus: MessageBus;
  let store: ArchiveStore;
  let cache: Cache;
  let wecom: FakeWecomServer;
  let smtp: SmtpSink;
  let senders: ChannelSenders;
  let digest: DailyDigest;
  let now = at('10:00');
  let corpId: string;

  const cards = (userid: string) => wecom.appMessages.filter((m) => m.touser === userid).map((m) => (m.body.msgtype === 'textcard' ? m.body.textcard : null));
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  async function raise(severity: Severity): Promise<AlertRecord> {
    const alert = offBookAlert(corpId, 'zhangsan', severity, now);
    const filed = await store.alerts.fileHit(openingHit(alert));
    await bus.publish(alertRaisedV1, [alertRaisedEvent(filed.alert)]);
    return alert;
  }

  const statuses = async (alert: AlertRecord) => Object.fromEntries((await store.routing.deliveries(alert.alertId)).map((d) => [d.recipient, d.status]));

  beforeAll(async () => {
    wecom = new FakeWecomServer();
    wecom.org
      .addDepartment({ id: 1, name: '总部', parentid: 0 })
      .addUser({ userid: 'lisi', name: '李四', department: [1], status: 1 })
      .addUser({ userid: 'wangwu', name: '王五', department: [1], status: 1 });
    const apiBaseUrl = await wecom.start();
    corpId = wecom.corpId;
    smtp = new SmtpSink();
    stack = await open({ ALERT_SMTP_URL: await smtp.start(), ALERT_QUIET_HOURS: '22:00-08:00', ALERT_DIGEST_TIME: '09:00' });
    const { config } = stack;
    ({ store, cache, bus } = stack);
    // 张三 has no 直属上级: the leader of his department above is his manager.
    await store.directory.saveDepartments(corpId, [{ id: '1', name: '总部', parentId: null, leaders: ['lisi'] }, { id: '2', name: '华东销售', parentId: '1', leaders: ['zhangsan'] }], now);
    await store.directory.saveEmployees(
      corpId,
      [
        { userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: [], email: 'zhangsan@corp.example', status: 1 },
        { userid: 'lisi', name: '李四', departmentIds: ['1'], directLeaders: [], email: '', status: 1 },
        { userid: 'wangwu', name: '王五', departmentIds: ['1'], directLeaders: [], email: 'wangwu@corp.example', status: 1 },
      ],
      now,
    );
    const saved = { version: 0, updatedAt: now, updatedBy: 'test' };
    await store.routing.saveRoute({ id: `${corpId}-compliance`, corpId, name: '华东合规', enabled: true, match: { departmentIds: ['2'] }, recipients: ['wangwu'], ...saved }, 0);
    await store.routing.saveChannel({ id: `${corpId}-app`, name: '告警应用', kind: 'wecom-app', enabled: true, minSeverity: 'low', settings: { corpId, agentId: wecom.agentId, secret: wecom.secrets.appMessage, apiBaseUrl }, ...saved }, 0);
    await store.routing.saveChannel({ id: `${corpId}-mail`, name: '合规邮箱', kind: 'email', enabled: true, minSeverity: 'low', settings: { addresses: ['compliance@corp.example'] }, ...saved }, 0);
    const clock = () => now;
    const routing = new RoutingSnapshot(store.routing, () => Date.now());
    senders = new ChannelSenders(config);
    await new AlertNotifier(bus, store, cache, routing, clock, config).onModuleInit();
    await new NotificationSender(bus, store, routing, senders, clock).onModuleInit();
    digest = new DailyDigest(bus, store, cache, routing, clock, config, logger);
    await bus.start();
  }, 120_000);

  afterAll(async () => {
    // Handlers still running may send: the senders close once the bus has stopped.
    await bus?.stop();
    senders?.onModuleDestroy();
    await wecom?.stop();
    await smtp?.stop();
    await stack?.close();
  });

  it('tells the manager and the department\'s compliance officer on every channel that reaches them, and the mailbox by e-mail, never the employee', async () => {
    const alert = await raise('high');
    await waitFor(async () => Object.values(await statuses(alert)).filter((s) => s === 'sent').length === 4, { description: 'four deliveries sent', timeoutMs: 30_000 });
    // 李四 has no mailbox in the directory: WeCom is how he hears.
    expect(await statuses(alert)).toEqual({ lisi: 'sent', wangwu: 'sent', 'wangwu@corp.example': 'sent', 'compliance@corp.example': 'sent' });
    expect(cards('wangwu')).toHaveLength(1);
    expect(cards('lisi')).toEqual([expect.objectContaining({ title: '【高】飞单/私单 · 张三', btntxt: '详情', url: expect.stringContaining(`/api/v1/alerts/${alert.alertId}`) })]);
    expect(cards('lisi')[0]?.description).toContain('证据：这单我们走飞单，别走公司');
    expect(mailsTo('wangwu@corp.example')).toHaveLength(1);
    expect(mailsTo('wangwu@corp.example')[0]).toMatchObject({ subject: '[high] 【高】飞单/私单 · 张三' });
    expect(mailsTo('wangwu@corp.example')[0]!.text).toContain('员工：张三（华东销售）');
    expect(mailsTo('compliance@corp.example')).toHaveLength(1);
    expect(cards('zhangsan')).toEqual([]);
    expect(mailsTo('zhangsan@corp.example')).toEqual([]);
  });

  it('holds what comes in quiet hours for the digest, but a critical alert wakes people', async () => {
    now = at('23:30');
    const [sentBefore, mailsBefore] = [wecom.appMessages.length, smtp.mails.length];
    const quiet = await raise('high');
    const critical = await raise('critical');
    await waitFor(async () => Object.values(await statuses(critical)).filter((s) => s === 'sent').length === 4, { description: 'the critical alert sent', timeoutMs: 30_000 });
    expect(await statuses(quiet)).toEqual({ lisi: 'held', wangwu: 'held', 'wangwu@corp.example': 'held', 'compliance@corp.example': 'held' });
    expect(wecom.appMessages.length - sentBefore).toBe(2);
    expect(smtp.mails.length - mailsBefore).toBe(2);
    expect(cards('lisi').at(-1)?.title).toBe('【严重】飞单/私单 · 张三');
  });

  it('sends each recipient one digest of their day at the digest time, with what quiet hours held', async () => {
    now = Date.parse('2026-11-26T09:00:00+08:00');
    expect(await digest.send(now)).toBe(4);
    expect(await digest.send(now)).toBe(0);
    await waitFor(() => cards('lisi').some((c) => c?.title.startsWith('【日报】')), { description: 'the manager\'s digest card', timeoutMs: 30_000 });
    await waitFor(() => mailsTo('wangwu@corp.example').some((m) => m.subject.includes('【日报】')), { description: 'the compliance officer\'s digest mail', timeoutMs: 30_000 });
    const mail = mailsTo('wangwu@corp.example').find((m) => m.subject.includes('【日报】'))!;
    expect(mail.subject).toBe('[critical] 【日报】2026-11-25 告警 3 条，待处理 3 条');
    expect(mail.text).toContain('过去 24 小时转给您的告警 3 条，仍待处理 3 条，其中 1 条因静默时段未即时推送。');
    expect(mail.text).toContain('类别：飞单/私单 (off-book-deal) 3');
    expect(mail.text).toContain('告警最多的员工：张三 3');
    const held = (await store.routing.uncovered({ status: 'held', createdBefore: now, limit: 100 })).filter((d) => d.corpId === corpId);
    expect(held).toEqual([]);
  });
});
