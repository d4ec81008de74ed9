import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatMessageClassifiedV1 } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { ConfigError, createLogger, loadConfig, metricsRegistry } from '@chatvault/platform';
import { chatMessage, freePort, waitFor } from '@chatvault/testing';
import { AlertRaiser } from '../alert-raiser';
import { AlertSyslogForwarder } from './alert-syslog-forwarder';
import { SyslogTransport } from './syslog-transport';

const logger = createLogger('silent');

/** A real UDP syslog receiver on 127.0.0.1: every datagram is one message. */
async function udpReceiver(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (data) => received.push(data.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** A real TCP syslog receiver that splits the stream by octet counting (RFC 6587). */
async function tcpReceiver(port = 0): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buffer.subarray(0, space).toString('ascii'));
        if (buffer.length < space + 1 + length) return;
        received.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
        buffer = buffer.subarray(space + 1 + length);
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function reconnectCount(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('chatvault_alert_syslog_reconnects_total')?.get();
  return metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

describe('SyslogTransport', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sends each message as one UDP datagram', async () => {
    const receiver = await udpReceiver();
    cleanups.push(receiver.close);
    const transport = new SyslogTransport({ protocol: 'udp', host: '127.0.0.1', port: receiver.port }, logger);
    cleanups.push(() => transport.close());
    transport.send('<106>1 first 飞单');
    transport.send('<106>1 second');
    await waitFor(() => receiver.received.length === 2, { description: 'two datagrams' });
    expect(receiver.received.sort()).toEqual(['<106>1 first 飞单', '<106>1 second']);
  });

  it('frames messages by octet counting over TCP, multibyte characters included', async () => {
    const receiver = await tcpReceiver();
    cleanups.push(receiver.close);
    const transport = new SyslogTransport({ protocol: 'tcp', host: '127.0.0.1', port: receiver.port }, logger);
    cleanups.push(() => transport.close());
    const lines = ['<106>1 一 msg=a\\=b', '<106>1 二 with spaces', '<106>1 三'];
    for (const line of lines) transport.send(line);
    await waitFor(() => receiver.received.length === 3, { description: 'three framed messages' });
    expect(receiver.received).toEqual(lines);
  });

  it('keeps messages while the TCP receiver is away and delivers them once it is back, counting reconnects', async () => {
    const port = await freePort();
    const transport = new SyslogTransport({ protocol: 'tcp', host: '127.0.0.1', port }, logger, { initialBackoffMs: 10, maxBackoffMs: 50 });
    cleanups.push(() => transport.close());
    const before = await reconnectCount();
    transport.send('while nobody listens');
    await waitFor(async () => (await reconnectCount()) >= before + 2, { description: 'refused connections counted' });

    const first = await tcpReceiver(port);
    await waitFor(() => first.received.length === 1, { description: 'the queued message after the receiver started' });
    expect(first.received).toEqual(['while nobody listens']);
    const connectedReconnects = await reconnectCount();
    await first.close();
    // TCP syslog has no acknowledgements: only once the loss is noticed is a message sure to wait for the next connection.
    await waitFor(async () => (await reconnectCount()) > connectedReconnects, { description: 'the lost connection counted' });

    const second = await tcpReceiver(port);
    cleanups.push(second.close);
    transport.send('after the restart');
    await waitFor(() => second.received.includes('after the restart'), { description: 'the message sent after the receiver restarted' });
  });
});

describe('ALERT_SYSLOG_URL', () => {
  it('accepts udp:// and tcp:// with a host and a port, and names the problem otherwise', () => {
    expect(loadConfig({ ALERT_SYSLOG_URL: 'udp://siem.example.com:514' }).ALERT_SYSLOG_URL).toBe('udp://siem.example.com:514');
    expect(loadConfig({ ALERT_SYSLOG_URL: 'tcp://[::1]:6514' }).ALERT_SYSLOG_URL).toBe('tcp://[::1]:6514');
    expect(loadConfig({}).ALERT_SYSLOG_URL).toBeUndefined();
    expect(() => loadConfig({ ALERT_SYSLOG_URL: 'http://siem:514' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALERT_SYSLOG_URL: 'http://siem:514' })).toThrow(/ALERT_SYSLOG_URL must start with udp:\/\/ or tcp:\/\//);
    expect(() => loadConfig({ ALERT_SYSLOG_URL: 'udp://siem' })).toThrow(/a port from 1 to 65535/);
  });
});

describe('AlertSyslogForwarder', () => {
  it('sends a raised alert to the syslog receiver as CEF, without the alert waiting for it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alert-syslog-'));
    const receiver = await udpReceiver();
    const bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    const store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    const config = loadConfig({ ALERT_SYSLOG_URL: `udp://127.0.0.1:${receiver.port}`, CHATVAULT_PUBLIC_URL: 'https://cv.example.com' });
    const forwarder = new AlertSyslogForwarder(bus, store, config, logger);
    try {
      await new AlertRaiser(bus, store, () => Date.now(), config).onModuleInit();
      await forwarder.onModuleInit();
      await bus.start();
      await bus.publish(chatMessageClassifiedV1, [
        {
          eventId: 'classified:m1',
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
          message: chatMessage({ corpId: 'corp', msgid: 'm1', conversationId: 'single:wmA:zhangsan' }),
          employeeId: 'zhangsan',
          hits: [{ hitId: 'm1:kickback', ruleId: 'kickback', category: 'bribery', severity: 'critical', source: 'text', spans: [], excerpt: '回扣|返点', policyId: 'p', policyVersion: 1 }],
        },
      ]);
      await waitFor(() => receiver.received.length === 1, { description: 'the CEF line' });
      expect(receiver.received[0]).toMatch(/^<106>1 \S+ \S+ chatvault \d+ alert\.raised - CEF:0\|ChatVault\|ChatVault\|0\.1\.0\|kickback\|Alert raised: bribery\|10\|/);
      expect(receiver.received[0]).toContain('externalId=m1:kickback cat=bribery suser=zhangsan msg=回扣|返点 request=https://cv.example.com/api/v1/alerts/m1%3Akickback');
    } finally {
      await bus.stop();
      await forwarder.onModuleDestroy();
      await store.close();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
