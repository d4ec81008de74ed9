import { pinyin } from 'pinyin-pro';
import { foldString } from './char-fold';

const HAN = /\p{Script=Han}/u;
/** Beyond this many Han characters, mixing hanzi and pinyin per character explodes combinatorially. */
const MAX_MIXED_LENGTH = 4;

export interface VariantFlags {
  pinyin?: boolean;
  initials?: boolean;
}

/**
 * The folded spellings that should match a keyword: the keyword itself and, when asked, its pinyin
 * (飞单 → feidan and the half-typed fei单, 飞dan) and initials (fd). pinyin-pro picks the reading
 * a polyphonic character has in this word.
 */
export function keywordVariants(keyword: string, flags: VariantFlags): string[] {
  const folded = foldString(keyword);
  const variants = new Set<string>([folded]);
  if (!flags.pinyin && !flags.initials) return [...variants];
  const chars = [...folded];
  if (!chars.some((char) => HAN.test(char))) return [...variants];
  const syllables = pinyin(folded, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  if (syllables.length !== chars.length) return [...variants];
  if (flags.pinyin) {
    variants.add(syllables.join(''));
    if (chars.length <= MAX_MIXED_LENGTH) for (const mixed of mixtures(chars, syllables)) variants.add(mixed);
  }
  if (flags.initials) variants.add(chars.map((char, i) => (HAN.test(char) ? syllables[i]![0] : char)).join(''));
  return [...variants];
}

/** Every spelling with some Han characters replaced by their syllable. */
function mixtures(chars: readonly string[], syllables: readonly string[]): string[] {
  const out: string[] = [];
  for (let mask = 1; mask < 1 << chars.length; mask++) {
    out.push(chars.map((char, i) => (mask & (1 << i) && HAN.test(char) ? syllables[i] : char)).join(''));
  }
  return out;
}
