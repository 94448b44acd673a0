// Rows for the UNWIND write statements, built once in TypeScript: places flattened with their
// parents, repeated mentions combined as if written one after another, the derived search and
// matching properties of organisations, and the facet writes shared by single and bulk writes.
import {
  SYMMETRIC_RELATIONSHIP_TYPES,
  type NamedNode,
  type OrganizationWrite,
  type PlaceKind,
  type PlaceWrite,
  type Relationship,
  type RelationshipKey,
} from '../graph.types';
import { badInput } from '../../common/errors/domain-error';
import type { Analyzer } from '../../matching/text/analyzer';
import {
  documentTokens,
  nameKeys,
  nameTokens,
  sortName,
  type SearchableOrganization,
} from '../search';
import * as Q from './cypher';
import type { Facet } from './cypher';
import { termText } from './lucene';
import { toInteger, toIntegerOrNull, type Row } from './neo4j-records';
import { runChunked, UNWIND_CHUNK, type Tx } from './neo4j-tx';

/** Place chains are short (site → city → region → country); this only stops a runaway input. */
const MAX_PLACE_DEPTH = 32;

// ── pure helpers: rows for the UNWIND statements ──────────────────────────────

interface PlaceRow {
  id: string;
  name: string;
  kind: PlaceKind | null;
  withinId: string | null;
}

/**
 * Every place of the writes, parents included, one row per id. Repeated mentions combine as if
 * applied one after another: the first name creates the node, the last given kind and the last
 * given parent win (null keeps what is there).
 */
function placeRows(places: Iterable<PlaceWrite>): PlaceRow[] {
  const rows = new Map<string, PlaceRow>();
  const visit = (p: PlaceWrite, depth: number): void => {
    if (depth > MAX_PLACE_DEPTH) {
      throw badInput('places', `places nest at most ${MAX_PLACE_DEPTH} deep`);
    }
    if (p.within) visit(p.within, depth + 1);
    const withinId = p.within ? p.within.id : null;
    const seen = rows.get(p.id);
    if (seen === undefined) {
      rows.set(p.id, { id: p.id, name: p.name, kind: p.kind, withinId });
    } else {
      seen.kind = p.kind ?? seen.kind;
      seen.withinId = withinId ?? seen.withinId;
    }
  };
  for (const p of places) visit(p, 0);
  return byId([...rows.values()]);
}

/**
 * Shared nodes (places, sectors, capabilities, terms) are locked in one global order, kind by kind
 * and by id within a kind, so that concurrent writes touching the same nodes wait for each other
 * instead of deadlocking. The MERGE statements take the write lock at once (see cypher.ts).
 */
function byId<T extends { id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** First occurrence of each id (a MERGE keeps the name it was created with anyway), by id. */
function uniqueById<T extends { id: string }>(items: Iterable<T>): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return byId([...seen.values()]);
}

const relationshipKey = (r: RelationshipKey): string => JSON.stringify([r.from, r.to, r.type]);

/** Last occurrence of each key wins, as if the items were written one after another. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/**
 * One row per relationship, as if written one after another: the last properties win, and for a
 * symmetric type a pair given both ways round keeps the direction it was first given in.
 */
export function batchRelationships(relationships: readonly Relationship[]): Relationship[] {
  const seen = new Map<string, Relationship>();
  for (const r of relationships) {
    const reversed = { from: r.to, to: r.from, type: r.type };
    const key =
      SYMMETRIC_RELATIONSHIP_TYPES.has(r.type) && seen.has(relationshipKey(reversed))
        ? relationshipKey(reversed)
        : relationshipKey(r);
    const first = seen.get(key);
    seen.set(key, { ...r, from: first?.from ?? r.from, to: first?.to ?? r.to });
  }
  return [...seen.values()];
}

/** The properties derived from name, aliases and description for search and ordering. */
export function derivedProps(o: SearchableOrganization): Row {
  const tokens = documentTokens(o);
  return {
    sortName: sortName(o.name),
    searchText: tokens.join(' '),
    searchTokens: tokens,
    nameTokens: nameTokens(o),
    nameKeys: nameKeys(o),
  };
}

/** Node properties of an organisation except id, createdAt and updatedAt. */
export function organizationProps(o: OrganizationWrite, analyzer: Analyzer): Row {
  return {
    descTerms: termText(analyzer.terms(o.description ?? '')),
    name: o.name,
    kind: o.kind,
    description: o.description,
    aliases: o.aliases,
    website: o.website,
    founded: toIntegerOrNull(o.founded),
    strategicEnterprise: o.strategicEnterprise,
    ...derivedProps(o),
  };
}

export type FacetLists = { id: string } & Partial<Pick<OrganizationWrite, Facet>>;

/** Stored term text → its terms. */
export const splitTerms = (text: unknown): string[] =>
  typeof text === 'string' && text.length > 0 ? text.split(' ') : [];

/** term → number of the given term texts holding it. */
export function countTerms(texts: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const t of splitTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Description-frequency deltas from old and new term texts of the same organisations. */
export function descriptionDeltas(
  changes: readonly { before: unknown; after: unknown }[],
): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const { before, after } of changes) {
    const old = new Set(splitTerms(before));
    const now = new Set(splitTerms(after));
    for (const t of now) if (!old.has(t)) deltas.set(t, (deltas.get(t) ?? 0) + 1);
    for (const t of old) if (!now.has(t)) deltas.set(t, (deltas.get(t) ?? 0) - 1);
  }
  return deltas;
}

/** Applies frequency deltas (terms sorted, so concurrent writers lock them in one order). */
export async function adjustTermFrequencies(
  tx: Tx,
  desc: ReadonlyMap<string, number>,
  cap: ReadonlyMap<string, number>,
): Promise<void> {
  const terms = [...new Set([...desc.keys(), ...cap.keys()])].sort();
  const rows = terms
    .map((term) => ({
      term,
      desc: toInteger(desc.get(term) ?? 0),
      cap: toInteger(cap.get(term) ?? 0),
    }))
    .filter((r) => !(r.desc.isZero() && r.cap.isZero()));
  await runChunked(tx, Q.ADJUST_TERM_FREQUENCIES, 'rows', rows);
}

// ── statements shared by the single and the bulk writes ───────────────────────

export async function mergePlaces(tx: Tx, places: Iterable<PlaceWrite>): Promise<number> {
  const rows = placeRows(places);
  await runChunked(tx, Q.MERGE_PLACES, 'rows', rows);
  // A second statement, so that every parent exists before any WITHIN edge points at it.
  await runChunked(
    tx,
    Q.SET_PLACES_WITHIN,
    'rows',
    rows.filter((r) => r.withinId !== null),
  );
  return rows.length;
}

/**
 * Creates or reuses the facet nodes of the given lists and links the organisations to them
 * (MERGE: edges that exist already stay untouched), and moves the term frequencies by
 * `descriptionDeltas` plus the terms of new capabilities. Callers remove the stale edges first
 * where the lists replace old ones. Lock order: places, sectors, capabilities, terms, then the
 * edges to nodes already locked.
 */
export async function linkFacets(
  tx: Tx,
  orgs: readonly FacetLists[],
  facets: readonly Facet[],
  analyzer: Analyzer,
  {
    placesMerged = false,
    descriptionDeltas = new Map(),
  }: { placesMerged?: boolean; descriptionDeltas?: ReadonlyMap<string, number> } = {},
): Promise<void> {
  const listed = (f: Facet): boolean => facets.includes(f);
  const named = (f: 'sectors' | 'offers' | 'needs'): NamedNode[] =>
    listed(f) ? orgs.flatMap((o) => o[f] ?? []) : [];
  const places = (f: 'locations' | 'markets'): PlaceWrite[] =>
    listed(f) ? orgs.flatMap((o) => o[f] ?? []) : [];

  if (!placesMerged) await mergePlaces(tx, [...places('locations'), ...places('markets')]);
  await runChunked(tx, Q.MERGE_SECTORS, 'rows', uniqueById(named('sectors')));
  const capabilities = uniqueById([...named('offers'), ...named('needs')]).map((c) => ({
    ...c,
    terms: termText(analyzer.terms(c.name)),
  }));
  // New capabilities count in the capability frequency of their terms.
  const created: string[] = [];
  for (let i = 0; i < capabilities.length; i += UNWIND_CHUNK) {
    const result = await tx.run(Q.MERGE_CAPABILITIES, {
      rows: capabilities.slice(i, i + UNWIND_CHUNK),
    });
    for (const r of result.records) created.push(String(r.get('terms') ?? ''));
  }
  await adjustTermFrequencies(tx, descriptionDeltas, countTerms(created));
  for (const facet of facets) {
    const rows = orgs.flatMap((o) =>
      uniqueById<{ id: string }>(o[facet] ?? []).map((t) => ({ org: o.id, target: t.id })),
    );
    await runChunked(tx, Q.LINK_FACET[facet], 'rows', rows);
  }
}
