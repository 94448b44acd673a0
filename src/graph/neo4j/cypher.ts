// Every Cypher statement of the Neo4j adapter, named, so that a change to one shows in review.
// Values are always parameters. The only interpolated parts are relationship types, labels and
// path-length bounds, and those come from whitelists (RELATIONSHIP_TYPES, FACETS below, the hop
// counts 1..MAX_PATH_HOPS), fixed when this module loads, never from input.
import { RELATIONSHIP_TYPES, type RelationshipType } from '../graph.types';

/** Organisation facets: the OrganizationWrite list, its relationship type and the target label. */
export const FACETS = {
  sectors: { rel: 'IN_SECTOR', label: 'Sector' },
  offers: { rel: 'OFFERS', label: 'Capability' },
  needs: { rel: 'NEEDS', label: 'Capability' },
  locations: { rel: 'LOCATED_IN', label: 'Place' },
  markets: { rel: 'ACTIVE_IN', label: 'Place' },
} as const;
export type Facet = keyof typeof FACETS;
export const FACET_NAMES = Object.keys(FACETS) as Facet[];

/** `A|B|C` of every organisation-to-organisation relationship type. */
const ORG_RELS = RELATIONSHIP_TYPES.join('|');
const FACET_RELS = FACET_NAMES.map((f) => FACETS[f].rel).join('|');

function perType(build: (type: RelationshipType) => string): Record<RelationshipType, string> {
  return Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, build(t)])) as Record<
    RelationshipType,
    string
  >;
}
function perFacet(build: (rel: string, label: string) => string): Record<Facet, string> {
  return Object.fromEntries(
    FACET_NAMES.map((f) => [f, build(FACETS[f].rel, FACETS[f].label)]),
  ) as Record<Facet, string>;
}

// ── migrations and health ─────────────────────────────────────────────────────

export const LIST_APPLIED_MIGRATIONS = `
MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum ORDER BY m.id`;

export const RECORD_MIGRATION = `
MERGE (m:Migration {id: $id})
ON CREATE SET m.appliedAt = $appliedAt, m.checksum = $checksum`;

export const AWAIT_INDEXES = `CALL db.awaitIndexes($seconds)`;

export const PING = `RETURN 1 AS ok`;

// ── profile projection ────────────────────────────────────────────────────────

/** A place with the id of the place it lies within (at most one WITHIN edge per place). */
const placeMap = (v: string) =>
  `${v} {.id, .name, .kind, withinId: head([(${v})-[:WITHIN]->(w:Place) | w.id])}`;

/**
 * Everything an OrganizationProfile shows, for the node bound to `o`. Facet order is left to the
 * mapper, which sorts with JavaScript string order like the embedded store does.
 */
const PROFILE = `o {
  .id, .name, .kind, .description, .aliases, .website, .founded, .strategicEnterprise,
  .createdAt, .updatedAt,
  sectors: [(o)-[:IN_SECTOR]->(s:Sector) | s {.id, .name}],
  offers: [(o)-[:OFFERS]->(c:Capability) | c {.id, .name}],
  needs: [(o)-[:NEEDS]->(c:Capability) | c {.id, .name}],
  locations: [(o)-[:LOCATED_IN]->(p:Place) | ${placeMap('p')}],
  markets: [(o)-[:ACTIVE_IN]->(p:Place) | ${placeMap('p')}]
}`;

// ── organisation writes ───────────────────────────────────────────────────────

/**
 * Fails with ConstraintValidationFailed when the id exists (organization_id constraint), which
 * the adapter maps to CONFLICT. `SET o += $props` skips null values, so absent optionals stay absent.
 */
export const CREATE_ORGANIZATION = `
CREATE (o:Organization {id: $id})
SET o += $props, o.createdAt = $createdAt, o.updatedAt = $updatedAt`;

/**
 * Bulk upsert: a whole replacement of the properties (`+=` with nulls removes the old values),
 * while createdAt and updatedAt are set only when the node is new.
 */
export const UPSERT_ORGANIZATIONS = `
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
ON CREATE SET o.createdAt = row.createdAt, o.updatedAt = row.updatedAt
SET o += row.props`;

/**
 * Locks the organisation (a property write takes the node's write lock; the property is removed
 * again in the same transaction) and returns what updateOrganization needs to recompute the
 * derived search properties. No row: the organisation does not exist.
 */
export const LOCK_ORGANIZATION_FOR_UPDATE = `
MATCH (o:Organization {id: $id})
SET o._lock = true REMOVE o._lock
RETURN o.name AS name, o.aliases AS aliases, o.description AS description, o.descTerms AS descTerms`;

export const SET_ORGANIZATION_PROPS = `
MATCH (o:Organization {id: $id})
SET o += $props`;

export const DELETE_ORGANIZATION = `
MATCH (o:Organization {id: $id})
WITH o, o.descTerms AS descTerms
DETACH DELETE o
RETURN count(*) AS deleted, descTerms`;

/** The stored description terms of existing organisations (for term-frequency deltas). */
export const DESCRIPTION_TERMS_OF = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o.id AS id, o.descTerms AS terms`;

/**
 * Adds deltas to term frequencies. The property write takes the term's lock before it is read,
 * so concurrent writers never lose an increment.
 */
export const ADJUST_TERM_FREQUENCIES = `
UNWIND $rows AS row
MERGE (t:Term {id: row.term})
SET t._lock = true
SET t.descDf = coalesce(t.descDf, 0) + row.desc, t.capDf = coalesce(t.capDf, 0) + row.cap
REMOVE t._lock`;

/** Recounts every term frequency from the stored terms (after the analyzer changed). */
export const REBUILD_TERM_FREQUENCIES = [
  `MATCH (t:Term) CALL (t) { DETACH DELETE t } IN TRANSACTIONS OF 10000 ROWS`,
  `MATCH (o:Organization) WHERE o.descTerms IS NOT NULL AND o.descTerms <> ''
   UNWIND split(o.descTerms, ' ') AS term
   WITH term, count(*) AS df
   CALL (term, df) { MERGE (t:Term {id: term}) SET t.descDf = df, t.capDf = coalesce(t.capDf, 0) } IN TRANSACTIONS OF 10000 ROWS`,
  `MATCH (c:Capability) WHERE c.terms IS NOT NULL AND c.terms <> ''
   UNWIND split(c.terms, ' ') AS term
   WITH term, count(*) AS df
   CALL (term, df) { MERGE (t:Term {id: term}) SET t.capDf = df, t.descDf = coalesce(t.descDf, 0) } IN TRANSACTIONS OF 10000 ROWS`,
];

/**
 * Replacing facet lists, part one: removes the facet edges whose target is not in the new list
 * (`row.keep` maps each relationship type to the ids to keep). Part two, LINK_FACET, MERGEs the
 * new list, so an unchanged edge is neither deleted nor re-created: re-importing a graph leaves
 * almost nothing in the transaction state, and a large batch stays within the server's
 * per-transaction memory limit.
 */
export const UNLINK_STALE_FACETS = `
UNWIND $rows AS row
MATCH (:Organization {id: row.id})-[r:${FACET_RELS}]->(t)
WHERE NOT t.id IN row.keep[type(r)]
DELETE r`;

/** The same for one facet of one organisation, for a patch that replaces only that list. */
export const UNLINK_STALE_FACET = perFacet(
  (rel, label) => `
MATCH (:Organization {id: $id})-[r:${rel}]->(t:${label})
WHERE NOT t.id IN $keep
DELETE r`,
);

/** Links organisations to facet nodes that exist already (merged just before, same transaction). */
export const LINK_FACET = perFacet(
  (rel, label) => `
UNWIND $rows AS row
MATCH (o:Organization {id: row.org})
MATCH (t:${label} {id: row.target})
MERGE (o)-[:${rel}]->(t)`,
);

/**
 * Sectors and capabilities keep the name they were created with; a capability's analysed terms
 * (for the matching channels) come from that name.
 */
// The facet MERGEs write to every node they touch (SET _lock … REMOVE _lock) to take its write
// lock at once, in row order (rows come sorted by id): linking an organisation to the node later
// then needs no lock upgrade, which is what deadlocks concurrent writers.
export const MERGE_SECTORS = `
UNWIND $rows AS row
MERGE (n:Sector {id: row.id})
ON CREATE SET n.name = row.name
SET n._lock = true
REMOVE n._lock`;

export const MERGE_CAPABILITIES = `
UNWIND $rows AS row
MERGE (n:Capability {id: row.id})
ON CREATE SET n.name = row.name, n.terms = row.terms, n._created = true
SET n._lock = true
REMOVE n._lock
WITH n WHERE n._created = true
REMOVE n._created
RETURN n.terms AS terms`;

/** A new place gets its name and kind (CITY when none is given); a given kind updates an old place. */
export const MERGE_PLACES = `
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
ON CREATE SET p.name = row.name, p.kind = coalesce(row.kind, 'CITY')
ON MATCH SET p.kind = coalesce(row.kind, p.kind)
SET p._lock = true
REMOVE p._lock`;

/** Replaces each place's single WITHIN edge; runs after MERGE_PLACES so every parent exists. */
export const SET_PLACES_WITHIN = `
UNWIND $rows AS row
MATCH (p:Place {id: row.id})
MATCH (parent:Place {id: row.withinId})
OPTIONAL MATCH (p)-[old:WITHIN]->()
DELETE old
WITH DISTINCT p, parent
CREATE (p)-[:WITHIN]->(parent)`;

// ── relationships between organisations ───────────────────────────────────────

/**
 * Serialises concurrent connects of the same pair: both ends are write-locked, in the id order
 * the adapter passes, before the duplicate check. Returns which of the two ends exist.
 */
export const LOCK_RELATIONSHIP_ENDS = `
UNWIND $lockOrder AS id
OPTIONAL MATCH (n:Organization {id: id})
SET n._lock = true REMOVE n._lock
WITH id, n
RETURN id, n IS NOT NULL AS exists`;

export const RELATIONSHIP_EXISTS = perType(
  (t) => `
MATCH (a:Organization {id: $from})
MATCH (b:Organization {id: $to})
RETURN EXISTS { (a)-[:${t}]->(b) } AS forward, EXISTS { (b)-[:${t}]->(a) } AS backward`,
);

export const CREATE_RELATIONSHIP = perType(
  (t) => `
MATCH (a:Organization {id: $from})
MATCH (b:Organization {id: $to})
CREATE (a)-[r:${t}]->(b)
SET r.since = $since, r.description = $description, r.source = $source`,
);

export const DELETE_RELATIONSHIP = perType(
  (t) => `
MATCH (:Organization {id: $from})-[r:${t}]->(:Organization {id: $to})
DELETE r
RETURN count(*) AS deleted`,
);

/** For symmetric types: either direction. */
export const DELETE_RELATIONSHIP_EITHER_WAY = perType(
  (t) => `
MATCH (:Organization {id: $from})-[r:${t}]-(:Organization {id: $to})
WITH DISTINCT r
DELETE r
RETURN count(*) AS deleted`,
);

/** Bulk upsert of a directed type: merged on (from, to, type), properties replaced. */
export const MERGE_RELATIONSHIPS = perType(
  (t) => `
UNWIND $rows AS row
MATCH (a:Organization {id: row.from})
MATCH (b:Organization {id: row.to})
MERGE (a)-[r:${t}]->(b)
SET r.since = row.since, r.description = row.description, r.source = row.source`,
);

/**
 * Bulk upsert of a symmetric type: a relationship stored either way round is updated in place;
 * only a pair with none gets a new one, in the given direction. (An undirected MERGE would pick
 * the direction of a new relationship itself.) The adapter collapses reversed duplicates within
 * the batch first, so no two rows name the same pair.
 *
 * Both ends are found by the id index first and the pair tested with Expand(Into), which starts
 * from the end with fewer relationships. Written as one pattern, the planner may instead expand
 * every relationship of the first end and filter the far ends by id, a plan it can cache from the
 * first, nearly empty batch of an import. One statement does the update and the create: on 5,000
 * rows of a 10k graph it took 167 ms where an update and a separate create took 160 + 102 ms.
 */
export const UPSERT_SYMMETRIC_RELATIONSHIPS = perType(
  (t) => `
UNWIND $rows AS row
MATCH (a:Organization {id: row.from})
MATCH (b:Organization {id: row.to})
OPTIONAL MATCH (a)-[old:${t}]-(b)
WITH a, b, row, collect(old) AS existing
FOREACH (r IN existing | SET r.since = row.since, r.description = row.description, r.source = row.source)
FOREACH (_ IN CASE WHEN size(existing) = 0 THEN [1] ELSE [] END |
  CREATE (a)-[:${t} {since: row.since, description: row.description, source: row.source}]->(b))`,
);

/** Ids among $ids that name no organisation (relationship ends of a batch). */
export const MISSING_ORGANIZATIONS = `
UNWIND $ids AS id
OPTIONAL MATCH (o:Organization {id: id})
WITH id, o WHERE o IS NULL
RETURN id LIMIT 10`;

const relationshipsOf = (rels: string) => `
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[r:${rels}]-(:Organization)
WITH DISTINCT id, r
RETURN id, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to,
       r.since AS since, r.description AS description, r.source AS source`;

export const RELATIONSHIPS_OF_ANY_TYPE = relationshipsOf(ORG_RELS);
export const RELATIONSHIPS_OF_TYPE = perType((t) => relationshipsOf(t));

// ── batched reads ─────────────────────────────────────────────────────────────

export const GET_ORGANIZATIONS = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN ${PROFILE} AS profile`;

/** Every id, for the exhaustive baseline and evaluation (not for requests). */
export const ALL_ORGANIZATION_IDS = `
MATCH (o:Organization) RETURN o.id AS id`;

export const EXISTING_IDS = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o.id AS id`;

// IN_SECTOR (like the organisation-to-organisation types) only ever starts at an Organization, so
// the patterns below leave the far end unlabelled: Neo4j then reads the degree stored with the
// node instead of expanding every relationship.

export const SECTOR_COUNTS = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Sector {id: id})
RETURN id, CASE WHEN s IS NULL THEN 0 ELSE COUNT { (s)<-[:IN_SECTOR]-() } END AS count`;

export const GET_PLACES = `
UNWIND $ids AS id
MATCH (p:Place {id: id})
RETURN ${placeMap('p')} AS place`;

export const LIST_SECTORS = `
MATCH (s:Sector)
RETURN s.id AS id, s.name AS name, COUNT { (s)<-[:IN_SECTOR]-() } AS count`;

export const IS_EMPTY = `RETURN NOT EXISTS { MATCH (:Organization) } AS empty`;

// ── findOrganizations ─────────────────────────────────────────────────────────

/** kinds and sectorIds (any of); null disables a filter. */
const FILTERS = `($kinds IS NULL OR o.kind IN $kinds)
  AND ($sectorIds IS NULL OR EXISTS { (o)-[:IN_SECTOR]->(s:Sector) WHERE s.id IN $sectorIds })`;

/**
 * Listing without search: every organisation is tier 0, so the keyset condition
 * (0, sortName, id) > ($afterTier, $afterName, $afterId) reduces to the (sortName, id) part, which
 * the adapter arranges (a cursor of a later tier ends the list, of an earlier one starts it).
 * `o.sortName >= $afterName` lets the planner walk organization_sort_name in order.
 */
export const LIST_ORGANIZATIONS_PAGE = `
MATCH (o:Organization)
WHERE o.sortName >= $afterName
  AND (o.sortName > $afterName OR o.id > $afterId)
  AND ${FILTERS}
WITH o ORDER BY o.sortName, o.id LIMIT $limit
RETURN 0 AS tier, o.sortName AS sortName, ${PROFILE} AS profile`;

export const LIST_ORGANIZATIONS_COUNT = `
MATCH (o:Organization)
WHERE ${FILTERS}
RETURN count(o) AS total`;

/**
 * Candidates from the full-text index, then the exact semantics of graph/search.ts: every term is
 * a prefix of a document token (Lucene agrees on a whitespace-analyzed index, the filter makes it
 * exact whatever the index returns), and searchTier: 0 when the query is the name or an alias,
 * 1 when every term prefixes a name or alias token, else 2.
 */
const SEARCH_MATCHES = `
CALL db.index.fulltext.queryNodes('organization_search', $lucene) YIELD node
WITH node AS o
WHERE all(t IN $terms WHERE any(x IN o.searchTokens WHERE x STARTS WITH t))
  AND ${FILTERS}`;

export const SEARCH_ORGANIZATIONS_PAGE = `${SEARCH_MATCHES}
WITH o, CASE
  WHEN $exactKey IN o.nameKeys THEN 0
  WHEN all(t IN $terms WHERE any(x IN o.nameTokens WHERE x STARTS WITH t)) THEN 1
  ELSE 2
END AS tier
WHERE tier > $afterTier
   OR (tier = $afterTier AND (o.sortName > $afterName
                               OR (o.sortName = $afterName AND o.id > $afterId)))
WITH o, tier ORDER BY tier, o.sortName, o.id LIMIT $limit
RETURN tier, o.sortName AS sortName, ${PROFILE} AS profile`;

export const SEARCH_ORGANIZATIONS_COUNT = `${SEARCH_MATCHES}
RETURN count(o) AS total`;

// ── statistics ────────────────────────────────────────────────────────────────

/** Node and relationship-type counts come from the count store, not from a scan. */
export const COUNT_ORGANIZATIONS = `MATCH (o:Organization) RETURN count(o) AS count`;

export const COUNT_RELATIONSHIPS = `
CALL {
${RELATIONSHIP_TYPES.map((t) => `  MATCH ()-[r:${t}]->() RETURN count(r) AS n`).join('\n  UNION ALL\n')}
}
RETURN sum(n) AS count`;

/** One index count per kind (organization_kind) instead of a scan of every organisation. */
export const COUNT_BY_KIND = `
UNWIND $kinds AS kind
RETURN kind, COUNT { MATCH (o:Organization) WHERE o.kind = kind } AS count`;

export const SECTORS_IN_USE = `
MATCH (s:Sector)
WITH s, COUNT { (s)<-[:IN_SECTOR]-() } AS count
WHERE count > 0
RETURN s.id AS id, s.name AS name, count`;

export const TOP_CONNECTORS = `
MATCH (o:Organization)
WITH o, COUNT { (o)-[:${ORG_RELS}]-() } AS degree
WHERE degree > 0
RETURN o.id AS id, degree
ORDER BY degree DESC, id
LIMIT $limit`;

// ── export (keyset pages by id) ───────────────────────────────────────────────

export const EXPORT_PLACES_PAGE = `
MATCH (p:Place)
WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[:WITHIN]->(w:Place)
WITH p, head(collect(w)) AS w
RETURN p {.id, .name, .kind} AS place, CASE WHEN w IS NULL THEN null ELSE w {.id, .name, .kind} END AS within
ORDER BY p.id`;

export const EXPORT_ORGANIZATIONS_PAGE = `
MATCH (o:Organization)
WHERE o.id > $after
WITH o ORDER BY o.id LIMIT $limit
RETURN ${PROFILE} AS profile
ORDER BY profile.id`;

/** Relationships leaving a page of organisations (ordered by id): each relationship once, by its start. */
export const EXPORT_RELATIONSHIPS_PAGE = `
MATCH (a:Organization)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:${ORG_RELS}]->(b:Organization)
RETURN a.id AS pageId, type(r) AS type, b.id AS to,
       r.since AS since, r.description AS description, r.source AS source`;

// ── analysed terms (matching) ─────────────────────────────────────────────────
// Organization.descTerms and Capability.terms hold the matching analyzer's terms, joined by
// single spaces and looked up through whitespace-analyzed full-text indexes with exact-term
// queries: a list property cannot be indexed for membership, and a scan would touch every node.

export const READ_ANALYZER_STATE = `
MATCH (s:AnalyzerState {id: $id}) RETURN s.fingerprint AS fingerprint`;

export const WRITE_ANALYZER_STATE = `
MERGE (s:AnalyzerState {id: $id})
SET s.fingerprint = $fingerprint, s.updatedAt = $updatedAt`;

export const ORGANIZATION_DESCRIPTIONS_PAGE = `
MATCH (o:Organization) WHERE o.id > $after
RETURN o.id AS id, o.description AS text
ORDER BY o.id LIMIT $limit`;

export const CAPABILITY_NAMES_PAGE = `
MATCH (c:Capability) WHERE c.id > $after
RETURN c.id AS id, c.name AS text
ORDER BY c.id LIMIT $limit`;

export const SET_DESCRIPTION_TERMS = `
UNWIND $rows AS row
MATCH (o:Organization {id: row.id})
SET o.descTerms = row.terms`;

export const SET_CAPABILITY_TERMS = `
UNWIND $rows AS row
MATCH (c:Capability {id: row.id})
SET c.terms = row.terms`;

/** $terms: [{key, stored}] with stored the term as stored (shortened when very long). */
/**
 * The corpus sizes and the document frequencies of the given terms, in one round trip (a query
 * runs this twice; the two counts come from Neo4j's count store).
 */
export const TERM_STATS = `
CALL () { MATCH (o:Organization) RETURN count(o) AS organizations }
CALL () { MATCH (c:Capability) RETURN count(c) AS capabilities }
CALL () {
  UNWIND $terms AS t
  OPTIONAL MATCH (x:Term {id: t.stored})
  RETURN collect({key: t.key, descriptionDf: coalesce(x.descDf, 0), capabilityDf: coalesce(x.capDf, 0)}) AS terms
}
RETURN organizations, capabilities, terms`;

// ── candidate channels (matching) ─────────────────────────────────────────────

/**
 * The candidate filter of every channel, for `c`: never the source, the kinds, any of the sectors,
 * located in any of the places (an empty list admits nobody, as the places are already expanded),
 * and not an existing partner when asked. Applied once per candidate, after its evidence is summed,
 * not once per piece of evidence.
 */
const CANDIDATE_FILTER = `c.id <> $sourceId
  AND ($kinds IS NULL OR c.kind IN $kinds)
  AND ($sectorIds IS NULL OR EXISTS { (c)-[:IN_SECTOR]->(s:Sector) WHERE s.id IN $sectorIds })
  AND ($placeIds IS NULL OR EXISTS { (c)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $placeIds })
  AND NOT c.id IN $excluded`;

const TOP_CANDIDATES = `
RETURN c.id AS id, score
ORDER BY score DESC, id
LIMIT $cap`;

/** SECTOR: Σ weight of the listed sectors the candidate is in. */
export const SECTOR_CANDIDATES = `
UNWIND $weights AS w
MATCH (:Sector {id: w.key})<-[:IN_SECTOR]-(c:Organization)
WITH c, sum(w.weight) AS score
WHERE ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

/**
 * NEEDS ANSWERED / OFFERS WANTED: capabilities holding any of the terms score Σ weight of the
 * terms they hold; capabilities with more holders than $maxHolders are skipped as common evidence;
 * a holder scores its best capability, and only a positive score counts.
 */
const capabilityCandidates = (rel: 'OFFERS' | 'NEEDS') => `
UNWIND $weights AS w
CALL db.index.fulltext.queryNodes('capability_terms', w.lucene) YIELD node
WITH node AS cap, sum(w.weight) AS capScore
WHERE COUNT { (cap)<-[:${rel}]-() } <= $maxHolders
MATCH (cap)<-[:${rel}]-(c:Organization)
WITH c, max(capScore) AS score
WHERE score > 0 AND ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

export const NEEDS_ANSWERED_CANDIDATES = capabilityCandidates('OFFERS');
export const OFFERS_WANTED_CANDIDATES = capabilityCandidates('NEEDS');

/**
 * NETWORK: the neighbours of each given middle organisation (the source's non-hub neighbours,
 * with their integer weights computed by the adapter), summed per candidate.
 */
export const NETWORK_CANDIDATES = `
UNWIND $weights AS w
MATCH (:Organization {id: w.key})-[:${ORG_RELS}]-(c:Organization)
WITH DISTINCT w, c
WITH c, sum(w.weight) AS score
WHERE ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

/** NETWORK as the graph stood at the start of year $before (CandidateQuery.formedBefore). */
export const NETWORK_CANDIDATES_BEFORE = `
UNWIND $weights AS w
MATCH (:Organization {id: w.key})-[r:${ORG_RELS}]-(c:Organization)
WHERE r.since IS NULL OR r.since < $before
WITH DISTINCT w, c
WITH c, sum(w.weight) AS score
WHERE ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

/** TEXT: Σ weight of the listed terms the candidate's description holds. */
export const TEXT_CANDIDATES = `
UNWIND $weights AS w
CALL db.index.fulltext.queryNodes('organization_description_terms', w.lucene) YIELD node
WITH node AS c, sum(w.weight) AS score
WHERE ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

/**
 * The most connected organisations, most first and ties by id, with their number of relationships
 * (as DEGREES counts them): the pool the ACTIVE channel reads, computed now and then.
 */
export const MOST_CONNECTED = `
MATCH (c:Organization)
WITH c.id AS id, COUNT { (c)-[:${ORG_RELS}]-() } AS degree
WHERE degree > 0
RETURN id, degree
ORDER BY degree DESC, id
LIMIT $limit`;

/**
 * ACTIVE, from the pool: the first $cap of $pool (already in channel order) that pass the filter.
 * The pool's order is kept (UNWIND is ordered), so the statement stops after $cap rows.
 */
export const ACTIVE_CANDIDATES = `
UNWIND $pool AS entry
MATCH (c:Organization {id: entry.id})
WITH c, entry.degree AS score
WHERE ${CANDIDATE_FILTER}
RETURN c.id AS id, score
LIMIT $cap`;

/** ACTIVE over every organisation: when the filter leaves fewer than $cap of the pool. */
export const ACTIVE_CANDIDATES_SCAN = `
MATCH (c:Organization)
WITH c, COUNT { (c)-[:${ORG_RELS}]-() } AS score
WHERE score > 0 AND ${CANDIDATE_FILTER}${TOP_CANDIDATES}`;

// ── neighbourhoods, places and paths (matching) ───────────────────────────────

/** Distinct organisations related to $id, each with its number of relationships. */
export const NEIGHBOURS = `
MATCH (:Organization {id: $id})-[:${ORG_RELS}]-(z:Organization)
WITH DISTINCT z
RETURN z.id AS id, z.name AS name, COUNT { (z)-[:${ORG_RELS}]-() } AS degree`;

/**
 * The shared neighbours of the source and each candidate, with the types of their relationships to
 * the candidate. It walks out from the source's neighbours (tens) rather than in from every
 * candidate (hundreds, each with all its relationships); candidates with none are not returned.
 */
export const COMMON_NEIGHBOURS = `
MATCH (:Organization {id: $sourceId})-[:${ORG_RELS}]-(z:Organization)
WHERE z.id <> $sourceId
WITH DISTINCT z
MATCH (z)-[r:${ORG_RELS}]-(c:Organization)
WHERE c.id IN $candidateIds AND c <> z
WITH c.id AS id, z.id AS zid, collect(DISTINCT type(r)) AS types
RETURN id, collect({id: zid, types: types}) AS common`;

// The same three as the graph stood at the start of year $before (GraphStore.neighbours): a
// relationship counts when it has no year or an earlier one. Separate statements, because the
// filter turns a degree, which Neo4j reads from the node, into a walk over its relationships.
const FORMED_BEFORE = (r: string) => `(${r}.since IS NULL OR ${r}.since < $before)`;

export const NEIGHBOURS_BEFORE = `
MATCH (:Organization {id: $id})-[s:${ORG_RELS}]-(z:Organization)
WHERE ${FORMED_BEFORE('s')}
WITH DISTINCT z
RETURN z.id AS id, z.name AS name, COUNT { (z)-[r:${ORG_RELS}]-() WHERE ${FORMED_BEFORE('r')} } AS degree`;

export const COMMON_NEIGHBOURS_BEFORE = `
MATCH (:Organization {id: $sourceId})-[s:${ORG_RELS}]-(z:Organization)
WHERE z.id <> $sourceId AND ${FORMED_BEFORE('s')}
WITH DISTINCT z
MATCH (z)-[r:${ORG_RELS}]-(c:Organization)
WHERE c.id IN $candidateIds AND c <> z AND ${FORMED_BEFORE('r')}
WITH c.id AS id, z.id AS zid, collect(DISTINCT type(r)) AS types
RETURN id, collect({id: zid, types: types}) AS common`;

export const DEGREES_BEFORE = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN id, COUNT { (o)-[r:${ORG_RELS}]-() WHERE ${FORMED_BEFORE('r')} } AS degree`;

/** Which of the pairs (given by index) are related; pairs naming an unknown id give no row. */
export const LINKED_PAIRS = `
UNWIND range(0, size($pairs) - 1) AS i
MATCH (a:Organization {id: $pairs[i][0]}), (b:Organization {id: $pairs[i][1]})
WHERE a <> b AND EXISTS { (a)-[:${ORG_RELS}]-(b) }
RETURN i`;

/** Relationships of each organisation (any type, either direction), as NEIGHBOURS counts them. */
export const DEGREES = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN id, COUNT { (o)-[:${ORG_RELS}]-() } AS degree`;

/**
 * The WITHIN chain above each place. A place has at most one WITHIN edge, so the longest path is
 * the chain; relationship uniqueness stops a cycle, whose repeat the adapter cuts off.
 */
export const PLACE_ANCESTORS = `
UNWIND $ids AS id
MATCH (start:Place {id: id})
CALL (start) {
  MATCH chain = (start)-[:WITHIN*0..]->(:Place)
  RETURN nodes(chain) AS places
  ORDER BY length(chain) DESC
  LIMIT 1
}
RETURN id, [p IN places | ${placeMap('p')}] AS chain`;

export const PLACE_DESCENDANTS = `
UNWIND $ids AS id
MATCH (top:Place {id: id})
MATCH (p:Place)-[:WITHIN*0..]->(top)
RETURN DISTINCT p.id AS id`;

/** Upper bound of the hop counts that have a prepared path query (the API allows 1–4). */
export const MAX_PATH_HOPS = 8;

/**
 * Distinct organisation sequences of every shortest path of at most `hops` relationships. A
 * variable-length bound cannot be a parameter, so there is one statement per allowed hop count.
 */
export const SHORTEST_PATHS: Readonly<Record<number, string>> = Object.fromEntries(
  Array.from({ length: MAX_PATH_HOPS }, (_, i) => i + 1).map((hops) => [
    hops,
    `
MATCH (a:Organization {id: $fromId})
MATCH (b:Organization {id: $toId})
MATCH p = allShortestPaths((a)-[:${ORG_RELS}*..${hops}]-(b))
RETURN DISTINCT [n IN nodes(p) | n.id] AS ids`,
  ]),
);

/** Every relationship between each given pair of organisations, either direction. */
export const RELATIONSHIPS_BETWEEN = `
UNWIND $pairs AS pair
MATCH (x:Organization {id: pair[0]})-[r:${ORG_RELS}]-(y:Organization {id: pair[1]})
RETURN DISTINCT pair[0] AS a, pair[1] AS b, type(r) AS type, startNode(r).id AS from,
       endNode(r).id AS to, r.since AS since, r.description AS description, r.source AS source`;

// ── private details and the audit trail ───────────────────────────────────────

/** Private details live on the organisation as one JSON string, deleted with it. */
export const GET_PRIVATE_DETAILS = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE o.privateDetails IS NOT NULL
RETURN o.id AS id, o.privateDetails AS json`;

export const SET_PRIVATE_DETAILS = `
MATCH (o:Organization {id: $id})
SET o.privateDetails = $json
RETURN count(o) AS updated`;

// MERGE on the entry's id: a retried transaction never records a mutation twice.
export const APPEND_AUDIT = `
MERGE (a:AuditEntry {id: $entry.id})
SET a = $entry`;

const AUDIT_FILTERS = `($actor IS NULL OR a.actor = $actor)
  AND ($targetId IS NULL OR $targetId IN a.targetIds)`;
const AUDIT_PAGE = `
RETURN a {.id, .at, .actor, .role, .actorOrganizationId, .operation, .targetIds, .outcome} AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit`;

/** Newest first; `a.at IS NOT NULL` lets the planner walk audit_entry_at backwards. */
export const LIST_AUDIT_FIRST_PAGE = `
MATCH (a:AuditEntry)
WHERE a.at IS NOT NULL AND ${AUDIT_FILTERS}${AUDIT_PAGE}`;

/** Entries after the cursor: (at, id) < ($afterAt, $afterId). */
export const LIST_AUDIT_AFTER = `
MATCH (a:AuditEntry)
WHERE a.at <= $afterAt AND (a.at < $afterAt OR a.id < $afterId) AND ${AUDIT_FILTERS}${AUDIT_PAGE}`;
