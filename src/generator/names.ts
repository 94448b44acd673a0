// Invented organisation names: syllables joined into a pronounceable word, completed by a kind's
// pattern ("Voltix Technologies", "University of Meralon"). Unique per ecosystem; collisions are
// retried with a fresh word, then numbered, so generation never stalls.
import { slugify } from '../graph-file/normalize';
import { Rng } from './prng';

// prettier-ignore
const SYLLABLES = [
  'ka', 'lo', 'vi', 'ne', 'tra', 'zen', 'quo', 'mar', 'sol', 'tek', 'ri', 'an', 'dor', 'phi', 'lux',
  'ver', 'no', 'va', 'cy', 'ber', 'gen', 'hel', 'ix', 'or', 'al', 'ta', 'mi', 'ro', 'sen', 'tal',
  'xe', 'yu', 'zo', 'bel', 'cor', 'dyn', 'el', 'fa', 'gal', 'hy', 'io', 'jun', 'kai', 'lum', 'nex',
  'om', 'pra', 'qua', 'syn', 'tor', 'ul', 'vol', 'wen', 'sha', 'ming', 'tian', 'hua', 'lin',
];

const titleCase = (s: string): string =>
  s.replace(/(^|[\s-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

export function inventWord(rng: Rng): string {
  const count = rng.chance(0.55) ? 2 : 3;
  let word = '';
  for (let i = 0; i < count; i++) word += rng.pick(SYLLABLES);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export class NameFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /**
   * A unique name from one of the patterns: {C} invented word, {S} topic short form,
   * {T} topic name (both title case). Uniqueness is on the slug, as the store sees names.
   */
  name(patterns: readonly string[], topicShort: string, topicName: string): string {
    for (let attempt = 0; ; attempt++) {
      const pattern = this.rng.pick(patterns);
      const base = pattern
        .replace('{C}', inventWord(this.rng))
        .replace('{S}', titleCase(topicShort))
        .replace('{T}', titleCase(topicName));
      const name = attempt < 8 ? base : `${base} ${attempt - 6}`;
      const key = slugify(name);
      if (!this.used.has(key)) {
        this.used.add(key);
        return name;
      }
    }
  }
}

/** Initials of a multi-word name ("Voltix Research Institute" → "VRI"), for aliases. */
export function acronym(name: string): string | null {
  const words = name
    .split(/\s+/u)
    .filter((w) => /^\p{L}/u.test(w) && !/^(of|for|and|the)$/iu.test(w));
  if (words.length < 2) return null;
  return words.map((w) => w.charAt(0).toUpperCase()).join('');
}
