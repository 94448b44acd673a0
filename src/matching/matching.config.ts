// Candidate-generation caps. Defaults come from the offline evaluation (README, "Tuning"), and
// each can be overridden through the environment for experiments.
export interface MatchingLimits {
  /** Candidates kept per channel. */
  channelCap: number;
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
