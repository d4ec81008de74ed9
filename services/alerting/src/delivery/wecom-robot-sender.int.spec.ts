import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertChannel, alertNotification, FakeWecomServer, rejectionOf } from '@chatvault/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomRobotSender } from './wecom-robot-sender';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

let server: FakeWecomServer;
let baseUrl: string;
const sender = new WecomRobotSender({ sleep: async () => {}, maxAttempts: 3 });

function robotChannel(url: string) {
  return alertChannel('wecom-robot', '合规群机器人', { url });
}

beforeEach(async () => {
  server = new FakeWecomServer({ robotKeys: [KEY] });
  baseUrl = await server.start();
});

afterEach(() => server.stop());

describe('WecomRobotSender against the fake WeCom API', () => {
  it('posts markdown to the robot of the channel address', async () => {
    await sender.send(robotChannel(`${baseUrl}/cgi-bin/webhook/send?key=${KEY}`), alertNotification({ severity: 'critical' }));
    expect(server.robotMessages).toEqual([
      {
        key: KEY,
        message: {
          msgtype: 'markdown',
          markdown: {
            content:
              '**疑似飞单：张三 与 客户A**\n严重程度：<font color="warning">严重</font>\n' +
              '> 规则：飞单（私下交易）\n> 员工：张三（销售部）\n> 时间：2026-11-29 10:00\n> 证据：“我们私下转账吧，别走公司”\n' +
              '[查看告警](https://chatvault.example.com/alerts/alert-1)',
          },
        },
      },
    ]);
    expect(server.requests).toEqual([{ api: 'webhook/send', app: null }]);
  });

  it('keeps markdown within WeCom limits however many lines', async () => {
    await sender.send(robotChannel(`${baseUrl}/cgi-bin/webhook/send?key=${KEY}`), alertNotification({ lines: Array.from({ length: 300 }, (_, i) => `证据 ${i}：我们私下转账吧`) }));
    expect(server.robotMessages).toHaveLength(1);
  });

  it('retries when the robot is rate-limited', async () => {
    server.injectErrors('webhook/send', 45009);
    await sender.send(robotChannel(`${baseUrl}/cgi-bin/webhook/send?key=${KEY}`), alertNotification());
    expect(server.robotMessages).toHaveLength(1);
    expect(server.callsTo('webhook/send')).toBe(2);
  });

  it('fails on an unknown key without naming it', async () => {
    const message = (await rejectionOf(sender.send(robotChannel(`${baseUrl}/cgi-bin/webhook/send?key=removed-robot-key-0001`), alertNotification()))).message;
    expect(message).toBe('wecom-robot 合规群机器人: WeCom knows no robot with this key, was it removed from its group? (WeCom webhook/send failed with errcode 93000: invalid webhook url: unknown key)');
    expect(server.robotMessages).toEqual([]);
  });

  it('fails naming the connection problem when WeCom is down, without the key', async () => {
    await server.stop();
    const message = (await rejectionOf(sender.send(robotChannel(`${baseUrl}/cgi-bin/webhook/send?key=${KEY}`), alertNotification()))).message;
    expect(message).toMatch(/^wecom-robot 合规群机器人: WeCom webhook\/send: request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('fails on an address that is not a robot webhook, without the key', async () => {
    const message = (await rejectionOf(sender.send(robotChannel(`${baseUrl}/cgi-bin/message/send?key=${KEY}`), alertNotification()))).message;
    expect(message).toBe('wecom-robot 合规群机器人: the robot address must be …/cgi-bin/webhook/send?key=…, as WeCom shows it');
    expect(server.requests).toEqual([]);
  });

  it('calls a proxy at the path the address gives, and never puts the key in an error, even where the answer echoes it', async () => {
    const paths: string[] = [];
    const echo = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://echo');
      paths.push(url.pathname);
      const key = url.searchParams.get('key');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 40058, errmsg: `invalid parameter: key ${key}` }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = echo.address() as AddressInfo;
      const message = (await rejectionOf(sender.send(robotChannel(`http://127.0.0.1:${port}/wecom/cgi-bin/webhook/send?key=${KEY}`), alertNotification()))).message;
      expect(paths).toEqual(['/wecom/cgi-bin/webhook/send']);
      expect(message).toBe('wecom-robot 合规群机器人: WeCom webhook/send failed with errcode 40058: invalid parameter: key [key]');
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});
