import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** performance.now() when the body was complete. */
  receivedAt: number;
}

/** A webhook receiver on 127.0.0.1 that records every post and answers with the status the test sets. */
export class WebhookReceiver {
  readonly posted: ReceivedPost[] = [];
  status = 200;
  url = '';
  private server: Server | undefined;

  async start(path = '/hooks/chatvault'): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        this.posted.push({ headers: request.headers, body, json: JSON.parse(body), receivedAt: performance.now() });
        response.writeHead(this.status).end(this.status === 200 ? 'ok' : 'receiver is down for maintenance');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
