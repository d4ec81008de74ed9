import { describe, expect, it } from 'vitest';
import { SIMULATION_DEFAULTS } from '../simulate';
import { parseSimulateArgs } from './simulate-args';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const URL = 'http://localhost:8080/api/v1/wecom/callback/wwcorp';

describe('parseSimulateArgs', () => {
  it('takes the simulation options and where its output goes', () => {
    const command = parseSimulateArgs(['--days', '2', '--employees', '12', '--seed', '9', '--corp', 'wwcorp', '--out', 'sim.ndjson', '--to', 'http://localhost:8080', '--key', 'k']);
    expect(command).toEqual({ options: { ...SIMULATION_DEFAULTS, days: 2, employees: 12, seed: 9, corpId: 'wwcorp' }, out: 'sim.ndjson', to: 'http://localhost:8080', key: 'k' });
  });

  it('takes a callback URL with the Token and EncodingAESKey to sign and encrypt the events with', () => {
    expect(parseSimulateArgs(['--callback', URL, '--token', 'tok', '--aes-key', AES_KEY]).callback).toEqual({ url: URL, token: 'tok', encodingAesKey: AES_KEY });
    expect(parseSimulateArgs([]).callback).toBeUndefined();
  });

  it('refuses a callback it could not send, naming what is missing or wrong', () => {
    expect(() => parseSimulateArgs(['--callback', URL, '--aes-key', AES_KEY])).toThrow('--callback needs --token and --aes-key');
    expect(() => parseSimulateArgs(['--callback', URL, '--token', 'tok'])).toThrow('--callback needs --token and --aes-key');
    expect(() => parseSimulateArgs(['--callback', URL, '--token', 'tok', '--aes-key', 'short'])).toThrow('--aes-key must be the 43 letters and digits');
    expect(() => parseSimulateArgs(['--callback', 'localhost', '--token', 'tok', '--aes-key', AES_KEY])).toThrow('--callback needs the callback URL, got "localhost"');
  });

  it('refuses --to without a key and a count that is not a whole number', () => {
    expect(() => parseSimulateArgs(['--to', 'http://localhost:8080'])).toThrow('--to needs --key');
    expect(() => parseSimulateArgs(['--days', '1.5'])).toThrow('--days needs a whole number, got "1.5"');
  });
});
