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
  /**
   * 200: with the network carrying three quarters of the weight, 200 per channel finds 0.985 of
   * the exhaustive top 10 at 100k in 22 ms, where 600 found all of it in 34 ms
   * (bench/results/caps-100k-learned.md; the previous weights needed 600 for 0.985).
   */
  maxChannelCap: number;
  /**
   * Retrieved candidates scored in full: the best by blended channel evidence (core/blend.ts).
   * 60 where the blend reads the candidates' profiles (embedded): at 100k organisations 40, 60,
   * 80, 100 and 150 found 0.972, 0.985, 0.985, 0.985 and 0.985 of the exhaustive top 10
   * (bench/results/caps-100k-keeps.md), and on the generated 10k, project-based 8k and dense 30k
   * graphs 60 and 150 gave the same Hits@10 (0.219, 0.307; 0.191 against 0.190) with half the
   * candidates scored (bench/results/blend-keep-2026-11-27.md).
   */
  blendKeep: number;
  /**
   * The keep of the weight fit's rankings (heldBackRanking): 150, as before the serving keep came
   * down to 60, so that the fit still learns from candidates the default weights rank lower.
   */
  fitBlendKeep: number;
  /** ... and the head of every channel, whatever its blended estimate. */
  channelKeep: number;
  /**
   * Whether the blend reads the sectors, places and phrases of every retrieved candidate (exact
   * sector and geography values, a complementarity estimate) or estimates from channel scores only.
   */
  blendWithProfiles: boolean;
  /** Sectors and capabilities with more organisations than this are too common to retrieve by. */
  maxFacetMembers: number;
  /** Terms in more descriptions or capability phrases than this are too common to retrieve by. */
  maxTermDf: number;
  /** Neighbours with more relationships than this are hubs: not walked for 2-hop candidates. */
  maxHubDegree: number;
  /** Rarest query terms used by the text channel. */
  textTerms: number;
  /**
   * The most connected organisations retrieved (ACTIVE channel). 20: on the project-based graph
   * 10, 20, 30, 50 and all 170 (the channel cap there) gave Hits@10 0.304, 0.306, 0.298, 0.293
   * and 0.297, and with ACTIVITY at 0.4, 20 did as well as 170 (0.322, 0.321); a top 10 has room
   * for ten of them at most. At 100k organisations all 200 cost 3.5 ms a query in the embedded
   * store (the blend reads each candidate), 20 a tenth of that.
   */
  activeCap: number;
}

export const DEFAULT_LIMITS: Readonly<MatchingLimits> = Object.freeze({
  channelCap: 60,
  maxChannelCap: 200,
  blendKeep: 60,
  fitBlendKeep: 150,
  channelKeep: 10,
  blendWithProfiles: true,
  maxFacetMembers: 2000,
  maxTermDf: 2000,
  maxHubDegree: 400,
  textTerms: 16,
  activeCap: 20,
});

/** Optional overrides of the defaults (weights and limits), e.g. for the offline evaluation. */
export interface MatchingOptions {
  limits?: Partial<MatchingLimits>;
  weights?: Partial<import('./core/match.types').SignalWeights>;
  /**
   * Whether a mutual connection counts by the types of its two links (core/paths.ts LINK_STRENGTH:
   * a shared collaborator fully, a shared supporter less) as well as by its degree. On by default
   * (the article's cases need it); off for experiments (`npm run eval -- --untyped-network`).
   */
  weighLinkTypes?: boolean;
  /**
   * Whether the strength of each pair of link types is learned from the graph (a sample of wedges,
   * core/link-strength.ts) rather than taken from the fixed table. On by default; only matters when
   * weighLinkTypes is on (`npm run eval -- --fixed-link-types` turns it off).
   */
  learnLinkTypes?: boolean;
  /** How the wedges are sampled, and how often (ms) the strengths are learned again. */
  linkTypeSampling?: Partial<import('./link-type-sampler').WedgeSampling>;
  linkTypeRelearnMs?: number;
  /**
   * Whether the signal weights are fitted to the graph (core/weight-fit.ts), starting from the
   * defaults (or `weights`). On by default; `npm run eval -- --fixed-weights` turns it off.
   */
  learnWeights?: boolean;
  weightSampling?: Partial<WeightSampling>;
  weightRelearnMs?: number;
}

export interface WeightSampling {
  /** Sources drawn, each with one partner held back. */
  sources: number;
  /** Fewer usable sources than this (a small graph): the defaults are kept, nothing is fitted. */
  minExamples: number;
  seed: number;
  /**
   * No source is started after this many milliseconds: the fit uses the examples it has (if at
   * least minExamples). A guard for graphs where scoring every candidate of a source in full is
   * slow (a 30k-organisation graph with hundreds of phrases per organisation took 209 s for 600).
   */
  budgetMs?: number;
  /**
   * When the graph's relationships have years: the share of them, newest first, that the fit
   * treats as "formed later". The cut-off is the year where that share begins; every source's
   * partners first met from then on are held back, and the graph is seen as it stood before
   * (heldBackSince). 0: no cut-off, each source's own newest partners are held back (heldBack).
   */
  recentShare: number;
}

export const DEFAULT_WEIGHT_SAMPLING: Readonly<WeightSampling> = Object.freeze({
  sources: 600,
  minExamples: 300,
  seed: 1,
  budgetMs: 300_000,
  recentShare: 0.1,
});

/** Fitting the weights scores a few hundred queries in full: refreshed hourly, in the background. */
export const WEIGHT_RELEARN_MS = 60 * 60 * 1000;

/** The learned link-type strengths are refreshed this often, in the background. */
export const LINK_TYPE_RELEARN_MS = 10 * 60 * 1000;

export const MATCHING_OPTIONS = Symbol('MATCHING_OPTIONS');

/**
 * The limits each store runs with. Reading the sectors, places and phrases of every retrieved
 * candidate for the blend costs memory lookups in the embedded store but a round trip of that
 * many profiles from Neo4j (about 550 at 10k organisations): Neo4j blends on channel scores alone.
 * It used to score 300 of the blend in full to make up for that; with the network-heavy weights
 * 150 keep the same recall (0.998 against the exhaustive top 10 at 10k) at 63 ms over HTTP
 * instead of 79 (bench/results/bench-2026-11-26T16-46-03.md against bench-2026-11-26T15-50-59.md).
 * Its estimates are rougher than the embedded store's, so it keeps 100 where the embedded keeps
 * 60: at 10k organisations (50 sources, in process, default weights) 150, 100 and 60 found 1.000,
 * 0.992 and 0.978 of the exhaustive top 10 in 82, 71 and 58 ms a query.
 */
export function limitsForStore(store: 'embedded' | 'neo4j'): Partial<MatchingLimits> {
  return store === 'neo4j' ? { blendKeep: 100, blendWithProfiles: false } : {};
}

/** The channel cap for a graph of this many organisations: 60 at 1k, 190 at 10k, 200 from 11k on. */
export function channelCapFor(
  organizations: number,
  limits: Pick<MatchingLimits, 'channelCap' | 'maxChannelCap'>,
): number {
  const scaled = Math.round(limits.channelCap * Math.sqrt(Math.max(1, organizations / 1000)));
  return Math.min(limits.maxChannelCap, Math.max(limits.channelCap, scaled));
}
