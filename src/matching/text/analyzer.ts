// Text analysis for matching, the one module that wraps `natural`: tokenise, drop stop words,
// stem (Porter), and fold abbreviations and synonyms (graph-seed/synonyms.json) into concepts, so
// that "battery materials simulation" and "AI-powered materials modelling" share terms.
// Only natural's submodules are imported: its package root loads ESM-only code and prints banners.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/config';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as {
  stem(word: string): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { words: naturalStopWords } = require('natural/lib/natural/util/stopwords') as {
  words: string[];
};

/** Bumped whenever analysis changes in a way that changes stored terms. */
const ANALYZER_VERSION = '1';

// Words that say nothing about what an organisation does, on top of natural's English list.
const DOMAIN_STOP_WORDS = [
  'company',
  'companies',
  'limited',
  'ltd',
  'inc',
  'co',
  'group',
  'sample',
  'invented',
  'provide',
  'provides',
  'providing',
  'offer',
  'offers',
  'offering',
  'based',
  'including',
  'include',
  'service',
  'services',
  'solution',
  'solutions',
  'support',
  'new',
  'use',
  'using',
  'well',
  'work',
  'works',
  'working',
  'also',
  'one',
  'two',
  'help',
  'helps',
  'across',
  'within',
  'among',
];

interface SynonymGroup {
  concept: string;
  variants: string[];
}

export interface Analyzer {
  /** Distinct terms of a text (stems and concepts), in first-seen order. */
  terms(text: string): string[];
  /** Terms with their counts, for term-frequency weighting. */
  termCounts(text: string): Map<string, number>;
  /** A readable word for a term: the first word of the text it came from, or the concept. */
  surface(text: string): Map<string, string>;
  /** Changes when the analysis (synonyms, stop words, version) changes. */
  readonly fingerprint: string;
}

const rawWords = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\br\s*&\s*d\b/gu, ' rnd ')
    .replace(/&/gu, ' and ')
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

export function createAnalyzer(groups: readonly SynonymGroup[]): Analyzer {
  const stop = new Set([...naturalStopWords, ...DOMAIN_STOP_WORDS]);
  // Long "words" (CJK runs, hashes) are kept as they are: the Porter stemmer's regexes are
  // quadratic in the word's length, and no English word needs stemming past 40 letters.
  // Memoised: vocabularies are small and Porter stemming dominates analysis time.
  const stems = new Map<string, string>();
  const stem = (w: string): string => {
    let s = stems.get(w);
    if (s === undefined) {
      s = w.length > 40 || /^\p{N}+$/u.test(w) ? w : porter.stem(w);
      if (stems.size > 200_000) stems.clear();
      stems.set(w, s);
    }
    return s;
  };
  const normal = (text: string): { stems: string[]; words: string[] } => {
    const words = rawWords(text).filter((w) => !stop.has(w));
    return { stems: words.map(stem), words };
  };
  // Variant stem sequences → concept, longest first for greedy matching.
  const variants = new Map<string, string>();
  // The longest variant starting with each stem: most words start none, so most positions
  // cost one Map lookup instead of joining candidate phrases.
  const longestFrom = new Map<string, number>();
  for (const g of groups) {
    for (const v of [g.concept, ...g.variants]) {
      const { stems } = normal(v);
      if (stems.length === 0) continue;
      variants.set(stems.join(' '), g.concept);
      const first = stems[0] as string;
      longestFrom.set(first, Math.max(longestFrom.get(first) ?? 0, stems.length));
    }
  }

  const tokens = (text: string): { term: string; word: string }[] => {
    const { stems, words } = normal(text);
    const out: { term: string; word: string }[] = [];
    for (let i = 0; i < stems.length;) {
      let matched = 0;
      for (
        let n = Math.min(longestFrom.get(stems[i] as string) ?? 0, stems.length - i);
        n >= 1;
        n--
      ) {
        const concept = variants.get(stems.slice(i, i + n).join(' '));
        if (concept !== undefined) {
          out.push({ term: concept, word: words.slice(i, i + n).join(' ') });
          matched = n;
          break;
        }
      }
      if (matched === 0) {
        const term = stems[i] as string;
        // One-letter leftovers ("r" of "r&d" without its group) carry no meaning.
        if (term.length > 1 || /\p{N}/u.test(term)) out.push({ term, word: words[i] as string });
        matched = 1;
      }
      i += matched;
    }
    return out;
  };

  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ v: ANALYZER_VERSION, groups, stop: [...stop].sort() }))
    .digest('hex')
    .slice(0, 16);

  return {
    fingerprint,
    terms: (text) => [...new Set(tokens(text).map((t) => t.term))],
    termCounts: (text) => {
      const counts = new Map<string, number>();
      for (const { term } of tokens(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      return counts;
    },
    surface: (text) => {
      const out = new Map<string, string>();
      for (const { term, word } of tokens(text)) if (!out.has(term)) out.set(term, word);
      return out;
    },
  };
}

export const SYNONYMS_FILE = join(PROJECT_ROOT, 'graph-seed', 'synonyms.json');

let shared: Analyzer | undefined;

/** The process-wide analyzer over graph-seed/synonyms.json (SYNONYMS_FILE may point elsewhere). */
export function defaultAnalyzer(): Analyzer {
  if (!shared) {
    const file = process.env.SYNONYMS_FILE ?? SYNONYMS_FILE;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { groups?: SynonymGroup[] };
    shared = createAnalyzer(parsed.groups ?? []);
  }
  return shared;
}
