// Candidate-generation caps. Defaults come from the offline evaluation and the benchmark's recall
// against the exhaustive baseline (README, "Benchmarks and evaluation"); experiments override them
// through MATCHING_OPTIONS (bench/eval.ts, bench/tune.ts).
export interface MatchingLimits {
  /**
   * Candidates each channel retrieves (with their channel scores) in a graph of 1,000
   * organisations. The cap grows with √(organisations / 1,000), up to maxChannelCap: in larger
   * graphs more candidates tie on each channel's evidence (see channelCapFor).
   */
  channelCap: number;
  maxChannelCap: number;
  /** Retrieved candidates scored in full: the best by blended channel evidence (core/blend.ts). */
  blendKeep: number;
  /** ... and the head of every channel, whatever its blended estimate. */
  channelKeep: number;
  /** Sectors and capabilities with more organisations than this are too common to retrieve by. */
  maxFacetMembers: number;
  /** Terms in more descriptions or capability phrases than this are too common to retrieve by. */
  maxTermDf: number;
  /** Neighbours with more relationships than this are hubs: not walked for 2-hop candidates. */
  maxHubDegree: number;
  /** Rarest query terms used by the text channel. */
  textTerms: number;
}

export const DEFAULT_LIMITS: Readonly<MatchingLimits> = Object.freeze({
  channelCap: 60,
  maxChannelCap: 600,
  blendKeep: 150,
  channelKeep: 10,
  maxFacetMembers: 2000,
  maxTermDf: 2000,
  maxHubDegree: 400,
  textTerms: 16,
});

/** Optional overrides of the defaults (weights and limits), e.g. for the offline evaluation. */
export interface MatchingOptions {
  limits?: Partial<MatchingLimits>;
  weights?: Partial<import('./core/match.types').SignalWeights>;
}

export const MATCHING_OPTIONS = Symbol('MATCHING_OPTIONS');

/**
 * The limits each store runs with. Choosing which of the retrieved candidates to score in full
 * needs the sectors and places of every one of them (about 1,900 at 100k organisations): memory
 * lookups in the embedded store, a round trip of that many profiles from Neo4j. Neo4j keeps the
 * smaller channels and scores all it retrieves.
 */
export function limitsForStore(store: 'embedded' | 'neo4j'): Partial<MatchingLimits> {
  return store === 'neo4j'
    ? { channelCap: 60, maxChannelCap: 60, blendKeep: Number.MAX_SAFE_INTEGER }
    : {};
}

/** The channel cap for a graph of this many organisations: 60 at 1k, 190 at 10k, 600 at 100k. */
export function channelCapFor(
  organizations: number,
  limits: Pick<MatchingLimits, 'channelCap' | 'maxChannelCap'>,
): number {
  const scaled = Math.round(limits.channelCap * Math.sqrt(Math.max(1, organizations / 1000)));
  return Math.min(limits.maxChannelCap, Math.max(limits.channelCap, scaled));
}
