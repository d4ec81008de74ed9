import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SseClient, WebhookReceiver, offBookRecord, startEmbeddedStack, startRealStack, waitFor, type ChatVaultStack } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const SECRET = 'a-webhook-secret-of-32-characters!';

describe.each([
  ['embedded default, one process', () => startEmbeddedStack(API_KEY)],
  ['real stack, one process per service', () => startRealStack(API_KEY, ['api', 'ingest', 'classification', 'alerting'])],
])('alert channels and the alert stream: %s', (_name, start) => {
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const receiver = new WebhookReceiver();
  let stack: ChatVaultStack;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.api}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const refusal = async (response: Response) => ({ status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message });

  beforeAll(async () => {
    await receiver.start();
    stack = await start();
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('refuses a channel or route that could not deliver, naming the field at fault', async () => {
    const webhook = { name: 'SIEM', kind: 'webhook', settings: { url: receiver.url, secret: SECRET } };
    expect(await refusal(await call('POST', '/api/v1/alert-channels', { ...webhook, settings: { url: 'ftp://siem.example.com', secret: SECRET } }))).toEqual({ status: 400, message: 'settings.url: must be an http or https URL' });
    expect(await refusal(await call('POST', '/api/v1/alert-channels', { ...webhook, settings: { url: receiver.url } }))).toMatchObject({ status: 400, message: expect.stringContaining('settings.secret') });
    expect(await refusal(await call('POST', '/api/v1/alert-channels', { ...webhook, settings: { url: receiver.url, secret: 'short' } }))).toEqual({ status: 400, message: 'settings.secret: must be at least 16 characters' });
    expect(await refusal(await call('POST', '/api/v1/alert-channels', { name: '合规邮箱', kind: 'email', settings: { addresses: ['compliance@corp.example'] } }))).toMatchObject({ status: 400, message: expect.stringContaining('ALERT_SMTP_URL') });
    expect(await refusal(await call('POST', '/api/v1/alert-channels', { name: '群机器人', kind: 'wecom-robot', settings: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' } }))).toEqual({ status: 400, message: 'settings.url: must carry the robot key as ?key=' });
    expect(await refusal(await call('POST', '/api/v1/alert-routes', { name: '合规', corpId, recipients: ['nobody'] }))).toEqual({ status: 400, message: `recipients.0: the directory of ${corpId} has no employee nobody` });
    expect(await refusal(await call('POST', '/api/v1/alert-routes', { name: '合规', corpId, recipients: [] }))).toEqual({ status: 400, message: 'recipients: must name at least one recipient' });
  });

  it('streams a new alert and its review to dashboards, and posts it signed to the webhook, recorded on the alert', async () => {
    const created = await call('POST', '/api/v1/alert-channels', { name: 'SIEM', kind: 'webhook', minSeverity: 'medium', settings: { url: receiver.url, secret: SECRET } });
    expect(created.status).toBe(201);
    const channel = (await created.json()) as any;
    expect(channel).toMatchObject({ kind: 'webhook', version: 1, settings: { url: receiver.url, secret: '••••••' } });
    // An edit that leaves the secret out keeps it.
    const renamed = await call('PUT', `/api/v1/alert-channels/${channel.id}`, { expectedVersion: 1, name: '安全运营 SIEM', kind: 'webhook', minSeverity: 'medium', settings: { url: receiver.url } });
    expect(renamed.status).toBe(200);
    expect((await call('PUT', `/api/v1/alert-channels/${channel.id}`, { expectedVersion: 1, name: 'lost update', kind: 'webhook', settings: { url: receiver.url } })).status).toBe(409);

    const stream = await SseClient.open(`${stack.api}/api/v1/alerts/stream?corpId=${corpId}`, { authorization: `Bearer ${API_KEY}` });
    try {
      const msgid = `m-${randomUUID()}`;
      expect((await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages: [offBookRecord({ msgid })] })).status).toBe(202);
      const raised = await waitFor(() => stream.events.find((e) => e.event === 'alert.raised'), { timeoutMs: 30_000, description: 'the alert on the stream' });
      const alert = JSON.parse(raised.data);
      expect(alert).toMatchObject({ corpId, employeeId: 'zhangsan', category: 'off-book-deal', msgids: [msgid] });

      const post = await waitFor(() => receiver.posted.find((p) => p.json.alertId === alert.alertId), { timeoutMs: 30_000, description: 'the webhook post' });
      expect(post.json).toMatchObject({ kind: 'alert', corpId, data: { excerpt: expect.stringContaining('飞单') } });
      expect(post.headers['x-chatvault-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      const detail = await waitFor(
        async () => {
          const body = (await (await call('GET', `/api/v1/alerts/${encodeURIComponent(alert.alertId)}`)).json()) as any;
          return body.deliveries?.[0]?.status === 'sent' ? body : undefined;
        },
        { timeoutMs: 30_000, description: 'the delivery recorded on the alert' },
      );
      expect(detail.deliveries).toEqual([expect.objectContaining({ channelId: channel.id, recipient: '', status: 'sent', attempts: 1, error: null })]);

      expect((await call('PATCH', `/api/v1/alerts/${encodeURIComponent(alert.alertId)}`, { status: 'acknowledged', expectedVersion: 1, reason: '我来跟进' })).status).toBe(200);
      const changed = await waitFor(() => stream.events.find((e) => e.event === 'alert.changed'), { timeoutMs: 30_000, description: 'the review step on the stream' });
      expect(JSON.parse(changed.data)).toMatchObject({ alertId: alert.alertId, change: 'transitioned', status: 'acknowledged', version: 2 });
    } finally {
      stream.close();
    }
  });

  it('refuses the stream to a caller without a key', async () => {
    await expect(SseClient.open(`${stack.api}/api/v1/alerts/stream`, {})).rejects.toThrow(/answered 401/);
  });
});
