/**
 * PKCS#7 padding with an explicit block size: WeCom's callback scheme pads to 32-byte blocks although
 * AES works on 16, so Node's built-in padding (always 16) cannot be used there.
 */
export function pkcs7Pad(data: Buffer, blockSize: number): Buffer {
  const padLength = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(padLength, padLength)]);
}

/** Null when the padding is malformed, so each caller reports it in its own error vocabulary. */
export function pkcs7Unpad(data: Buffer, blockSize: number): Buffer | null {
  if (data.length === 0 || data.length % 16 !== 0) return null;
  const padLength = data[data.length - 1];
  if (padLength < 1 || padLength > blockSize || padLength > data.length) return null;
  for (let i = data.length - padLength; i < data.length; i++) {
    if (data[i] !== padLength) return null;
  }
  return data.subarray(0, data.length - padLength);
}
