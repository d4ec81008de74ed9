import type { SeededRandom } from './seeded-random';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Ids in the shapes WeCom hands out, drawn from the simulation's PRNG so a seed reproduces them. */
export class WecomIds {
  private msgCount = 0;

  constructor(private readonly rng: SeededRandom) {}

  /** external_userid: wm (or wo) and 30 more characters. */
  externalUser(prefix: 'wm' | 'wo' = 'wm'): string {
    return prefix + this.rng.chars(BASE64, 30);
  }

  /** Group chats (roomid / chat_id) start with wr. */
  room(): string {
    return 'wr' + this.rng.chars(BASE64, 30);
  }

  /** The archive's msgids; those of chats with external contacts end in _external. */
  msgid(external: boolean): string {
    this.msgCount++;
    return `${this.rng.chars(BASE64, 26)}${this.msgCount.toString(36).toUpperCase()}=${external ? '_external' : ''}`;
  }

  sdkfileid(): string {
    return this.rng.chars(BASE64, 120);
  }

  md5(): string {
    return this.rng.chars(HEX, 32);
  }

  /** A meeting, call or vote id. */
  numeric(digits: number): string {
    return String(this.rng.int(1, 9)) + this.rng.chars('0123456789', digits - 1);
  }
}
