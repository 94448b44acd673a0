// The six matching signals, each a pure function giving a value in [0, 1]. Symmetric by design:
// swapping source and candidate gives the same value (complementarity combines both directions).
import type { NamedNode } from '../../graph/graph.types';
import type {
  CapabilityMatch,
  Corpus,
  MatchProfile,
  MutualConnection,
  Phrase,
} from './match.types';
import { cosine, idf, tfidf, Vector } from './vectors';

/** Below this similarity a need and an offer are not a match. */
export const MATCH_THRESHOLD = 0.3;

export interface PhraseVectors {
  get(phrase: Phrase): Vector;
}

/** Caches phrase vectors for one ranking run (phrases repeat across candidates). */
export function phraseVectors(corpus: Corpus): PhraseVectors {
  const cache = new Map<string, Vector>();
  return {
    get(phrase) {
      let v = cache.get(phrase.id);
      if (!v) {
        v = tfidf(phrase.terms, corpus.capabilities, corpus.capabilityDf);
        cache.set(phrase.id, v);
      }
      return v;
    },
  };
}

export interface PairMatch {
  from: Phrase;
  to: Phrase;
  similarity: number;
}

/**
 * The phrases of a list by term, with their weights, and by id: what bestMatches needs to compare
 * a phrase with only those of the list it shares a term with. Built once per list and ranking run.
 */
interface PhraseIndex {
  postings: Map<string, { at: number[]; weight: number[] }>;
  byId: Map<string, number[]>;
}

const phraseIndexes = new WeakMap<PhraseVectors, WeakMap<readonly Phrase[], PhraseIndex>>();

function phraseIndex(phrases: readonly Phrase[], vectors: PhraseVectors): PhraseIndex {
  let perRun = phraseIndexes.get(vectors);
  if (!perRun) phraseIndexes.set(vectors, (perRun = new WeakMap()));
  let index = perRun.get(phrases);
  if (!index) {
    index = { postings: new Map(), byId: new Map() };
    for (let at = 0; at < phrases.length; at++) {
      const phrase = phrases[at] as Phrase;
      const ids = index.byId.get(phrase.id);
      if (ids) ids.push(at);
      else index.byId.set(phrase.id, [at]);
      for (const [term, weight] of vectors.get(phrase)) {
        let posting = index.postings.get(term);
        if (!posting) index.postings.set(term, (posting = { at: [], weight: [] }));
        posting.at.push(at);
        posting.weight.push(weight);
      }
    }
    perRun.set(phrases, index);
  }
  return index;
}

/**
 * For each phrase of `from`, its best match in `to` at or above the threshold (ties: the smaller
 * id). A phrase is compared only with those sharing a term with it, through an index of `to`:
 * registries that list every project topic as an offer give an organisation hundreds of phrases,
 * and comparing every pair took seconds a match. The cosine is summed over the shared terms in
 * term order, as `cosine` does, so the similarities are the same to the last bit.
 */
export function bestMatches(
  from: readonly Phrase[],
  to: readonly Phrase[],
  vectors: PhraseVectors,
): PairMatch[] {
  return matchPhrases(from, to, vectors, false)[0];
}

/**
 * bestMatches(a, b) and bestMatches(b, a) from one pass over the pairs sharing a term (the cosine
 * is symmetric, to the last bit: the same products summed in the same term order).
 */
export function bestMatchesBothWays(
  a: readonly Phrase[],
  b: readonly Phrase[],
  vectors: PhraseVectors,
): [PairMatch[], PairMatch[]] {
  return matchPhrases(a, b, vectors, true);
}

const better = (similarity: number, id: string, best: PairMatch | null): boolean =>
  similarity >= MATCH_THRESHOLD &&
  (!best || similarity > best.similarity || (similarity === best.similarity && id < best.to.id));

function matchPhrases(
  from: readonly Phrase[],
  to: readonly Phrase[],
  vectors: PhraseVectors,
  backwards: boolean,
): [PairMatch[], PairMatch[]] {
  const out: PairMatch[] = [];
  if (from.length === 0 || to.length === 0) return [out, []];
  const index = phraseIndex(to, vectors);
  const dot = new Float64Array(to.length);
  const seen = new Uint8Array(to.length);
  const touched: number[] = [];
  // For each phrase of `to`, its best match in `from` (`from` is walked in order, as it would be).
  const back: (PairMatch | null)[] = backwards ? to.map(() => null) : [];
  for (const x of from) {
    for (const [term, wx] of vectors.get(x)) {
      const posting = index.postings.get(term);
      if (!posting) continue;
      for (let k = 0; k < posting.at.length; k++) {
        const at = posting.at[k] as number;
        if (seen[at] === 0) {
          seen[at] = 1;
          touched.push(at);
        }
        dot[at] = (dot[at] as number) + wx * (posting.weight[k] as number);
      }
    }
    // The same phrase matches itself fully, whatever its terms.
    for (const at of index.byId.get(x.id) ?? []) {
      if (seen[at] === 0) {
        seen[at] = 1;
        touched.push(at);
      }
    }
    touched.sort((p, q) => p - q);
    let best: PairMatch | null = null;
    for (const at of touched) {
      const y = to[at] as Phrase;
      const similarity = x.id === y.id ? 1 : Math.min(1, Math.max(0, dot[at] as number));
      if (better(similarity, y.id, best)) best = { from: x, to: y, similarity };
      if (backwards && better(similarity, x.id, back[at] ?? null)) {
        back[at] = { from: y, to: x, similarity };
      }
      dot[at] = 0;
      seen[at] = 0;
    }
    touched.length = 0;
    if (best) out.push(best);
  }
  return [out, back.filter((m): m is PairMatch => m !== null)];
}

/** 1 − Π(1 − s): grows with every further match, never above 1. */
export function softOr(values: readonly number[]): number {
  let miss = 1;
  for (const v of [...values].sort((a, b) => a - b)) miss *= 1 - Math.min(1, Math.max(0, v));
  return 1 - miss;
}

export interface Complementarity {
  value: number;
  matches: CapabilityMatch[];
}

/** Needs of each side answered by offers of the other, in both directions. */
export function complementarity(
  s: MatchProfile,
  c: MatchProfile,
  vectors: PhraseVectors,
): Complementarity {
  const sNeeds = bestMatches(s.needs, c.offers, vectors);
  const cNeeds = bestMatches(c.needs, s.offers, vectors);
  const value =
    1 -
    (1 - softOr(sNeeds.map((m) => m.similarity))) * (1 - softOr(cNeeds.map((m) => m.similarity)));
  const matches: CapabilityMatch[] = [
    ...sNeeds.map((m) => ({
      need: m.from,
      offer: m.to,
      neederId: s.id,
      offererId: c.id,
      similarity: m.similarity,
    })),
    ...cNeeds.map((m) => ({
      need: m.from,
      offer: m.to,
      neederId: c.id,
      offererId: s.id,
      similarity: m.similarity,
    })),
  ].sort(
    (a, b) =>
      b.similarity - a.similarity || (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0),
  );
  return { value, matches };
}

export interface CapabilityOverlap {
  value: number;
  pairs: PairMatch[];
}

/** Similar offers on both sides: peers who could co-develop. */
export function capabilityOverlap(
  s: MatchProfile,
  c: MatchProfile,
  vectors: PhraseVectors,
): CapabilityOverlap {
  const [sc, cs] = bestMatchesBothWays(s.offers, c.offers, vectors);
  const value = (softOr(sc.map((m) => m.similarity)) + softOr(cs.map((m) => m.similarity))) / 2;
  return { value, pairs: sc.sort((a, b) => b.similarity - a.similarity) };
}

export interface SectorOverlap {
  value: number;
  shared: NamedNode[];
}

/** Weighted Jaccard of the sector sets, each sector weighted by its rarity. */
export function sectorOverlap(s: MatchProfile, c: MatchProfile, corpus: Corpus): SectorOverlap {
  const weight = (id: string): number => idf(corpus.organizations, corpus.sectorCounts.get(id));
  const cIds = new Set(c.sectors.map((x) => x.id));
  const union = new Map<string, NamedNode>();
  for (const x of [...s.sectors, ...c.sectors]) union.set(x.id, x);
  const shared = s.sectors.filter((x) => cIds.has(x.id));
  let num = 0;
  let den = 0;
  for (const id of [...union.keys()].sort()) den += weight(id);
  for (const x of [...shared].sort((a, b) => (a.id < b.id ? -1 : 1))) num += weight(x.id);
  // Rarest shared sector first, for the reasons.
  shared.sort(
    (a, b) =>
      (corpus.sectorCounts.get(a.id) ?? 0) - (corpus.sectorCounts.get(b.id) ?? 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return { value: den > 0 ? num / den : 0, shared };
}

export interface TextSimilarity {
  value: number;
  sharedTerms: string[];
}

export function descriptionVector(p: MatchProfile, corpus: Corpus): Vector {
  return tfidf(p.descriptionTerms, corpus.organizations, corpus.descriptionDf);
}

export function textSimilarity(sVec: Vector, cVec: Vector): TextSimilarity {
  const shared = [...sVec.keys()].filter((t) => cVec.has(t));
  shared.sort(
    (x, y) =>
      (sVec.get(y) as number) * (cVec.get(y) as number) -
        (sVec.get(x) as number) * (cVec.get(x) as number) || (x < y ? -1 : 1),
  );
  return { value: cosine(sVec, cVec), sharedTerms: shared };
}

/**
 * Adamic–Adar over mutual connections, each weighted by the strength of its two links (a shared
 * collaborator counts fully, a shared sponsor less), squashed into [0, 1) by 1 − e^(−AA / scale)
 * (the source's networkScale; 1 by default).
 */
export function network(
  mutual: readonly MutualConnection[],
  scale = 1,
): {
  value: number;
  adamicAdar: number;
} {
  let aa = 0;
  for (const m of [...mutual].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    aa += (m.strength ?? 1) / Math.log(Math.max(m.degree, 2));
  }
  return { value: networkValue(aa, scale), adamicAdar: aa };
}

/** Adamic–Adar squashed into [0, 1): 1 − e^(−AA / scale). */
export function networkValue(adamicAdar: number, scale = 1): number {
  return 1 - Math.exp(-adamicAdar / scale);
}

/** The rank whose Adamic–Adar sets a source's network scale (see networkScale). */
export const NETWORK_SCALE_RANK = 10;

/**
 * A source's network scale: 1, or the NETWORK_SCALE_RANK-th largest Adamic–Adar among its
 * candidates when that is larger. In dense parts of a graph the best candidates share many
 * partners (Adamic–Adar 3 to 10), where 1 − e^(−AA) is within 0.05 of 1 for all of them: the
 * network no longer tells them apart, and the small signals decide. Dividing by the scale keeps
 * the network telling, and lets scoring stop earlier (rank.ts bounds). Where fewer than that many
 * candidates exceed 1 (sparse graphs, the article's), the scale is 1 and nothing changes.
 */
export function networkScale(adamicAdar: Iterable<number>): number {
  const top: number[] = [];
  for (const aa of adamicAdar) {
    if (aa <= 1) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1] as number) < aa) i--;
    if (i >= NETWORK_SCALE_RANK) continue;
    top.splice(i, 0, aa);
    if (top.length > NETWORK_SCALE_RANK) top.pop();
  }
  return top.length >= NETWORK_SCALE_RANK ? (top[NETWORK_SCALE_RANK - 1] as number) : 1;
}

/**
 * How connected the candidate is, on a log scale: log(1 + relationships) / log(1 + organisations),
 * so 0 for an organisation with none and 1 for one related to everyone. In some ecosystems the
 * organisations already working with many take on most new partners (preferential attachment).
 */
export function activity(relationships: number, organizations: number): number {
  if (relationships <= 0) return 0;
  return Math.min(1, Math.log1p(relationships) / Math.log1p(Math.max(organizations, 1)));
}

export const GEOGRAPHY_LEVELS = { SITE: 1, CITY: 0.6, REGION: 0.35, COUNTRY: 0.25 } as const;

export interface GeographyOverlap {
  value: number;
  /** The most specific place both are in, if any. */
  place: { name: string; kind: keyof typeof GEOGRAPHY_LEVELS } | null;
  sharedMarkets: string[];
}

/** Same site > same city > same region > same country; shared markets add to it. */
export function geography(s: MatchProfile, c: MatchProfile): GeographyOverlap {
  const cPlaces = new Set(c.locationClosure.map((p) => p.id));
  let best: GeographyOverlap['place'] = null;
  let level = 0;
  for (const p of s.locationClosure) {
    if (!cPlaces.has(p.id)) continue;
    const l = GEOGRAPHY_LEVELS[p.kind];
    if (l > level || (l === level && best && p.name < best.name)) {
      level = l;
      best = { name: p.name, kind: p.kind };
    }
  }
  const cMarkets = new Set(c.markets.map((m) => m.id));
  const sMarkets = new Set(s.markets.map((m) => m.id));
  const shared = s.markets.filter((m) => cMarkets.has(m.id));
  const unionSize = new Set([...sMarkets, ...cMarkets]).size;
  const marketJaccard = unionSize ? shared.length / unionSize : 0;
  return {
    value: 1 - (1 - level) * (1 - 0.5 * marketJaccard),
    place: best,
    sharedMarkets: shared.map((m) => m.name).sort(),
  };
}
