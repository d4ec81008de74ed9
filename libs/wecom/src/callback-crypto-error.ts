export type CallbackCryptoErrorCode =
  | 'bad_signature'
  | 'bad_corp_id'
  | 'bad_padding'
  | 'bad_payload'
  | 'stale_timestamp'
  | 'replayed'
  | 'bad_aes_key'
  | 'bad_config';

/** A callback that must be refused; the code tells a forged request from a misconfigured key. */
export class CallbackCryptoError extends Error {
  constructor(
    readonly code: CallbackCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackCryptoError';
  }
}
