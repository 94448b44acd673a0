// The GraphStore port: the one seam between the product and storage.
// Two adapters implement it (Neo4j, embedded) and one contract suite (test/contract) holds them to it.
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  BatchResult,
  EcosystemStatsRecord,
  GraphBatch,
  OrganizationPage,
  OrganizationPatch,
  OrganizationProfile,
  OrganizationQuery,
  OrganizationWrite,
  PlaceNode,
  PrivateDetails,
  Relationship,
  RelationshipKey,
  RelationshipType,
  SectorWithCount,
} from './graph.types';
import type {
  CandidateChannels,
  CommonNeighbour,
  CandidateQuery,
  GraphPath,
  Neighbour,
  PlaceChain,
  TermStats,
} from './match-graph.types';

/** Nest injection token of the configured store. */
export const GRAPH_STORE = Symbol('GRAPH_STORE');

export interface StoreHealth {
  ok: boolean;
  detail: string;
}

export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';

  /** Opens the store and applies migrations; throws a clear error when it cannot. */
  init(): Promise<void>;
  /**
   * Resolves once the store serves (at once for the embedded store; after Neo4j has been reached
   * and migrated, which may be later than init when it was down at start).
   */
  whenReady(): Promise<void>;
  /** Flushes and releases everything (file locks, driver). */
  close(): Promise<void>;
  health(): Promise<StoreHealth>;
  /** True when the store holds no organisation (first start). */
  isEmpty(): Promise<boolean>;

  // ── writes; each is atomic and durable when the promise resolves ────────────
  /** CONFLICT when the id exists. */
  createOrganization(org: OrganizationWrite): Promise<OrganizationProfile>;
  /** NOT_FOUND when the id does not exist. */
  updateOrganization(id: string, patch: OrganizationPatch): Promise<OrganizationProfile>;
  /** Removes the organisation and its relationships; false when it did not exist. */
  deleteOrganization(id: string): Promise<boolean>;
  /**
   * NOT_FOUND (field fromId / toId) when an end is missing; BAD_USER_INPUT (field type) when the
   * relationship exists already (for a symmetric type, in either direction).
   */
  connect(rel: Relationship): Promise<Relationship>;
  /** For a symmetric type either direction matches; false when there was nothing to remove. */
  disconnect(key: RelationshipKey): Promise<boolean>;
  /**
   * Idempotent bulk upsert in one transaction: organisations are replaced whole (createdAt kept),
   * relationships merged on (from, to, type). Callers guarantee that relationship ends exist
   * in the store or in the batch.
   */
  upsertBatch(batch: GraphBatch): Promise<BatchResult>;

  // ── reads, batched so that resolvers can use DataLoaders ────────────────────
  getOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationProfile>>;
  /** Which of the ids exist. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  /** Every organisation id, sorted (the exhaustive baseline and evaluation; not for requests). */
  organizationIds(): Promise<string[]>;
  /** Relationships touching each organisation (either direction), sorted by (type, from, to). */
  relationshipsOf(
    ids: readonly string[],
    type: RelationshipType | null,
  ): Promise<Map<string, Relationship[]>>;
  /** Number of organisations in each sector. */
  sectorCounts(sectorIds: readonly string[]): Promise<Map<string, number>>;
  getPlaces(ids: readonly string[]): Promise<Map<string, PlaceNode>>;
  /**
   * Search and list with the semantics of `graph/search.ts`: an organisation matches when every
   * query term is a prefix of one of its `documentTokens`, and kinds / sectorIds (any of) hold;
   * pages are ordered by (searchTier, sortName(name), id) and continue after a keyset cursor.
   * totalCount counts every match, ignoring the cursor.
   */
  findOrganizations(query: OrganizationQuery): Promise<OrganizationPage>;
  /** All sectors with their organisation counts, ordered by (name, id). */
  listSectors(): Promise<SectorWithCount[]>;
  /**
   * Counts: byKind lists every kind with at least one organisation (count desc, kind asc);
   * bySector every sector with at least one organisation (count desc, name asc, id asc);
   * topConnectors the organisations with most relationships, either direction (degree desc,
   * id asc), degree ≥ 1 only.
   */
  stats(topConnectors: number): Promise<EcosystemStatsRecord>;

  // ── graph work for matching (see match-graph.types.ts) ──────────────────────
  /** Corpus statistics for the given analysed terms (absent terms count 0). */
  termStats(terms: readonly string[]): Promise<TermStats>;
  /** Candidate ids per channel, each capped and ordered by (score desc, id asc). */
  matchCandidates(query: CandidateQuery): Promise<CandidateChannels>;
  /**
   * Distinct organisations related to the given one, with their degrees, ordered by id.
   *
   * `formedBefore` (here, in commonNeighbours and in degrees) asks for the graph as it stood at
   * the start of that year: a relationship whose year (`since`) is that year or later does not
   * count; one without a year always does. For the weight fit, which ranks a source's newest
   * partners as the graph was before they met (matching/matching.service.ts).
   */
  neighbours(id: string, formedBefore?: number): Promise<Neighbour[]>;
  /**
   * For each candidate, the organisations related to both it and the source (sorted by id), each
   * with the distinct types of its relationships to the candidate (sorted).
   */
  commonNeighbours(
    sourceId: string,
    candidateIds: readonly string[],
    formedBefore?: number,
  ): Promise<Map<string, CommonNeighbour[]>>;
  /**
   * Whether each pair of organisations is related (any type, either direction), in the order
   * given; a pair naming an unknown organisation is not. For learning how much each link type
   * says (matching/link-type-model.ts).
   */
  linkedPairs(pairs: readonly (readonly [string, string])[]): Promise<boolean[]>;
  /**
   * The relationships of each given organisation (either direction, any type, as Neighbour.degree
   * counts them); 0 for one with none or unknown. For the ACTIVITY signal.
   */
  degrees(ids: readonly string[], formedBefore?: number): Promise<Map<string, number>>;
  /** For each place, the chain from it up through the places it lies within (cycle-safe). */
  placeAncestors(placeIds: readonly string[]): Promise<Map<string, PlaceChain>>;
  /** The given places and every place within them, transitively. */
  placeDescendants(placeIds: readonly string[]): Promise<Set<string>>;
  /**
   * Every shortest simple path of existing relationships (any type, either direction) from one
   * organisation to another, of at most maxHops; at most `limit`, chosen by the sequence of
   * organisation ids (asc). A path is a sequence of distinct organisations; all relationships
   * between each consecutive pair are listed, so a pair linked twice gives one path.
   */
  paths(fromId: string, toId: string, maxHops: number, limit: number): Promise<GraphPath[]>;

  // ── private details and the audit trail ────────────────────────────────────
  /** Private details of each organisation that has some. */
  getPrivateDetails(ids: readonly string[]): Promise<Map<string, PrivateDetails>>;
  /** Replaces an organisation's private details; NOT_FOUND (field id) when it does not exist. */
  setPrivateDetails(id: string, details: PrivateDetails): Promise<void>;
  /** Durably records one mutation. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Entries newest first ((at, id) descending), optionally for one actor or target. */
  listAudit(query: AuditQuery): Promise<AuditPage>;

  // ── bulk read ───────────────────────────────────────────────────────────────
  /** Every place, organisation and relationship, in pages, for export. */
  exportGraph(pageSize: number): AsyncIterable<GraphBatch>;
}
