/** One Server-Sent Event, with when it arrived (performance.now()). */
export interface SseEvent {
  id: string;
  event: string;
  data: string;
  receivedAt: number;
}

/** Reads a text/event-stream into a list of events as they arrive, until closed. */
export class SseClient {
  readonly events: SseEvent[] = [];
  /** Why reading stopped, if it failed before close(). */
  failure: unknown;
  private constructor(private readonly abort: AbortController) {}

  /** Resolves once the server answered 200; throws with the status and body otherwise. */
  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
    const client = new SseClient(abort);
    void client.read(response.body as unknown as AsyncIterable<Uint8Array>);
    return client;
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: AsyncIterable<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        const blocks = buffered.split('\n\n');
        buffered = blocks.pop()!;
        const receivedAt = performance.now();
        for (const block of blocks) {
          const event: SseEvent = { id: '', event: 'message', data: '', receivedAt };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            // A line starting with a colon is a comment (keep-alive).
            if (colon === 0) continue;
            const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
            if (field === 'data') data.push(value);
            else if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
          }
          if (data.length > 0) this.events.push({ ...event, data: data.join('\n') });
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) this.failure = error;
    }
  }
}
