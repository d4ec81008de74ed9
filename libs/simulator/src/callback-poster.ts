import { WecomCallbackCrypto } from '@chatvault/wecom';
import type { SimulatedCallback } from './simulated-callbacks';

/** A callback configuration as the WeCom admin console holds it: the URL, Token and EncodingAESKey. */
export interface CallbackTarget {
  /** The full callback URL, e.g. http://localhost:8080/api/v1/wecom/callback/wwcorp. */
  url: string;
  corpId: string;
  token: string;
  encodingAesKey: string;
}

/**
 * Posts each callback as WeCom does: encrypted and signed with the corp's Token and EncodingAESKey,
 * stamped with the current time (receivers refuse stale ones), one after the other. Stops at the first
 * one not answered with "success", naming it and the answer.
 */
export async function postCallbacks(target: CallbackTarget, callbacks: readonly SimulatedCallback[]): Promise<number> {
  const crypto = new WecomCallbackCrypto({ token: target.token, encodingAesKey: target.encodingAesKey, receiverId: target.corpId });
  for (const [i, callback] of callbacks.entries()) {
    const { query, body } = crypto.encrypt(callback.xml);
    const url = new URL(target.url);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body }).catch((error: Error) => {
      throw new Error(`cannot reach ${target.url}: ${error.message} (${String(error.cause ?? '')})`);
    });
    const answer = await response.text();
    if (!response.ok || answer !== 'success') {
      throw new Error(`${target.url} refused callback ${i + 1} of ${callbacks.length} (${callback.event} for ${callback.eventId}): HTTP ${response.status} ${answer}`);
    }
  }
  return callbacks.length;
}
