import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, isIPv6, type Socket } from 'node:net';
import { counter, type Logger, type SyslogTarget } from '@chatvault/platform';

const sent = counter('chatvault_alert_syslog_sent_total', 'Syslog messages handed to the network', ['transport']);
const dropped = counter('chatvault_alert_syslog_dropped_total', 'Syslog messages dropped: the queue was full while the receiver was away, or a send failed', ['transport']);
const reconnects = counter('chatvault_alert_syslog_reconnects_total', 'Connections to the syslog receiver lost or refused, each followed by a reconnect after a backoff');

export interface SyslogTransportOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Messages kept for a TCP receiver that is away; the oldest go first beyond this. */
  maxQueued?: number;
}

/**
 * Sends syslog messages without ever making the caller wait: `send` returns at once. UDP sends one
 * datagram per message. TCP frames each with its length (octet counting, RFC 6587) and keeps messages
 * in a bounded queue while the receiver is away, reconnecting with a doubling backoff.
 */
export class SyslogTransport {
  private readonly udp?: UdpSocket;
  private tcp?: Socket;
  private connected = false;
  private readonly queue: string[] = [];
  private backoffMs: number;
  private reconnectTimer?: NodeJS.Timeout;
  private closed = false;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxQueued: number;

  constructor(
    private readonly target: SyslogTarget,
    private readonly logger: Logger,
    options: SyslogTransportOptions = {},
  ) {
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.backoffMs = this.initialBackoffMs;
    if (target.protocol === 'udp') {
      this.udp = createSocket(isIPv6(target.host) ? 'udp6' : 'udp4');
      this.udp.on('error', (error) => this.logger.warn({ err: error }, 'syslog UDP socket error'));
      this.udp.unref();
    } else {
      this.connect();
    }
  }

  send(line: string): void {
    if (this.closed) return;
    if (this.udp) {
      this.udp.send(Buffer.from(line), this.target.port, this.target.host, (error) => {
        if (error) dropped.inc({ transport: 'udp' });
        else sent.inc({ transport: 'udp' });
      });
      return;
    }
    this.queue.push(line);
    if (this.queue.length > this.maxQueued) {
      this.queue.shift();
      dropped.inc({ transport: 'tcp' });
    }
    this.flush();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    if (this.udp) await new Promise<void>((resolve) => this.udp!.close(() => resolve()));
    if (this.tcp) await new Promise<void>((resolve) => this.tcp!.end(() => resolve()));
  }

  private connect(): void {
    const socket = connect({ host: this.target.host, port: this.target.port });
    this.tcp = socket;
    socket.setKeepAlive(true);
    socket.unref();
    socket.on('connect', () => {
      this.connected = true;
      this.backoffMs = this.initialBackoffMs;
      this.logger.info(`connected to the syslog receiver at ${this.target.host}:${this.target.port}`);
      this.flush();
    });
    socket.on('drain', () => this.flush());
    socket.on('error', (error) => this.logger.warn({ err: error }, `syslog receiver at ${this.target.host}:${this.target.port} failed`));
    socket.on('close', () => {
      this.connected = false;
      this.tcp = undefined;
      if (this.closed) return;
      reconnects.inc();
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoffMs);
      this.reconnectTimer.unref();
      this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    });
  }

  private flush(): void {
    while (this.connected && this.tcp && this.queue.length > 0) {
      const line = this.queue.shift()!;
      const wrote = this.tcp.write(`${Buffer.byteLength(line)} ${line}`);
      sent.inc({ transport: 'tcp' });
      // The socket buffers what it cannot send yet; wait for 'drain' rather than pile more on.
      if (!wrote) return;
    }
  }
}
