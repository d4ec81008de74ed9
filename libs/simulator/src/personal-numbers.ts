import type { SeededRandom } from './seeded-random';

/*
 * Personal numbers that pass the same checks real ones do (the ID checksum, Luhn), so seeded PII is
 * PII by every test, not just by its shape.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const AREAS = ['510104', '510105', '510107', '110101', '310115', '440305'];

export function residentIdNumber(rng: SeededRandom): string {
  const birth = `${rng.int(1965, 2002)}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`;
  const body = `${rng.pick(AREAS)}${birth}${rng.chars('0123456789', 3)}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i]!, 0);
  return body + ID_CHECK[sum % 11];
}

export function mobileNumber(rng: SeededRandom): string {
  return `1${rng.pick(['38', '39', '58', '86', '77', '99'])}${rng.chars('0123456789', 8)}`;
}

/** A 16-digit UnionPay debit card number with a valid Luhn check digit. */
export function bankCardNumber(rng: SeededRandom): string {
  const body = `622202${rng.chars('0123456789', 9)}`;
  return body + luhnCheckDigit(body);
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
