// How much a mutual connection says, by the types of its two links, learned from the graph itself.
//
// A mutual connection z of a source s and a candidate c is a wedge s–z–c. Adamic–Adar counts it as
// 1 / log(degree of z) whatever its links are. Whether a shared supporter says as much as a shared
// collaborator depends on the ecosystem: in the article, the enterprises one office supports rarely
// work with each other; in other graphs they do. So the strength of each pair of link types is
// measured on a sample of wedges: how often wedges of that pair are closed (their ends related)
// against how often Adamic–Adar expects them to be, given their centres' degrees. Pairs seen rarely
// are shrunk towards the fixed table (core/paths.ts LINK_STRENGTH) that the article's cases need.
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../graph/graph.types';
import { LINK_STRENGTH, linkStrength } from './paths';

/** Two organisations related to one centre, and whether they are related to each other. */
export interface WedgeObservation {
  /** Distinct organisations related to the centre. */
  centreDegree: number;
  /** Types of the centre's relationships to each end. */
  typesA: readonly RelationshipType[];
  typesB: readonly RelationshipType[];
  closed: boolean;
}

export interface PairStrength {
  /** Primary link types of the two ends, sorted. */
  types: [RelationshipType, RelationshipType];
  /** What a mutual connection with these two links counts for (Adamic–Adar counts 1). */
  strength: number;
  /** The fixed table's value, which few observations are shrunk towards. */
  prior: number;
  observed: number;
  closed: number;
  /** Closed wedges Adamic–Adar would expect among those observed. */
  expected: number;
}

export interface LinkTypeStrengths {
  /** By pairKey, for every pair of relationship types. */
  pairs: ReadonlyMap<string, PairStrength>;
  observations: number;
  /** Closed share of the observed wedges. */
  closedShare: number;
}

export interface LearnOptions {
  /** Weight of the prior, in expected closed wedges. */
  priorWeight: number;
  /** Learned strengths are kept within [min, max]. */
  min: number;
  max: number;
}

export const DEFAULT_LEARN_OPTIONS: Readonly<LearnOptions> = Object.freeze({
  priorWeight: 5,
  min: 0.1,
  max: 3,
});

/** The type a link of several types counts as: the strongest in the fixed table, then by name. */
export function primaryType(types: readonly RelationshipType[]): RelationshipType | null {
  let best: RelationshipType | null = null;
  for (const t of types) {
    if (
      best === null ||
      LINK_STRENGTH[t] > LINK_STRENGTH[best] ||
      (LINK_STRENGTH[t] === LINK_STRENGTH[best] && t < best)
    )
      best = t;
  }
  return best;
}

export function pairKey(a: RelationshipType, b: RelationshipType): string {
  return a < b ? `${a}+${b}` : `${b}+${a}`;
}

const inverseLogDegree = (degree: number): number => 1 / Math.log(Math.max(degree, 2));

/**
 * Strength of each pair of link types: (closed + w · prior) / (expected + w), where expected is
 * Σ c / log(centre degree) over the pair's wedges and c is fitted on all wedges, so that a pair
 * closing just as Adamic–Adar predicts counts 1. With no closed wedge at all, the prior.
 */
export function learnLinkStrengths(
  observations: readonly WedgeObservation[],
  options: LearnOptions = DEFAULT_LEARN_OPTIONS,
): LinkTypeStrengths {
  const tally = new Map<string, { observed: number; closed: number; weight: number }>();
  let closed = 0;
  let weight = 0;
  for (const o of observations) {
    const a = primaryType(o.typesA);
    const b = primaryType(o.typesB);
    if (a === null || b === null) continue;
    const key = pairKey(a, b);
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { observed: 0, closed: 0, weight: 0 }));
    const w = inverseLogDegree(o.centreDegree);
    t.observed++;
    t.weight += w;
    weight += w;
    if (o.closed) {
      t.closed++;
      closed++;
    }
  }
  const rate = weight > 0 ? closed / weight : 0;
  const pairs = new Map<string, PairStrength>();
  RELATIONSHIP_TYPES.forEach((a, i) => {
    for (const b of RELATIONSHIP_TYPES.slice(i)) {
      const key = pairKey(a, b);
      const t = tally.get(key) ?? { observed: 0, closed: 0, weight: 0 };
      const prior = LINK_STRENGTH[a] * LINK_STRENGTH[b];
      const expected = rate * t.weight;
      const learned =
        closed === 0
          ? prior
          : (t.closed + options.priorWeight * prior) / (expected + options.priorWeight);
      pairs.set(key, {
        types: a < b ? [a, b] : [b, a],
        strength: Math.min(options.max, Math.max(options.min, learned)),
        prior,
        observed: t.observed,
        closed: t.closed,
        expected,
      });
    }
  });
  const observed = observations.length;
  return { pairs, observations: observed, closedShare: observed ? closed / observed : 0 };
}

/**
 * What a mutual connection counts for, by the types of its links to the source and to the
 * candidate: the learned strength of their primary types, or (with no model) the fixed table,
 * where several links on one side reinforce each other.
 */
export function mutualStrength(
  model: LinkTypeStrengths | null,
  typesToSource: readonly RelationshipType[],
  typesToCandidate: readonly RelationshipType[],
): number {
  if (!model) return linkStrength(typesToSource) * linkStrength(typesToCandidate);
  const a = primaryType(typesToSource);
  const b = primaryType(typesToCandidate);
  if (a === null || b === null) return 0;
  return model.pairs.get(pairKey(a, b))?.strength ?? LINK_STRENGTH[a] * LINK_STRENGTH[b];
}
