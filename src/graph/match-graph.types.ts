// Records of the graph work that ranking needs, which each adapter implements natively (Cypher in
// Neo4j, in-memory indexes in the embedded store): term statistics, candidate channels, common
// neighbours, place hierarchies and warm paths. Weights arrive as integers, computed by the
// matching core, so that both adapters sum and order them exactly alike.
import type { OrganizationKind, PlaceNode, Relationship, RelationshipType } from './graph.types';

/** Corpus statistics of analysed terms (see matching/text/analyzer.ts). */
export interface TermStats {
  /** Number of organisations. */
  organizations: number;
  /** Number of capability nodes (offered or needed phrases). */
  capabilities: number;
  /** term → number of organisations whose description contains it. */
  descriptionDf: Map<string, number>;
  /** term → number of capability nodes whose phrase contains it. */
  capabilityDf: Map<string, number>;
}

export interface WeightedKey {
  key: string;
  /** A non-negative integer: channel scores are integer sums, exact in every store. */
  weight: number;
}

export interface CandidateFilter {
  kinds: OrganizationKind[] | null;
  /** Candidates in any of these sectors. */
  sectorIds: string[] | null;
  /** Candidates located in any of these places (already expanded to the places within them). */
  placeIds: string[] | null;
  /** Leave out the source's existing partners. */
  excludeConnected: boolean;
}

/**
 * One query per channel; each returns at most `cap` candidate ids ordered by (integer channel
 * score desc, id asc), never the source, and only candidates passing the filter.
 */
export interface CandidateQuery {
  sourceId: string;
  filter: CandidateFilter;
  cap: number;
  /** SECTOR: score = Σ weight of the shared sectors among these (rare ones only). */
  sectors: WeightedKey[];
  /**
   * NEEDS ANSWERED: capabilities containing any of these terms (from the source's needs) score
   * Σ weight of the terms they contain; an organisation offering them scores the max over its
   * matching capabilities. Capabilities offered by more than maxOfferers are skipped.
   */
  needTerms: WeightedKey[];
  /** OFFERS WANTED: the same with the source's offer terms against other organisations' needs. */
  offerTerms: WeightedKey[];
  /** Skip capabilities with more offerers (or needers) than this: common evidence. */
  maxCapabilityOrganizations: number;
  /**
   * NETWORK: organisations two hops away through neighbours z with at most maxHubDegree
   * relationships; score = Σ over such z of floor(1000 / ln(degree(z))).
   */
  maxHubDegree: number;
  /** TEXT: organisations whose description contains any of these terms; score = Σ weights. */
  textTerms: WeightedKey[];
  /**
   * ACTIVE (no evidence needed): the organisations with the most relationships (at least one);
   * score = their number of relationships, as `GraphStore.degrees` counts them. At most
   * activeCap of them (not `cap`); 0 when the query gives the ACTIVITY signal no weight.
   */
  activeCap: number;
  /**
   * The partners excluded and the NETWORK channel's walk as the graph stood at the start of this
   * year (see GraphStore.neighbours); the other channels, ACTIVE included, read the graph as it
   * is. For the weight fit, whose held-back partners must not be found through each other.
   */
  formedBefore?: number;
}

export const CHANNELS = [
  'sector',
  'needsAnswered',
  'offersWanted',
  'network',
  'text',
  'active',
] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * Each channel's candidate ids, best first, and under `scores` the same channel's integer scores
 * in the same order (so that the matching service can blend the channels' evidence).
 */
export type CandidateChannels = Record<ChannelName, string[]> & {
  scores: Record<ChannelName, number[]>;
};

/** Channels from (id, score) lists ordered best first. */
export function channelsOf(
  lists: Record<ChannelName, readonly (readonly [string, number])[]>,
): CandidateChannels {
  const ids = {} as Record<ChannelName, string[]>;
  const scores = {} as Record<ChannelName, number[]>;
  for (const c of CHANNELS) {
    ids[c] = lists[c].map((e) => e[0]);
    scores[c] = lists[c].map((e) => e[1]);
  }
  return { ...ids, scores };
}

export interface Neighbour {
  id: string;
  /** For reasons that name a mutual connection without reading its profile. */
  name: string;
  /** Relationships of the neighbour, either direction, any type. */
  degree: number;
}

/** An organisation related to both source and candidate: the types linking it to the candidate. */
export interface CommonNeighbour {
  id: string;
  /** Distinct relationship types between this organisation and the candidate, sorted. */
  types: RelationshipType[];
}

/** A path of existing relationships, organisations from one end to the other. */
export interface GraphPath {
  organizationIds: string[];
  relationships: Relationship[];
}

export type PlaceChain = PlaceNode[];

/**
 * Whether the relationship belongs to the graph as it stood at the start of year `before` (see
 * GraphStore.neighbours): it has no year, or an earlier one. Undefined: the graph as it is.
 */
export function isFormedBefore(
  r: Pick<Relationship, 'since'>,
  before: number | undefined,
): boolean {
  return before === undefined || r.since === null || r.since < before;
}
