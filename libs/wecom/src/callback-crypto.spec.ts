import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WecomCallbackCrypto, type CallbackReplayGuard } from './callback-crypto';
import { CallbackCryptoError } from './callback-crypto-error';
import { callbackSignature } from './callback-signature';

/** The sample parameters of WeCom's own WXBizMsgCrypt libraries (C#/C++ sample, 2014). */
const legacySample = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiverId: 'wx5823bf96d3bd56c7' };
/** The sample parameters of the current WeCom callback SDK (Python 3 Sample.py). */
const currentSample = { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', receiverId: 'ww1436e0e65a779aee' };

const atSecond = (seconds: number) => () => seconds * 1000;

function memoryGuard(): CallbackReplayGuard {
  const seen = new Set<string>();
  return {
    setIfAbsent: async (key) => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

async function codeOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CallbackCryptoError) return error.code;
    throw error;
  }
  throw new Error('expected a CallbackCryptoError');
}

describe('WecomCallbackCrypto against WeCom sample vectors', () => {
  it('verifies the URL check of the legacy sample', () => {
    const crypto = new WecomCallbackCrypto({ ...legacySample, now: atSecond(1409659589) });
    const echo = crypto.verifyUrl({
      msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      timestamp: '1409659589',
      nonce: '263014780',
      echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    });
    expect(echo).toBe('1616140317555161061');
  });

  it('decrypts the POST of the legacy sample, whose padding is longer than one AES block', async () => {
    const crypto = new WecomCallbackCrypto({ ...legacySample, now: atSecond(1409659813) });
    const body =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
    const message = await crypto.decryptCallback(body, { msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' });
    expect(message).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
    expect(message).toContain('<Content><![CDATA[hello]]></Content>');
    expect(message).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('verifies the URL check and decrypts the POST of the current sample', async () => {
    const crypto = new WecomCallbackCrypto({ ...currentSample, now: atSecond(1476422779) });
    expect(
      new WecomCallbackCrypto({ ...currentSample, now: atSecond(1476416373) }).verifyUrl({
        msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
        timestamp: '1476416373',
        nonce: '47744683',
        echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
      }),
    ).toBe('1288432023552776189');
    const body = `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>
<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>
<AgentID><![CDATA[1000002]]></AgentID>
</xml>`;
    const message = await crypto.decryptCallback(body, { msg_signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e', timestamp: '1476422779', nonce: '1597212914' });
    expect(message).toContain('<FromUserName>ChenJiaShun</FromUserName>');
    expect(message).toContain('<Content>你好</Content>');
  });

  it('reproduces the legacy sample ciphertext from its plaintext, random prefix and key', () => {
    const crypto = new WecomCallbackCrypto({ ...legacySample, now: atSecond(1409659589) });
    // The echostr's first 16 plaintext bytes are its random prefix; encrypting with them must give WeCom's bytes back.
    const echostr = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    const random = decryptPrefix(legacySample.encodingAesKey, echostr);
    const { encrypt, query } = crypto.encrypt('1616140317555161061', { timestamp: '1409659589', nonce: '263014780', random });
    expect(encrypt).toBe(echostr);
    expect(query.msg_signature).toBe('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3');
  });
});

describe('WecomCallbackCrypto round trips and refusals', () => {
  const now = atSecond(1_700_000_000);
  const options = { ...currentSample, now };

  it('decrypts what it encrypts, for any text and any length', async () => {
    const crypto = new WecomCallbackCrypto(options);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const { body, query } = crypto.encrypt(text);
        expect(Buffer.from(/CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(body)![1], 'base64').length % 32).toBe(0);
        expect(await crypto.decryptCallback(body, query)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a changed signature, a changed payload and a different token', async () => {
    const crypto = new WecomCallbackCrypto(options);
    const { body, query, encrypt } = crypto.encrypt('<xml/>');
    expect(await codeOf(() => crypto.decryptCallback(body, { ...query, msg_signature: query.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }))).toBe('bad_signature');
    expect(await codeOf(() => crypto.decryptCallback(body.replace(encrypt, encrypt.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))), query))).toBe('bad_signature');
    const otherToken = new WecomCallbackCrypto({ ...options, token: 'someOtherToken' });
    expect(await codeOf(() => otherToken.decryptCallback(body, query))).toBe('bad_signature');
  });

  it('refuses a message encrypted for another corp', async () => {
    const forOtherCorp = new WecomCallbackCrypto({ ...options, receiverId: 'ww0000000000000000' });
    const { body, query, encrypt } = forOtherCorp.encrypt('<xml/>');
    const ours = new WecomCallbackCrypto(options);
    expect(await codeOf(() => ours.decryptCallback(body, query))).toBe('bad_corp_id');
    const echoQuery = { ...query, echostr: encrypt };
    expect(await codeOf(() => ours.verifyUrl(echoQuery))).toBe('bad_corp_id');
  });

  it('refuses plaintext whose PKCS#7 padding is wrong, even when signed', async () => {
    const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.alloc(64, 0x41);
    plain[63] = 0; // a zero pad length is never valid
    const encrypt = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    const query = { msg_signature: callbackSignature(options.token, '1700000000', 'n1', encrypt), timestamp: '1700000000', nonce: 'n1' };
    const crypto = new WecomCallbackCrypto(options);
    expect(await codeOf(() => crypto.decryptCallback(`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, query))).toBe('bad_padding');
  });

  it('refuses timestamps outside the replay window, whose size is configurable', async () => {
    const crypto = new WecomCallbackCrypto({ ...options, replayWindowSec: 60 });
    const stale = crypto.encrypt('<xml/>', { timestamp: String(1_700_000_000 - 61) });
    expect(await codeOf(() => crypto.decryptCallback(stale.body, stale.query))).toBe('stale_timestamp');
    const future = crypto.encrypt('<xml/>', { timestamp: String(1_700_000_000 + 61) });
    expect(await codeOf(() => crypto.decryptCallback(future.body, future.query))).toBe('stale_timestamp');
    const inside = crypto.encrypt('<xml/>', { timestamp: String(1_700_000_000 - 59) });
    expect(await crypto.decryptCallback(inside.body, inside.query)).toBe('<xml/>');
  });

  it('accepts a (timestamp, nonce) pair once when a replay guard is configured', async () => {
    const crypto = new WecomCallbackCrypto({ ...options, replayGuard: memoryGuard() });
    const first = crypto.encrypt('<xml>1</xml>', { nonce: '42' });
    expect(await crypto.decryptCallback(first.body, first.query)).toBe('<xml>1</xml>');
    expect(await codeOf(() => crypto.decryptCallback(first.body, first.query))).toBe('replayed');
    const other = crypto.encrypt('<xml>2</xml>', { nonce: '43' });
    expect(await crypto.decryptCallback(other.body, other.query)).toBe('<xml>2</xml>');
  });

  it('does not let a forged request consume a nonce', async () => {
    const guard = memoryGuard();
    const crypto = new WecomCallbackCrypto({ ...options, replayGuard: guard });
    const genuine = crypto.encrypt('<xml/>', { nonce: '7' });
    expect(await codeOf(() => crypto.decryptCallback(genuine.body, { ...genuine.query, msg_signature: '0'.repeat(40) }))).toBe('bad_signature');
    expect(await crypto.decryptCallback(genuine.body, genuine.query)).toBe('<xml/>');
  });

  it('names configuration and payload problems', async () => {
    expect(await codeOf(() => new WecomCallbackCrypto({ ...options, encodingAesKey: 'short' }))).toBe('bad_aes_key');
    expect(await codeOf(() => new WecomCallbackCrypto({ ...options, token: '' }))).toBe('bad_config');
    const crypto = new WecomCallbackCrypto(options);
    expect(await codeOf(() => crypto.decryptCallback('<xml><ToUserName>x</ToUserName></xml>', { msg_signature: 'x', timestamp: '1700000000', nonce: '1' }))).toBe('bad_payload');
  });
});

function decryptPrefix(encodingAesKey: string, encrypted: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  // The first CBC block decrypts independently of the rest: enough to recover the 16 random bytes.
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return decipher.update(Buffer.from(encrypted, 'base64').subarray(0, 16)).subarray(0, 16);
}
