import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTopic } from '@chatvault/contracts';
import { decodeValue } from './topic-codec';

const topic = defineTopic({ name: 'codec.v1', schemaVersion: 1, schema: z.object({ n: z.number().min(0) }), keyOf: () => 'k' });

describe('decodeValue', () => {
  it('checks a value against the topic schema unless that very schema validated it when it was published', () => {
    expect(decodeValue(topic, '{"n":-1}')).toEqual({ ok: false, reason: 'value does not match the schema of codec.v1: n: Too small: expected number to be >=0' });
    expect(decodeValue(topic, '{"n":-1}', z.object({ n: z.number() }))).toMatchObject({ ok: false });
    // What encodeValues wrote after its own check: parsed only.
    expect(decodeValue(topic, '{"n":1}', topic.schema)).toEqual({ ok: true, value: { n: 1 } });
  });

  it('refuses a value that is not JSON, whoever published it', () => {
    expect(decodeValue(topic, '{n:1}', topic.schema)).toMatchObject({ ok: false, reason: expect.stringContaining('message on codec.v1 is not JSON') });
  });
});
