// The embedded GraphStore: in-memory indexes (memory-graph.ts) in front of a SQLite file
// (sqlite-file.ts). A write is validated against memory, committed to SQLite (fsynced), and only
// then applied to memory, so what a caller sees acknowledged is exactly what survives a crash.
import type Database from 'better-sqlite3';
import { conflict, DomainError, DomainErrorCode, notFound } from '../../common/errors/domain-error';
import type { GraphStore, StoreHealth } from '../graph-store.port';
import {
  BatchResult,
  EcosystemStatsRecord,
  GraphBatch,
  NamedNode,
  ORGANIZATION_KINDS,
  OrganizationKind,
  OrganizationPage,
  OrganizationPatch,
  OrganizationProfile,
  OrganizationQuery,
  OrganizationWrite,
  PlaceNode,
  PlaceWrite,
  Relationship,
  RelationshipKey,
  RelationshipType,
  SectorWithCount,
  SYMMETRIC_RELATIONSHIP_TYPES,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type PrivateDetails,
} from '../graph.types';
import {
  compareSortKeys,
  decodeCursor,
  encodeCursor,
  matchesAllTerms,
  queryTerms,
  SortKey,
} from '../search';
import type {
  CommonNeighbour,
  CandidateChannels,
  CandidateQuery,
  GraphPath,
  Neighbour,
  PlaceChain,
  TermStats,
} from '../match-graph.types';
import * as ops from './embedded-match-ops';
import { MemoryGraph, StoredOrganization, StoredRelationship, toStored } from './memory-graph';
import { openStoreFile, StoreLogger } from './sqlite-file';

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger?: StoreLogger;
}

/** Batches with this many relationships leave the degree buckets to be rebuilt when next read. */
const DEFER_DEGREE_INDEX_FROM = 1_000;

const silent: StoreLogger = { log: () => undefined, warn: () => undefined };

const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const byName = <T extends { id: string; name: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : byId(a, b);

interface Statements {
  putOrganization: Database.Statement<[string, string]>;
  deleteOrganization: Database.Statement<[string]>;
  putFacet: Database.Statement<[string, string, string]>;
  putPlace: Database.Statement<[string, string, string, string | null]>;
  insertRelationship: Database.Statement<
    [string, string, string, number | null, string | null, string | null]
  >;
  updateRelationship: Database.Statement<[number | null, string | null, string | null, number]>;
  deleteRelationship: Database.Statement<[number]>;
  putPrivate: Database.Statement<[string, string]>;
  deletePrivate: Database.Statement<[string]>;
  appendAudit: Database.Statement<[string, string, string, string]>;
}

function decodeAuditCursor(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainError(DomainErrorCode.BAD_USER_INPUT, 'after: not a valid cursor', 'after');
  }
  return n;
}

export class EmbeddedGraphStore implements GraphStore {
  readonly kind = 'embedded' as const;
  private db: Database.Database | null = null;
  private statements: Statements | null = null;
  private readonly graph = new MemoryGraph();
  private readonly privateDetails = new Map<string, PrivateDetails>();
  private readonly logger: StoreLogger;

  constructor(private readonly options: EmbeddedStoreOptions) {
    this.logger = options.logger ?? silent;
  }

  /** The in-memory graph, for the matching operations of the same adapter. */
  get memory(): MemoryGraph {
    return this.graph;
  }

  async init(): Promise<void> {
    if (this.db) return;
    const db = openStoreFile(this.options.dataDir, this.logger);
    this.db = db;
    this.statements = {
      putOrganization: db.prepare(
        'INSERT INTO organization (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
      ),
      deleteOrganization: db.prepare('DELETE FROM organization WHERE id = ?'),
      putFacet: db.prepare('INSERT OR IGNORE INTO facet (kind, id, name) VALUES (?, ?, ?)'),
      putPlace: db.prepare(
        `INSERT INTO place (id, name, kind, within_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, within_id = excluded.within_id`,
      ),
      // Relationships are found by the row the in-memory adjacency keeps (see sqlite-file.ts).
      insertRelationship: db.prepare(
        `INSERT INTO relationship (from_id, to_id, type, since, description, source)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      updateRelationship: db.prepare(
        'UPDATE relationship SET since = ?, description = ?, source = ? WHERE row = ?',
      ),
      deleteRelationship: db.prepare('DELETE FROM relationship WHERE row = ?'),
      putPrivate: db.prepare(
        'INSERT INTO private_details (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
      ),
      deletePrivate: db.prepare('DELETE FROM private_details WHERE id = ?'),
      appendAudit: db.prepare('INSERT INTO audit (id, at, actor, doc) VALUES (?, ?, ?, ?)'),
    };
    this.load(db);
    await Promise.resolve();
  }

  private load(db: Database.Database): void {
    const started = Date.now();
    for (const row of db.prepare('SELECT kind, id, name FROM facet').iterate() as Iterable<{
      kind: string;
      id: string;
      name: string;
    }>) {
      if (row.kind === 'sector') this.graph.putSector({ id: row.id, name: row.name });
      else this.graph.putCapability({ id: row.id, name: row.name });
    }
    for (const row of db
      .prepare('SELECT id, name, kind, within_id FROM place')
      .iterate() as Iterable<{
      id: string;
      name: string;
      kind: PlaceNode['kind'];
      within_id: string | null;
    }>) {
      this.graph.putPlace({ id: row.id, name: row.name, kind: row.kind, withinId: row.within_id });
    }
    for (const row of db.prepare('SELECT id, doc FROM organization').iterate() as Iterable<{
      id: string;
      doc: string;
    }>) {
      this.graph.putOrganization({ ...(JSON.parse(row.doc) as StoredOrganization), id: row.id });
    }
    const duplicates: number[] = [];
    this.graph.deferDegreeIndex();
    for (const row of db
      .prepare('SELECT row, from_id, to_id, type, since, description, source FROM relationship')
      .iterate() as Iterable<{
      row: number;
      from_id: string;
      to_id: string;
      type: RelationshipType;
      since: number | null;
      description: string | null;
      source: string | null;
    }>) {
      const rel: Relationship = {
        from: row.from_id,
        to: row.to_id,
        type: row.type,
        since: row.since,
        description: row.description,
        source: row.source,
      };
      // The same key, or a symmetric one stored the other way round.
      const earlier = this.graph.findRelationship(rel);
      if (earlier) {
        duplicates.push(StoredRelationship.rowOf(earlier));
        this.graph.removeRelationship(earlier);
      }
      this.graph.putRelationship(rel, row.row);
    }
    if (duplicates.length > 0) {
      // Never written by this store (memory allows one row per key); the later row wins.
      db.transaction(() => {
        for (const row of duplicates) this.open().st.deleteRelationship.run(row);
      })();
      this.logger.warn(
        `Embedded store: removed ${duplicates.length} duplicate relationship rows (the latest kept).`,
      );
    }
    for (const row of db.prepare('SELECT id, doc FROM private_details').iterate() as Iterable<{
      id: string;
      doc: string;
    }>) {
      this.privateDetails.set(row.id, JSON.parse(row.doc) as PrivateDetails);
    }
    if (this.graph.organizations.size > 0) {
      this.logger.log(
        `Embedded store: loaded ${this.graph.organizations.size} organisations and ` +
          `${this.graph.relationshipCount} relationships in ${Date.now() - started} ms`,
      );
    }
  }

  whenReady(): Promise<void> {
    return this.db ? Promise.resolve() : Promise.reject(new Error('embedded store: init() first'));
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    this.statements = null;
    // Closing checkpoints the log into the database file and releases the lock.
    db?.close();
    await Promise.resolve();
  }

  async health(): Promise<StoreHealth> {
    await Promise.resolve();
    if (!this.db) return { ok: false, detail: 'embedded store is closed' };
    return { ok: true, detail: `embedded store, ${this.graph.organizations.size} organisations` };
  }

  async isEmpty(): Promise<boolean> {
    await Promise.resolve();
    return this.graph.organizations.size === 0;
  }

  private open(): { db: Database.Database; st: Statements } {
    if (!this.db || !this.statements) {
      throw new DomainError(DomainErrorCode.SERVICE_UNAVAILABLE, 'the embedded store is closed');
    }
    return { db: this.db, st: this.statements };
  }

  // ── writes ───────────────────────────────────────────────────────────────────
  /** Resolves place writes (parents first) against memory and the batch seen so far. */
  private resolvePlaces(writes: readonly PlaceWrite[], into: Map<string, PlaceNode>): void {
    const visit = (w: PlaceWrite): void => {
      if (w.within) visit(w.within);
      const existing = into.get(w.id) ?? this.graph.places.get(w.id);
      into.set(w.id, {
        id: w.id,
        name: existing?.name ?? w.name,
        kind: w.kind ?? existing?.kind ?? 'CITY',
        withinId: w.within?.id ?? existing?.withinId ?? null,
      });
    };
    writes.forEach(visit);
  }

  private persistFacets(
    st: Statements,
    org: Pick<OrganizationWrite, 'sectors' | 'offers' | 'needs'>,
  ): void {
    for (const s of org.sectors) st.putFacet.run('sector', s.id, s.name);
    for (const c of [...org.offers, ...org.needs]) st.putFacet.run('capability', c.id, c.name);
  }

  private persistPlaces(st: Statements, places: Map<string, PlaceNode>): void {
    for (const p of places.values()) st.putPlace.run(p.id, p.name, p.kind, p.withinId);
  }

  private applyPlaces(places: Map<string, PlaceNode>): void {
    for (const p of places.values()) this.graph.putPlace(p);
  }

  private docOf(org: StoredOrganization): string {
    const { id: _id, ...doc } = org;
    return JSON.stringify(doc);
  }

  async createOrganization(org: OrganizationWrite): Promise<OrganizationProfile> {
    await Promise.resolve();
    const { db, st } = this.open();
    if (this.graph.organizations.has(org.id)) {
      throw conflict(`organization "${org.id}" already exists`, 'input.id');
    }
    const places = new Map<string, PlaceNode>();
    this.resolvePlaces([...org.locations, ...org.markets], places);
    const stored = toStored(org);
    db.transaction(() => {
      this.persistFacets(st, org);
      this.persistPlaces(st, places);
      st.putOrganization.run(org.id, this.docOf(stored));
    })();
    this.graph.registerFacets(org);
    this.applyPlaces(places);
    this.graph.putOrganization(stored);
    return this.graph.profile(org.id) as OrganizationProfile;
  }

  async updateOrganization(id: string, patch: OrganizationPatch): Promise<OrganizationProfile> {
    await Promise.resolve();
    const { db, st } = this.open();
    const current = this.graph.get(id);
    if (!current) throw notFound('organization', id, 'id');
    const places = new Map<string, PlaceNode>();
    this.resolvePlaces([...(patch.locations ?? []), ...(patch.markets ?? [])], places);
    const facets = {
      sectors: patch.sectors ?? [],
      offers: patch.offers ?? [],
      needs: patch.needs ?? [],
    };
    const next: StoredOrganization = {
      id,
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      description: patch.description !== undefined ? patch.description : current.description,
      aliases: patch.aliases ?? current.aliases,
      website: patch.website !== undefined ? patch.website : current.website,
      founded: patch.founded !== undefined ? patch.founded : current.founded,
      strategicEnterprise: patch.strategicEnterprise ?? current.strategicEnterprise,
      createdAt: current.createdAt,
      updatedAt: patch.updatedAt,
      sectorIds: patch.sectors ? patch.sectors.map((s) => s.id) : current.sectorIds,
      offerIds: patch.offers ? patch.offers.map((c) => c.id) : current.offerIds,
      needIds: patch.needs ? patch.needs.map((c) => c.id) : current.needIds,
      locationIds: patch.locations ? patch.locations.map((p) => p.id) : current.locationIds,
      marketIds: patch.markets ? patch.markets.map((p) => p.id) : current.marketIds,
    };
    db.transaction(() => {
      this.persistFacets(st, facets);
      this.persistPlaces(st, places);
      st.putOrganization.run(id, this.docOf(next));
    })();
    this.graph.registerFacets(facets);
    this.applyPlaces(places);
    this.graph.putOrganization(next);
    return this.graph.profile(id) as OrganizationProfile;
  }

  async deleteOrganization(id: string): Promise<boolean> {
    await Promise.resolve();
    const { db, st } = this.open();
    if (!this.graph.organizations.has(id)) return false;
    db.transaction(() => {
      // Both directions: the adjacency holds every relationship touching it, with its row.
      for (const r of this.graph.relationshipsOf(id))
        st.deleteRelationship.run(StoredRelationship.rowOf(r));
      st.deletePrivate.run(id);
      st.deleteOrganization.run(id);
    })();
    this.privateDetails.delete(id);
    return this.graph.deleteOrganization(id);
  }

  async connect(rel: Relationship): Promise<Relationship> {
    await Promise.resolve();
    const { st } = this.open();
    if (!this.graph.organizations.has(rel.from))
      throw notFound('organization', rel.from, 'input.fromId');
    if (!this.graph.organizations.has(rel.to)) throw notFound('organization', rel.to, 'input.toId');
    if (this.graph.findRelationship(rel)) {
      throw new DomainError(
        DomainErrorCode.BAD_USER_INPUT,
        `input.type: ${rel.from} and ${rel.to} already have a ${rel.type} relationship`,
        'input.type',
      );
    }
    const { lastInsertRowid } = st.insertRelationship.run(
      rel.from,
      rel.to,
      rel.type,
      rel.since,
      rel.description,
      rel.source,
    );
    this.graph.putRelationship(rel, Number(lastInsertRowid));
    return { ...rel };
  }

  async disconnect(key: RelationshipKey): Promise<boolean> {
    await Promise.resolve();
    const { st } = this.open();
    const existing = this.graph.findRelationship(key);
    if (!existing) return false;
    st.deleteRelationship.run(StoredRelationship.rowOf(existing));
    return this.graph.removeRelationship(existing);
  }

  async upsertBatch(batch: GraphBatch): Promise<BatchResult> {
    await Promise.resolve();
    const { db, st } = this.open();
    const places = new Map<string, PlaceNode>();
    this.resolvePlaces(batch.places, places);
    const orgs: StoredOrganization[] = batch.organizations.map((o) => {
      this.resolvePlaces([...o.locations, ...o.markets], places);
      const existing = this.graph.get(o.id);
      const stored = toStored(o);
      return existing
        ? { ...stored, createdAt: existing.createdAt, updatedAt: existing.updatedAt }
        : stored;
    });
    const inBatch = new Set(orgs.map((o) => o.id));
    /** The batch's relationships by key, with the stored one each replaces. */
    const seen = new Map<string, { rel: Relationship; stored: Relationship | undefined }>();
    const keyOf = (type: string, from: string, to: string): string =>
      `${type}\u0000${from}\u0000${to}`;
    for (const r of batch.relationships) {
      for (const end of [r.from, r.to]) {
        if (!inBatch.has(end) && !this.graph.organizations.has(end)) {
          throw notFound('organization', end, 'relationships');
        }
      }
      // A symmetric relationship stored (or batched) the other way round is updated in place.
      const stored = this.graph.findRelationship(r);
      let from = stored?.from ?? r.from;
      let to = stored?.to ?? r.to;
      if (
        !stored &&
        SYMMETRIC_RELATIONSHIP_TYPES.has(r.type) &&
        seen.has(keyOf(r.type, r.to, r.from))
      ) {
        [from, to] = [r.to, r.from];
      }
      const key = keyOf(r.type, from, to);
      seen.set(key, { rel: { ...r, from, to }, stored: stored ?? seen.get(key)?.stored });
    }
    const rels = [...seen.values()];
    const rows = new Array<number>(rels.length);
    db.transaction(() => {
      for (const o of batch.organizations) this.persistFacets(st, o);
      this.persistPlaces(st, places);
      for (const o of orgs) st.putOrganization.run(o.id, this.docOf(o));
      rels.forEach(({ rel: r, stored }, i) => {
        if (!stored) {
          const { lastInsertRowid } = st.insertRelationship.run(
            r.from,
            r.to,
            r.type,
            r.since,
            r.description,
            r.source,
          );
          rows[i] = Number(lastInsertRowid);
          return;
        }
        rows[i] = StoredRelationship.rowOf(stored);
        // Importing the same file again writes nothing.
        if (
          stored.since !== r.since ||
          stored.description !== r.description ||
          stored.source !== r.source
        ) {
          st.updateRelationship.run(r.since, r.description, r.source, rows[i]);
        }
      });
    })();
    for (const o of batch.organizations) this.graph.registerFacets(o);
    this.applyPlaces(places);
    for (const o of orgs) this.graph.putOrganization(o);
    // A large batch: one pass over all organisations, when next needed, beats moving every end.
    if (rels.length >= DEFER_DEGREE_INDEX_FROM) this.graph.deferDegreeIndex();
    rels.forEach(({ rel }, i) => this.graph.putRelationship(rel, rows[i]));
    return { organizations: orgs.length, relationships: rels.length, places: places.size };
  }

  // ── reads ────────────────────────────────────────────────────────────────────
  async getOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationProfile>> {
    await Promise.resolve();
    const out = new Map<string, OrganizationProfile>();
    for (const id of ids) {
      const p = this.graph.profile(id);
      if (p) out.set(id, p);
    }
    return out;
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    await Promise.resolve();
    return new Set(ids.filter((id) => this.graph.organizations.has(id)));
  }

  async organizationIds(): Promise<string[]> {
    await Promise.resolve();
    return [...this.graph.organizations.keys()].sort();
  }

  async relationshipsOf(
    ids: readonly string[],
    type: RelationshipType | null,
  ): Promise<Map<string, Relationship[]>> {
    await Promise.resolve();
    const out = new Map<string, Relationship[]>();
    for (const id of ids) {
      const rels = [...this.graph.relationshipsOf(id)]
        .filter((r) => type === null || r.type === type)
        .map((r) => ({ ...r }))
        .sort(
          (a, b) =>
            (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) ||
            (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
            (a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
        );
      out.set(id, rels);
    }
    return out;
  }

  async sectorCounts(sectorIds: readonly string[]): Promise<Map<string, number>> {
    await Promise.resolve();
    return new Map(sectorIds.map((id) => [id, this.graph.sectorMembers.get(id)?.size ?? 0]));
  }

  async getPlaces(ids: readonly string[]): Promise<Map<string, PlaceNode>> {
    await Promise.resolve();
    const out = new Map<string, PlaceNode>();
    for (const id of ids) {
      const p = this.graph.places.get(id);
      if (p) out.set(id, { ...p });
    }
    return out;
  }

  async findOrganizations(query: OrganizationQuery): Promise<OrganizationPage> {
    await Promise.resolve();
    const terms = query.search ? queryTerms(query.search) : [];
    const after = query.after ? decodeCursor(query.after) : null;
    const kinds = query.kinds?.length ? new Set<OrganizationKind>(query.kinds) : null;
    const sectors = query.sectorIds?.length ? query.sectorIds : null;
    const keep = (id: string): boolean => {
      const o = this.graph.get(id);
      if (!o) return false;
      if (kinds && !kinds.has(o.kind)) return false;
      if (sectors && !sectors.some((s) => o.sectorIds.includes(s))) return false;
      return true;
    };

    let keys: SortKey[];
    if (terms.length === 0) {
      keys = this.graph
        .idsByName()
        .filter(keep)
        .map((id) => ({
          tier: 0,
          name: (this.graph.get(id) as { sortName: string }).sortName,
          id,
        }));
    } else {
      // Intersect the posting sets, smallest first, then check every term exactly.
      const sets = terms.map((t) => this.graph.withTokenPrefix(t)).sort((a, b) => a.size - b.size);
      const [first, ...rest] = sets;
      keys = [];
      for (const id of first ?? []) {
        if (!rest.every((s) => s.has(id)) || !keep(id)) continue;
        const o = this.graph.get(id);
        if (!o || !matchesAllTerms(o.tokens, terms)) continue;
        const tier = o.nameKeys.includes(terms.join(' '))
          ? 0
          : matchesAllTerms(o.nameTokens, terms)
            ? 1
            : 2;
        keys.push({ tier, name: o.sortName, id });
      }
      keys.sort(compareSortKeys);
    }
    const totalCount = keys.length;
    const start = after ? keys.findIndex((k) => compareSortKeys(k, after) > 0) : 0;
    const page = start < 0 ? [] : keys.slice(start, start + query.first + 1);
    const hasNextPage = page.length > query.first;
    const items = page.slice(0, query.first);
    return {
      items: items.map((k) => this.graph.profile(k.id) as OrganizationProfile),
      cursors: items.map(encodeCursor),
      hasNextPage,
      totalCount,
    };
  }

  async listSectors(): Promise<SectorWithCount[]> {
    await Promise.resolve();
    return [...this.graph.sectors.values()]
      .map((s) => ({ ...s, organizationCount: this.graph.sectorMembers.get(s.id)?.size ?? 0 }))
      .sort(byName);
  }

  async stats(topConnectors: number): Promise<EcosystemStatsRecord> {
    await Promise.resolve();
    const kindCounts = new Map<OrganizationKind, number>();
    for (const o of this.graph.organizations.values()) {
      kindCounts.set(o.kind, (kindCounts.get(o.kind) ?? 0) + 1);
    }
    const byKind = ORGANIZATION_KINDS.filter((k) => kindCounts.has(k))
      .map((kind) => ({ kind, count: kindCounts.get(kind) as number }))
      .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    const bySector = [...this.graph.sectors.values()]
      .map((s) => ({ ...s, organizationCount: this.graph.sectorMembers.get(s.id)?.size ?? 0 }))
      .filter((s) => s.organizationCount > 0)
      .sort((a, b) => b.organizationCount - a.organizationCount || byName(a, b));
    const connectors = [...this.graph.degrees()]
      .map(([id, degree]) => ({ id, degree }))
      .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, topConnectors);
    return {
      organizationCount: this.graph.organizations.size,
      relationshipCount: this.graph.relationshipCount,
      byKind,
      bySector,
      topConnectors: connectors,
    };
  }

  // ── graph work for matching ──────────────────────────────────────────────────
  async termStats(terms: readonly string[]): Promise<TermStats> {
    await Promise.resolve();
    return ops.termStats(this.graph, terms);
  }

  async matchCandidates(query: CandidateQuery): Promise<CandidateChannels> {
    await Promise.resolve();
    return ops.matchCandidates(this.graph, query);
  }

  async neighbours(id: string, formedBefore?: number): Promise<Neighbour[]> {
    await Promise.resolve();
    return ops.neighbours(this.graph, id, formedBefore);
  }

  async commonNeighbours(
    sourceId: string,
    candidateIds: readonly string[],
    formedBefore?: number,
  ): Promise<Map<string, CommonNeighbour[]>> {
    await Promise.resolve();
    return ops.commonNeighbours(this.graph, sourceId, candidateIds, formedBefore);
  }

  async linkedPairs(pairs: readonly (readonly [string, string])[]): Promise<boolean[]> {
    await Promise.resolve();
    return ops.linkedPairs(this.graph, pairs);
  }

  async degrees(ids: readonly string[], formedBefore?: number): Promise<Map<string, number>> {
    await Promise.resolve();
    return ops.degrees(this.graph, ids, formedBefore);
  }

  async placeAncestors(placeIds: readonly string[]): Promise<Map<string, PlaceChain>> {
    await Promise.resolve();
    return ops.placeAncestors(this.graph, placeIds);
  }

  async placeDescendants(placeIds: readonly string[]): Promise<Set<string>> {
    await Promise.resolve();
    return ops.placeDescendants(this.graph, placeIds);
  }

  async paths(fromId: string, toId: string, maxHops: number, limit: number): Promise<GraphPath[]> {
    await Promise.resolve();
    return ops.paths(this.graph, fromId, toId, maxHops, limit);
  }

  // ── private details and audit ────────────────────────────────────────────────
  async getPrivateDetails(ids: readonly string[]): Promise<Map<string, PrivateDetails>> {
    await Promise.resolve();
    const out = new Map<string, PrivateDetails>();
    for (const id of ids) {
      const d = this.privateDetails.get(id);
      if (d) out.set(id, structuredClone(d));
    }
    return out;
  }

  async setPrivateDetails(id: string, details: PrivateDetails): Promise<void> {
    await Promise.resolve();
    const { st } = this.open();
    if (!this.graph.organizations.has(id)) throw notFound('organization', id, 'id');
    st.putPrivate.run(id, JSON.stringify(details));
    this.privateDetails.set(id, structuredClone(details));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await Promise.resolve();
    const { st } = this.open();
    st.appendAudit.run(entry.id, entry.at, entry.actor, JSON.stringify(entry));
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    await Promise.resolve();
    const { db } = this.open();
    const after = query.after ? decodeAuditCursor(query.after) : null;
    const rows = db
      .prepare(
        `SELECT seq, doc FROM audit WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR actor = ?)
         AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(json_extract(doc, '$.targetIds')) WHERE value = ?))
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(
        after,
        after,
        query.actor,
        query.actor,
        query.targetId,
        query.targetId,
        query.first + 1,
      ) as { seq: number; doc: string }[];
    const page = rows.slice(0, query.first);
    return {
      items: page.map((r) => JSON.parse(r.doc) as AuditEntry),
      cursors: page.map((r) => Buffer.from(String(r.seq)).toString('base64url')),
      hasNextPage: rows.length > query.first,
    };
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async iteration is the port's shape
  async *exportGraph(pageSize: number): AsyncIterable<GraphBatch> {
    const empty = (): GraphBatch => ({ places: [], organizations: [], relationships: [] });
    const places = [...this.graph.places.values()].sort(byId);
    for (let i = 0; i < places.length; i += pageSize) {
      yield {
        ...empty(),
        places: places.slice(i, i + pageSize).map((p) => this.placeWrite(p)),
      };
    }
    const ids = [...this.graph.organizations.keys()].sort();
    for (let i = 0; i < ids.length; i += pageSize) {
      const organizations = ids
        .slice(i, i + pageSize)
        .map((id) => this.graph.profile(id))
        .filter((p): p is OrganizationProfile => p !== undefined)
        .map((p) => this.writeOf(p));
      yield { ...empty(), organizations };
    }
    const rels = [...this.graph.organizations.keys()]
      .flatMap((id) => [...this.graph.relationshipsOf(id)].filter((r) => r.from === id))
      .sort(
        (a, b) =>
          (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
          (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) ||
          (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
      );
    for (let i = 0; i < rels.length; i += pageSize) {
      yield { ...empty(), relationships: rels.slice(i, i + pageSize).map((r) => ({ ...r })) };
    }
  }

  private placeWrite(p: PlaceNode): PlaceWrite {
    const parent = p.withinId ? this.graph.places.get(p.withinId) : undefined;
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      within: parent ? { id: parent.id, name: parent.name, kind: parent.kind, within: null } : null,
    };
  }

  private writeOf(p: OrganizationProfile): OrganizationWrite {
    const asWrite = (x: PlaceNode): PlaceWrite => ({
      id: x.id,
      name: x.name,
      kind: x.kind,
      within: null,
    });
    const named = (xs: NamedNode[]): NamedNode[] => xs.map((x) => ({ ...x }));
    return {
      ...p,
      sectors: named(p.sectors),
      offers: named(p.offers),
      needs: named(p.needs),
      locations: p.locations.map(asWrite),
      markets: p.markets.map(asWrite),
    };
  }
}
