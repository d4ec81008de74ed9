import { parseArgs } from 'node:util';
import { SIMULATION_DEFAULTS, type SimulateOptions } from '../simulate';

export const USAGE = `usage: npm run simulate -- [--days 3] [--employees 20] [--seed 7] [--start 2024-03-04] [--corp wwsimulated000001]
                       [--out sim.ndjson] [--labels labels.json] [--events events.ndjson] [--directory directory.json]
                       [--to http://localhost:8080 --key KEY]
                       [--callback http://localhost:8080/api/v1/wecom/callback/wwsimulated000001 --token TOKEN --aes-key KEY]`;

export interface SimulateCommand {
  options: SimulateOptions;
  out?: string;
  labels?: string;
  events?: string;
  directory?: string;
  to?: string;
  key?: string;
  /** Where the contact and group events go as WeCom callbacks, with the corp's callback Token and EncodingAESKey. */
  callback?: { url: string; token: string; encodingAesKey: string };
}

export function parseSimulateArgs(args: readonly string[]): SimulateCommand {
  const { values } = parseArgs({
    args: [...args],
    options: {
      days: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      corp: { type: 'string' },
      out: { type: 'string' },
      labels: { type: 'string' },
      events: { type: 'string' },
      directory: { type: 'string' },
      to: { type: 'string' },
      key: { type: 'string' },
      callback: { type: 'string' },
      token: { type: 'string' },
      'aes-key': { type: 'string' },
    },
  });
  if (values.to && !values.key) throw new Error('--to needs --key, an API key with the ingest role');
  const callback = values.callback;
  if (callback !== undefined) {
    if (!URL.canParse(callback)) throw new Error(`--callback needs the callback URL, got "${callback}"`);
    if (!values.token || !values['aes-key']) throw new Error('--callback needs --token and --aes-key, the Token and EncodingAESKey of the corp\'s callback configuration');
    if (!/^[A-Za-z0-9]{43}$/.test(values['aes-key'])) throw new Error('--aes-key must be the 43 letters and digits of the EncodingAESKey');
  }
  const number = (flag: 'days' | 'employees' | 'seed', fallback: number) => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`--${flag} needs a whole number, got "${raw}"`);
    return n;
  };
  return {
    options: {
      ...SIMULATION_DEFAULTS,
      days: number('days', SIMULATION_DEFAULTS.days),
      employees: number('employees', SIMULATION_DEFAULTS.employees),
      seed: number('seed', SIMULATION_DEFAULTS.seed),
      start: values.start ?? SIMULATION_DEFAULTS.start,
      corpId: values.corp ?? SIMULATION_DEFAULTS.corpId,
    },
    out: values.out,
    labels: values.labels,
    events: values.events,
    directory: values.directory,
    to: values.to,
    key: values.key,
    ...(callback ? { callback: { url: callback, token: values.token!, encodingAesKey: values['aes-key']! } } : {}),
  };
}
