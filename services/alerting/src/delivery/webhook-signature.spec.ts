import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'receiver-shared-secret-0001';
const body = '{"deliveryId":"delivery-1","title":"疑似飞单"}';
const now = Date.parse('2026-11-29T02:00:00Z');
const timestamp = now / 1000;

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of timestamp, dot and body, as receivers recompute it', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a signature made within the tolerance', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now)).toBe(true);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now + 300_000)).toBe(true);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now - 300_000)).toBe(true);
  });

  it('rejects a replay outside the tolerance even with a valid signature', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now + 301_000)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now - 301_000)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body, now + 61_000, 60)).toBe(false);
  });

  it('rejects a tampered body, a moved timestamp, another secret and malformed headers', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature }, body.replace('飞单', '正常'), now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(timestamp + 1), signature }, body, now)).toBe(false);
    expect(verifyWebhook('another-secret-of-16+', { timestamp: String(timestamp), signature }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: 'yesterday', signature }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature: signature.slice(0, -1) }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(timestamp), signature: '' }, body, now)).toBe(false);
  });
});
