import { describe, expect, it } from 'vitest';
import { isResidentIdNumber, passesLuhn } from './pii-checksums';

describe('resident identity number', () => {
  it('accepts numbers whose check character is right, X included', () => {
    expect(isResidentIdNumber('110105199003071239')).toBe(true);
    expect(isResidentIdNumber('44030619920815789X')).toBe(true);
    expect(isResidentIdNumber('44030619920815789x')).toBe(true);
  });

  it('rejects a wrong check character, an impossible date or a bad region', () => {
    expect(isResidentIdNumber('110105199003071231')).toBe(false);
    expect(isResidentIdNumber('110105199002301239')).toBe(false);
    expect(isResidentIdNumber('010105199003071239')).toBe(false);
    expect(isResidentIdNumber('11010519900307123')).toBe(false);
  });
});

describe('Luhn', () => {
  it('accepts valid card numbers and rejects a changed digit', () => {
    expect(passesLuhn('6222787789328792172')).toBe(true);
    expect(passesLuhn('4367701746814534')).toBe(true);
    expect(passesLuhn('6222787789328792173')).toBe(false);
    expect(passesLuhn('4367701746814535')).toBe(false);
  });
});
