import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { decode as decodeJpeg } from 'jpeg-js';

/** Chat images are photos and screenshots; anything bigger is not worth blocking the pipeline on. */
const MAX_MEGAPIXELS = 12;

/** The QR payload in a PNG or JPEG image, if it holds one; undecodable images hold none. */
export function decodeQrPayloads(image: Uint8Array): string[] {
  const pixels = decodeImage(image);
  if (!pixels) return [];
  const code = jsQR(pixels.data, pixels.width, pixels.height);
  return code?.data ? [code.data] : [];
}

interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function decodeImage(image: Uint8Array): Pixels | undefined {
  const buffer = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  try {
    if (isPng(buffer)) {
      const png = PNG.sync.read(buffer);
      return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
    }
    if (isJpeg(buffer)) {
      const jpeg = decodeJpeg(buffer, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
      return { data: new Uint8ClampedArray(jpeg.data.buffer, jpeg.data.byteOffset, jpeg.data.byteLength), width: jpeg.width, height: jpeg.height };
    }
  } catch {
    // A truncated or corrupt image is archived as is; it simply carries no readable QR code.
    return undefined;
  }
  return undefined;
}

function isPng(buffer: Buffer): boolean {
  return buffer.length > 8 && buffer.readUInt32BE(0) === 0x89504e47;
}

function isJpeg(buffer: Buffer): boolean {
  return buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8;
}
