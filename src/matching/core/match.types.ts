// Inputs and outputs of the pure matching core. No Nest, no I/O: the service gathers these from
// the GraphStore port, the core turns them into scored, explained suggestions.
import type { NamedNode, OrganizationKind, PlaceKind } from '../../graph/graph.types';

export const SIGNAL_KINDS = [
  'COMPLEMENTARITY',
  'SECTOR',
  'CAPABILITY',
  'TEXT',
  'NETWORK',
  'GEOGRAPHY',
  'ACTIVITY',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type SignalWeights = Record<SignalKind, number>;

/** A capability phrase with its analysed terms (term → count in the phrase). */
export interface Phrase {
  id: string;
  name: string;
  terms: Map<string, number>;
}

export interface PlaceRef {
  id: string;
  name: string;
  kind: PlaceKind;
}

/** What the core knows of one organisation. */
export interface MatchProfile {
  id: string;
  name: string;
  kind: OrganizationKind;
  sectors: NamedNode[];
  offers: Phrase[];
  needs: Phrase[];
  /** Description terms → counts. */
  descriptionTerms: Map<string, number>;
  /** Description terms → a readable word, for reasons. */
  descriptionWords: Map<string, string>;
  /** Its locations. */
  locations: PlaceRef[];
  /** Its locations and every place they lie within. */
  locationClosure: PlaceRef[];
  markets: PlaceRef[];
  /** Number of distinct organisations it has relationships with. */
  relationshipCount: number;
}

/** Corpus statistics that weight evidence by rarity. */
export interface Corpus {
  organizations: number;
  capabilities: number;
  descriptionDf: ReadonlyMap<string, number>;
  capabilityDf: ReadonlyMap<string, number>;
  sectorCounts: ReadonlyMap<string, number>;
}

/** Organisations related to both source and candidate, with their degrees. */
export interface MutualConnection {
  id: string;
  name: string;
  degree: number;
  /**
   * How strong the two links through it are (0..1): the product of the link strengths source–it
   * and it–candidate (see core/paths.ts). Absent counts as 1.
   */
  strength?: number;
}

export interface CandidateEvidence {
  /**
   * The candidate. With `complete`, only its cheap facets need be filled in (id, name, kind,
   * sectors, locations, locationClosure, markets): phrases and description come from `complete`.
   */
  profile: MatchProfile;
  mutual: MutualConnection[];
  /**
   * The whole profile, asked for only when the candidate's best possible score can still reach
   * the top: analysing phrases and descriptions is most of the cost of a candidate.
   */
  complete?: () => MatchProfile;
}

export interface CapabilityMatch {
  need: Phrase;
  offer: Phrase;
  neederId: string;
  offererId: string;
  similarity: number;
}

export interface SignalResult {
  kind: SignalKind;
  value: number;
  weight: number;
  contribution: number;
  /** False when the source has no data for this signal (cold start): it is left out of the score. */
  available: boolean;
}

export interface ScoredCandidate {
  id: string;
  score: number;
  signals: SignalResult[];
  reasons: string[];
  sharedSectors: NamedNode[];
  capabilityMatches: CapabilityMatch[];
  mutual: MutualConnection[];
}
