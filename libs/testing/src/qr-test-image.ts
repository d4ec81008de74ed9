import { PNG } from 'pngjs';
import { encode as encodeJpeg } from 'jpeg-js';

/*
 * A minimal QR encoder for test fixtures: byte mode, error correction L, versions 1–4 (one block,
 * no version information), mask 0. Enough for the URLs WeChat and payment apps put in their codes,
 * so tests feed jsQR real images rather than a mock.
 */

const DATA_CODEWORDS = [0, 19, 34, 55, 80];
const EC_CODEWORDS = [0, 7, 10, 15, 20];
const MODULE_PX = 6;
const QUIET_MODULES = 4;

export function qrPng(text: string): Uint8Array {
  const { pixels, width } = render(qrModules(text));
  const png = new PNG({ width, height: width });
  png.data = Buffer.from(pixels);
  return PNG.sync.write(png);
}

export function qrJpeg(text: string): Uint8Array {
  const { pixels, width } = render(qrModules(text));
  return encodeJpeg({ data: Buffer.from(pixels), width, height: width }, 95).data;
}

function qrModules(text: string): boolean[][] {
  const bytes = [...Buffer.from(text, 'utf8')];
  const version = DATA_CODEWORDS.findIndex((capacity, v) => v > 0 && capacity >= bytes.length + 2);
  if (version < 1) throw new Error(`"${text}" is too long for the test encoder (versions 1–4)`);
  const data = dataCodewords(bytes, DATA_CODEWORDS[version]!);
  const codewords = [...data, ...remainder(data, EC_CODEWORDS[version]!)];
  const size = 17 + 4 * version;
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (x: number, y: number, dark: boolean) => {
    modules[y]![x] = dark;
    reserved[y]![x] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, ring !== 2 && ring !== 4);
      }
    }
  }
  if (version >= 2) {
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(size - 7 + dx, size - 7 + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }
  drawFormat(set, size);
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vertical = 0; vertical < size; vertical++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vertical : vertical;
        if (reserved[y]![x] || bit >= codewords.length * 8) continue;
        const dark = ((codewords[bit >>> 3]! >>> (7 - (bit & 7))) & 1) === 1;
        modules[y]![x] = dark !== ((x + y) % 2 === 0);
        bit++;
      }
    }
  }
  return modules;
}

function dataCodewords(bytes: readonly number[], capacity: number): number[] {
  const bits: number[] = [];
  const push = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4);
  push(bytes.length, 8);
  for (const byte of bytes) push(byte, 8);
  push(0, Math.min(4, capacity * 8 - bits.length));
  while (bits.length % 8 !== 0) bits.push(0);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((n, b) => (n << 1) | b, 0));
  for (let pad = 0xec; out.length < capacity; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

/** Error correction level L (01) with mask 0, BCH-protected and masked as the standard says. */
function drawFormat(set: (x: number, y: number, dark: boolean) => void, size: number): void {
  const data = (1 << 3) | 0;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bitAt = (i: number) => ((bits >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) set(8, i, bitAt(i));
  set(8, 7, bitAt(6));
  set(8, 8, bitAt(7));
  set(7, 8, bitAt(8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bitAt(i));
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bitAt(i));
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, bitAt(i));
  set(8, size - 8, true);
}

function multiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function remainder(data: readonly number[], degree: number): number[] {
  const divisor = new Array<number>(degree).fill(0);
  divisor[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      divisor[j] = multiply(divisor[j]!, root);
      if (j + 1 < degree) divisor[j]! ^= divisor[j + 1]!;
    }
    root = multiply(root, 0x02);
  }
  const result = new Array<number>(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ result.shift()!;
    result.push(0);
    for (let i = 0; i < degree; i++) result[i]! ^= multiply(divisor[i]!, factor);
  }
  return result;
}

function render(modules: boolean[][]): { pixels: Uint8Array; width: number } {
  const width = (modules.length + 2 * QUIET_MODULES) * MODULE_PX;
  const pixels = new Uint8Array(width * width * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let py = 0; py < MODULE_PX; py++) {
        for (let px = 0; px < MODULE_PX; px++) {
          const offset = (((y + QUIET_MODULES) * MODULE_PX + py) * width + (x + QUIET_MODULES) * MODULE_PX + px) * 4;
          pixels.fill(0, offset, offset + 3);
        }
      }
    }),
  );
  return { pixels, width };
}
