// The graph work of matching in Cypher (see match-graph.types.ts): term statistics, candidate
// channels, neighbourhoods, place hierarchies and shortest paths. Each function runs inside a
// read transaction the adapter opens; each channel starts from its evidence (sectors, index hits,
// the source's neighbours) and never scans every organisation.
import type { PlaceNode, Relationship, RelationshipType } from '../graph.types';
import {
  type ChannelName,
  type CommonNeighbour,
  type CandidateQuery,
  type GraphPath,
  type Neighbour,
  type PlaceChain,
  type TermStats,
  type WeightedKey,
} from '../match-graph.types';
import * as Q from './cypher';
import { exactTermQuery, indexTerm } from './lucene';
import {
  asString,
  compareRelationships,
  compareStrings,
  toCount,
  toInteger,
  toPlaceNode,
  toRelationship,
  type Row,
} from './neo4j-records';
import { run as rows, type Tx } from './neo4j-tx';

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** floor(1000 / ln(degree)): the integer Adamic–Adar weight of a middle organisation. */
export const hubWeight = (degree: number): number =>
  Math.floor(1000 / Math.log(Math.max(degree, 2)));

export async function termStats(tx: Tx, terms: readonly string[]): Promise<TermStats> {
  const unique = [...new Set(terms)];
  const [found] = await rows(tx, Q.TERM_STATS, {
    terms: unique.map((key) => ({ key, stored: indexTerm(key) })),
  });
  const descriptionDf = new Map<string, number>(unique.map((t) => [t, 0]));
  const capabilityDf = new Map<string, number>(unique.map((t) => [t, 0]));
  for (const r of asList(found?.terms) as Row[]) {
    const key = asString(r.key, 'term');
    descriptionDf.set(key, toCount(r.descriptionDf));
    capabilityDf.set(key, toCount(r.capabilityDf));
  }
  return {
    organizations: toCount(found?.organizations),
    capabilities: toCount(found?.capabilities),
    descriptionDf,
    capabilityDf,
  };
}

/** `before`: as the graph stood at the start of that year (GraphStore.neighbours). */
const asOf = (before: number | undefined): Row =>
  before === undefined ? {} : { before: toInteger(before) };

export async function neighbours(tx: Tx, id: string, before?: number): Promise<Neighbour[]> {
  const found = await rows(tx, before === undefined ? Q.NEIGHBOURS : Q.NEIGHBOURS_BEFORE, {
    id,
    ...asOf(before),
  });
  return found
    .map((r) => {
      const id = asString(r.id, 'id');
      return { id, name: typeof r.name === 'string' ? r.name : id, degree: toCount(r.degree) };
    })
    .sort((a, b) => compareStrings(a.id, b.id));
}

/** Weighted term keys with their exact-term Lucene queries. */
const withLucene = (weights: readonly WeightedKey[]) =>
  weights.map((w) => ({ key: w.key, weight: w.weight, lucene: exactTermQuery(w.key) }));

/** One channel's statement and parameters; `run` is skipped when it has no evidence to start from. */
export interface ChannelStatement {
  query: string;
  params: Row;
  run: boolean;
  /** Run instead when this one returns fewer than $cap rows (or is not run). */
  fallback?: ChannelStatement;
}

/**
 * The six channel statements for a source whose partners (and the ACTIVE pool) are known. They
 * are independent reads, so the adapter runs them concurrently, each in its own transaction.
 */
export function channelStatements(
  q: CandidateQuery,
  partners: readonly Neighbour[],
  pool: ActivePool,
): Record<ChannelName, ChannelStatement> {
  const filter = {
    sourceId: q.sourceId,
    kinds: q.filter.kinds?.length ? q.filter.kinds : null,
    sectorIds: q.filter.sectorIds?.length ? q.filter.sectorIds : null,
    placeIds: q.filter.placeIds,
    excluded: q.filter.excludeConnected ? partners.map((p) => p.id) : [],
    cap: toInteger(Math.max(0, Math.floor(q.cap))),
  };
  const statement = (query: string, weights: readonly unknown[], extra: Row = {}) => ({
    query,
    params: { ...filter, ...extra, weights },
    run: weights.length > 0 && q.cap > 0,
  });
  // The weights of the middle organisations are computed here, with the same floating-point
  // function as the embedded store, so that both sum exactly the same integers.
  const middles = partners
    .filter((z) => z.degree <= q.maxHubDegree)
    .map((z) => ({ key: z.id, weight: hubWeight(z.degree) }));
  const maxHolders = toInteger(Math.max(-1, Math.floor(q.maxCapabilityOrganizations)));
  return {
    sector: statement(Q.SECTOR_CANDIDATES, q.sectors),
    needsAnswered: statement(Q.NEEDS_ANSWERED_CANDIDATES, withLucene(q.needTerms), { maxHolders }),
    offersWanted: statement(Q.OFFERS_WANTED_CANDIDATES, withLucene(q.offerTerms), { maxHolders }),
    network:
      q.formedBefore === undefined
        ? statement(Q.NETWORK_CANDIDATES, middles)
        : statement(Q.NETWORK_CANDIDATES_BEFORE, middles, asOf(q.formedBefore)),
    text: statement(Q.TEXT_CANDIDATES, withLucene(q.textTerms)),
    active: activeStatement(q, filter, pool),
  };
}

/**
 * ACTIVE: the first activeCap of the pool passing the filter. Without a kind, sector or place
 * filter only the source and its partners can be left out, so that many more entries suffice
 * and are all that is sent; when the filter leaves too few, the whole pool is tried, then (if
 * the pool is cut at its limit) every organisation. The pool is a prefix of the whole order, so
 * each step's answer is exact when it has activeCap rows.
 */
function activeStatement(q: CandidateQuery, filter: Row, pool: ActivePool): ChannelStatement {
  const cap = Math.max(0, Math.floor(q.activeCap));
  const params = { ...filter, cap: toInteger(cap), weights: [] };
  const scan = pool.complete
    ? undefined
    : { query: Q.ACTIVE_CANDIDATES_SCAN, params, run: cap > 0 };
  const whole = {
    query: Q.ACTIVE_CANDIDATES,
    params: { ...params, pool: pool.entries },
    run: cap > 0 && pool.entries.length > 0,
    fallback: scan,
  };
  const enough = cap + (filter.excluded as unknown[]).length + 1;
  if (pool.entries.length <= enough) return whole;
  return {
    query: Q.ACTIVE_CANDIDATES,
    params: { ...params, pool: pool.entries.slice(0, enough) },
    run: cap > 0,
    fallback: whole,
  };
}

/**
 * The most connected organisations in ACTIVE channel order, `complete` when they are all those
 * with a relationship (the pool was not cut at its limit).
 */
export interface ActivePool {
  entries: readonly { id: string; degree: number }[];
  complete: boolean;
}

export async function mostConnected(tx: Tx, limit: number): Promise<ActivePool> {
  const found = await rows(tx, Q.MOST_CONNECTED, { limit: toInteger(limit) });
  return {
    entries: found.map((r) => ({ id: asString(r.id, 'id'), degree: toCount(r.degree) })),
    complete: found.length < limit,
  };
}

/** One channel's (id, score) list, best first as the statement returns it. */
export async function runChannel(tx: Tx, c: ChannelStatement): Promise<[string, number][]> {
  if (!c.run) return c.fallback?.run ? runChannel(tx, c.fallback) : [];
  // A node deleted by a concurrent transaction can still come back from the full-text index with
  // no properties: it is no longer a candidate.
  const found = (await rows(tx, c.query, c.params)).flatMap((r): [string, number][] =>
    r.id === null || r.id === undefined ? [] : [[asString(r.id, 'id'), toCount(r.score)]],
  );
  const cap = toCount(c.params.cap);
  return c.fallback && found.length < cap ? runChannel(tx, c.fallback) : found;
}

export async function linkedPairs(
  tx: Tx,
  pairs: readonly (readonly [string, string])[],
): Promise<boolean[]> {
  const out = pairs.map(() => false);
  if (pairs.length === 0) return out;
  const found = await rows(tx, Q.LINKED_PAIRS, { pairs: pairs.map(([a, b]) => [a, b]) });
  for (const r of found) out[toCount(r.i)] = true;
  return out;
}

export async function degrees(
  tx: Tx,
  ids: readonly string[],
  before?: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const query = before === undefined ? Q.DEGREES : Q.DEGREES_BEFORE;
  for (const r of await rows(tx, query, { ids: [...new Set(ids)], ...asOf(before) })) {
    out.set(asString(r.id, 'id'), toCount(r.degree));
  }
  return out;
}

export async function commonNeighbours(
  tx: Tx,
  sourceId: string,
  candidateIds: readonly string[],
  before?: number,
): Promise<Map<string, CommonNeighbour[]>> {
  const unique = [...new Set(candidateIds)];
  const out = new Map<string, CommonNeighbour[]>(unique.map((id) => [id, []]));
  if (unique.length === 0) return out;
  const query = before === undefined ? Q.COMMON_NEIGHBOURS : Q.COMMON_NEIGHBOURS_BEFORE;
  const found = await rows(tx, query, { sourceId, candidateIds: unique, ...asOf(before) });
  for (const r of found) {
    const common = asList(r.common)
      .map((raw) => {
        const z = raw as { id: unknown; types: unknown };
        return {
          id: asString(z.id, 'id'),
          types: asList(z.types)
            .map((t) => asString(t, 'type') as RelationshipType)
            .sort(compareStrings),
        };
      })
      .sort((a, b) => compareStrings(a.id, b.id));
    out.set(asString(r.id, 'id'), common);
  }
  return out;
}

/** Every requested id gets a chain; an unknown place an empty one. */
export async function placeAncestors(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, PlaceChain>> {
  const out = new Map<string, PlaceChain>(ids.map((id) => [id, []]));
  if (out.size === 0) return out;
  for (const r of await rows(tx, Q.PLACE_ANCESTORS, { ids: [...out.keys()] })) {
    const chain: PlaceNode[] = [];
    const seen = new Set<string>();
    for (const raw of asList(r.chain)) {
      const place = toPlaceNode(raw);
      if (seen.has(place.id)) break; // a WITHIN cycle: stop where it closes
      seen.add(place.id);
      chain.push(place);
    }
    out.set(asString(r.id, 'id'), chain);
  }
  return out;
}

export async function placeDescendants(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows(tx, Q.PLACE_DESCENDANTS, { ids: [...new Set(ids)] });
  return new Set(found.map((r) => asString(r.id, 'id')));
}

const compareSequences = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareStrings(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
};

/**
 * Shortest paths by Neo4j's allShortestPaths; the distinct organisation sequences are ordered
 * here and the first `limit` kept. Then one query fetches every relationship of every hop.
 */
export async function paths(
  tx: Tx,
  fromId: string,
  toId: string,
  maxHops: number,
  limit: number,
): Promise<GraphPath[]> {
  if (fromId === toId || maxHops < 1 || limit < 1) return [];
  const hops = Math.min(Math.floor(maxHops), Q.MAX_PATH_HOPS);
  const query = Q.SHORTEST_PATHS[hops];
  if (query === undefined) return [];
  const sequences = (await rows(tx, query, { fromId, toId }))
    .map((r) => asList(r.ids).map((id) => asString(id, 'id')))
    .sort(compareSequences)
    .slice(0, Math.floor(limit));
  if (sequences.length === 0) return [];

  const pairs = new Map<string, [string, string]>();
  for (const seq of sequences) {
    for (let i = 0; i + 1 < seq.length; i++) {
      const pair: [string, string] = [seq[i] as string, seq[i + 1] as string];
      pairs.set(JSON.stringify(pair), pair);
    }
  }
  const between = new Map<string, Relationship[]>();
  for (const r of await rows(tx, Q.RELATIONSHIPS_BETWEEN, { pairs: [...pairs.values()] })) {
    const key = JSON.stringify([asString(r.a, 'id'), asString(r.b, 'id')]);
    between.set(key, [...(between.get(key) ?? []), toRelationship(r)]);
  }
  return sequences.map((seq) => ({
    organizationIds: seq,
    relationships: seq
      .slice(0, -1)
      .flatMap((a, i) =>
        [...(between.get(JSON.stringify([a, seq[i + 1]])) ?? [])].sort(compareRelationships),
      ),
  }));
}
