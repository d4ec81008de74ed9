import type { Message, Producer } from 'kafkajs';

/** Above this many bytes of values, queued sends wait for the next request: one merged request stays the size of an ordinary batch. */
export const COALESCED_BYTES = 512 * 1024;

interface Queued {
  readonly topic: string;
  readonly messages: readonly Message[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends through one idempotent producer, merging the sends that wait into one produce request.
 * kafkajs's idempotent producer sends one request at a time per broker, so concurrent sends (six
 * partitions' handlers publishing at once, an HTTP request behind another) each waited a whole
 * round trip for every send ahead of them. Here a send made while the producer is idle goes at once;
 * sends made meanwhile go together, in the order they were made, as soon as it is free: what the Java
 * client does with its batches. A failed request is sent again one send at a time, so a send fails
 * for its own fault only.
 */
export class CoalescingSender {
  private readonly queue: Queued[] = [];
  private draining = false;

  constructor(private readonly producer: Pick<Producer, 'sendBatch'>) {}

  send(topic: string, messages: readonly Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, bytes: messages.reduce((sum, m) => sum + byteLength(m.value), 0), resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const request = this.takeRequest();
      try {
        await this.sendTogether(request);
        for (const send of request) send.resolve();
      } catch (error) {
        if (request.length === 1) request[0]!.reject(error);
        // One send the broker refuses (a record over its size limit) fails the whole request: alone,
        // the others go through and only that one fails.
        else for (const send of request) await this.sendTogether([send]).then(send.resolve, send.reject);
      }
    }
    this.draining = false;
  }

  private async sendTogether(request: readonly Queued[]): Promise<void> {
    await this.producer.sendBatch({ acks: -1, topicMessages: request.map(({ topic, messages }) => ({ topic, messages: [...messages] })) });
  }

  /** The oldest sends, up to COALESCED_BYTES (at least one, however large). */
  private takeRequest(): Queued[] {
    let bytes = this.queue[0]!.bytes;
    let count = 1;
    while (count < this.queue.length && bytes + this.queue[count]!.bytes <= COALESCED_BYTES) bytes += this.queue[count++]!.bytes;
    return this.queue.splice(0, count);
  }
}

function byteLength(value: Message['value']): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
