import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postToIngest } from './ingest-poster';

/** A port nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('postToIngest', () => {
  it('names the server it cannot reach', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const record = { msgid: 'm1', action: 'send', from: 'zhangsan', tolist: ['wmCustomer'], roomid: '', msgtime: 1, msgtype: 'text', text: { content: '你好' } };
    await expect(postToIngest(url, 'key', 'corp', [record])).rejects.toThrow(`cannot reach ${url}: fetch failed`);
  });
});
