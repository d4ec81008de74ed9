import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's MAIL FROM and RCPT TO, as the server saw them. */
  from: string;
  to: string[];
  /** Headers unfolded and decoded, by lower-case name. */
  headers: Record<string, string>;
  subject: string;
  /** The text/plain and text/html parts decoded, line breaks as \n; '' when absent. */
  text: string;
  html: string;
}

export interface SmtpSinkOptions {
  /** The reason to refuse a recipient with (550), or undefined to accept it. */
  refuseRecipient?: (address: string) => string | undefined;
}

/**
 * A real SMTP server on 127.0.0.1 for tests (smtp-server), without TLS or authentication: it records
 * every mail it accepts, decoded enough to assert on subject and bodies, and counts connections.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  connections = 0;
  private readonly server: SMTPServer;

  constructor(options: SmtpSinkOptions = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const reason = options.refuseRecipient?.(address.address);
        callback(reason === undefined ? null : Object.assign(new Error(reason), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
          this.mails.push({ ...envelope, ...readMessage(Buffer.concat(chunks).toString('utf8')) });
          callback();
        });
      },
    });
  }

  /** Listens on an ephemeral port; returns the smtp:// URL to send to. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Just enough MIME for what nodemailer writes: one part or multipart/alternative, base64 or quoted-printable. */
function readMessage(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const { headers, body } = splitEntity(raw);
  const parts = [{ headers, body }];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    parts.length = 0;
    // The line break before a boundary belongs to the boundary.
    for (const section of `\r\n${body}`.split(`\r\n--${boundary}`).slice(1, -1)) parts.push(splitEntity(section.replace(/^\r\n/, '')));
  }
  const partOf = (type: string) => parts.find((part) => (part.headers['content-type'] ?? 'text/plain').startsWith(type));
  const decoded = (type: string) => {
    const part = partOf(type);
    return part ? decodeBody(part.body, part.headers['content-transfer-encoding'] ?? '7bit') : '';
  };
  return { headers, subject: headers.subject ?? '', text: decoded('text/plain'), html: decoded('text/html') };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

function decodeBody(body: string, encoding: string): string {
  const bytes = /base64/i.test(encoding) ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : /quoted-printable/i.test(encoding) ? quotedPrintable(body.replace(/=\r\n/g, '')) : Buffer.from(body);
  return bytes.toString('utf8').replace(/\r\n/g, '\n');
}

function quotedPrintable(text: string): Buffer {
  return Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** RFC 2047 encoded words; the space between two of them is not part of the text. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      (kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' '))).toString('utf8'),
    );
}
