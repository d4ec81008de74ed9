import { describe, expect, it } from 'vitest';
import type { Message, ProducerBatch } from 'kafkajs';
import { COALESCED_BYTES, CoalescingSender } from './coalescing-sender';

/** A producer whose requests stay open until the test answers them, one at a time as kafkajs's idempotent producer sends them. */
class HeldProducer {
  readonly requests: { batch: ProducerBatch; answer: (error?: Error) => void }[] = [];

  sendBatch(batch: ProducerBatch): Promise<never[]> {
    return new Promise((resolve, reject) => this.requests.push({ batch, answer: (error) => (error ? reject(error) : resolve([])) }));
  }

  topicsOf(request: number): [string, string[]][] {
    return this.requests[request]!.batch.topicMessages!.map(({ topic, messages }) => [topic, messages.map((m) => String(m.value))]);
  }
}

const message = (value: string): Message => ({ key: 'k', value });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingSender', () => {
  it('sends at once when idle, and what waits meanwhile in one request, in the order it was sent', async () => {
    const producer = new HeldProducer();
    const sender = new CoalescingSender(producer);
    const first = sender.send('a', [message('1')]);
    await settle();
    expect(producer.requests).toHaveLength(1);

    const waiting = [sender.send('b', [message('2')]), sender.send('a', [message('3'), message('4')]), sender.send('b', [message('5')])];
    await settle();
    expect(producer.requests).toHaveLength(1);

    producer.requests[0]!.answer();
    await first;
    await settle();
    expect(producer.requests).toHaveLength(2);
    expect(producer.requests[1]!.batch.acks).toBe(-1);
    expect(producer.topicsOf(1)).toEqual([
      ['b', ['2']],
      ['a', ['3', '4']],
      ['b', ['5']],
    ]);
    producer.requests[1]!.answer();
    await Promise.all(waiting);
  });

  it('fails the sends of a failed request only', async () => {
    const producer = new HeldProducer();
    const sender = new CoalescingSender(producer);
    const first = sender.send('a', [message('1')]);
    await settle();
    const second = sender.send('a', [message('2')]);
    producer.requests[0]!.answer(new Error('broker gone'));
    await expect(first).rejects.toThrow('broker gone');
    await settle();
    producer.requests[1]!.answer();
    await expect(second).resolves.toBeUndefined();
  });

  it('sends a failed request again one send at a time, so only the send the broker refuses fails', async () => {
    const producer = new HeldProducer();
    const sender = new CoalescingSender(producer);
    const first = sender.send('a', [message('first')]);
    await settle();
    const merged = Promise.allSettled([sender.send('a', [message('fine')]), sender.send('b', [message('too large')]), sender.send('a', [message('also fine')])]);
    producer.requests[0]!.answer();
    await first;
    await settle();
    producer.requests[1]!.answer(new Error('MESSAGE_TOO_LARGE'));
    for (const [i, error] of [[2], [3, new Error('MESSAGE_TOO_LARGE')], [4]] as const) {
      await settle();
      producer.requests[i]!.answer(error);
    }
    const outcomes = await merged;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(producer.requests.slice(2).map((_, i) => producer.topicsOf(i + 2))).toEqual([[['a', ['fine']]], [['b', ['too large']]], [['a', ['also fine']]]]);
  });

  it('merges sends up to COALESCED_BYTES of values, and sends a larger send on its own', async () => {
    const producer = new HeldProducer();
    const sender = new CoalescingSender(producer);
    const overHalf = 'x'.repeat(COALESCED_BYTES / 2 + 1);
    const values = ['first', overHalf, overHalf, overHalf + overHalf, 'small', 'small'];
    const sends = values.map((value) => sender.send('a', [message(value)]));
    for (let i = 0; i < values.length; i++) {
      await settle();
      producer.requests[i]?.answer();
    }
    await Promise.all(sends);
    expect(producer.requests.map((r) => r.batch.topicMessages!.map((t) => t.messages.map((m) => String(m.value).length)))).toEqual([
      [[5]],
      [[overHalf.length]],
      [[overHalf.length]],
      [[2 * overHalf.length]],
      [[5], [5]],
    ]);
  });
});
