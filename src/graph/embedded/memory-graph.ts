// The embedded store's in-memory indexes: organisations, facet nodes, adjacency, an inverted
// token index for search, and reverse indexes (sector → members, capability → offerers / needers,
// place → located). Reads never touch disk; the SQLite file is the durable copy loaded at start.
import {
  NamedNode,
  OrganizationKind,
  OrganizationProfile,
  OrganizationWrite,
  PlaceNode,
  Relationship,
  RelationshipKey,
  SYMMETRIC_RELATIONSHIP_TYPES,
} from '../graph.types';
import { isFormedBefore } from '../match-graph.types';
import { documentTokens, nameKeys, nameTokens, sortName } from '../search';
import { type Analyzer, defaultAnalyzer } from '../../matching/text/analyzer';

/** An organisation as held in memory: facets by id, plus search keys derived once. */
export interface StoredOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  description: string | null;
  aliases: string[];
  website: string | null;
  founded: number | null;
  strategicEnterprise: boolean;
  createdAt: string;
  updatedAt: string;
  sectorIds: string[];
  offerIds: string[];
  needIds: string[];
  locationIds: string[];
  marketIds: string[];
}

interface Indexed extends StoredOrganization {
  /** Analysed description terms (matching). */
  descTerms: string[];
  tokens: string[];
  nameTokens: string[];
  nameKeys: string[];
  sortName: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * A relationship as held in memory, with the SQLite row that stores it. The row is a private
 * field: object spread, JSON and Jest's equality do not see it, so copies handed out are plain
 * relationships.
 */
export class StoredRelationship implements Relationship {
  readonly from: string;
  readonly to: string;
  readonly type: Relationship['type'];
  readonly since: number | null;
  readonly description: string | null;
  readonly source: string | null;
  readonly #row: number;

  constructor(rel: Relationship, row: number) {
    this.from = rel.from;
    this.to = rel.to;
    this.type = rel.type;
    this.since = rel.since;
    this.description = rel.description;
    this.source = rel.source;
    this.#row = row;
  }

  /** The row of a relationship held in memory (0 when it was put without one). */
  static rowOf(rel: Relationship): number {
    return rel instanceof StoredRelationship ? rel.#row : 0;
  }
}

/** An organisation's relationships, by the organisation at the other end, and how many. */
interface Links {
  byNeighbour: Map<string, StoredRelationship[]>;
  count: number;
}

const sameKey = (r: RelationshipKey, k: RelationshipKey): boolean =>
  r.type === k.type && r.from === k.from && r.to === k.to;

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set && set.delete(value) && set.size === 0) index.delete(key);
}

export class MemoryGraph {
  readonly organizations = new Map<string, Indexed>();
  readonly sectors = new Map<string, NamedNode>();
  readonly capabilities = new Map<string, NamedNode>();
  readonly places = new Map<string, PlaceNode>();
  readonly sectorMembers = new Map<string, Set<string>>();
  readonly offerers = new Map<string, Set<string>>();
  readonly needers = new Map<string, Set<string>>();
  readonly locatedIn = new Map<string, Set<string>>();
  readonly activeIn = new Map<string, Set<string>>();
  readonly placeChildren = new Map<string, Set<string>>();
  /**
   * Every relationship touching an organisation, either direction, by the organisation at the
   * other end. The relationships between a and b are one array, shared by a's entry and b's.
   */
  private readonly links = new Map<string, Links>();
  /** Profiles built once and shared (read-only) until the organisation or its places change. */
  private readonly profiles = new Map<string, OrganizationProfile>();
  readonly tokenIndex = new Map<string, Set<string>>();
  /** Analysed description term → organisations (the text channel's inverted index). */
  readonly descTermIndex = new Map<string, Set<string>>();
  /** Capability → its analysed terms, and term → capabilities containing it. */
  readonly capabilityTerms = new Map<string, string[]>();
  readonly termCapabilities = new Map<string, Set<string>>();
  relationshipCount = 0;
  /** Organisations by their number of relationships (at least one): the active channel's index. */
  private readonly byDegree = new Map<number, Set<string>>();
  private maxDegree = 0;
  /** Bulk writes drop the degree buckets; the next mostConnected rebuilds them in one pass. */
  private byDegreeStale = false;
  /**
   * Degrees as of the start of one year (degreeBefore), worked out once per organisation: the
   * weight fit asks for the same year thousands of times. Dropped by any relationship write.
   */
  private degreesBefore: { before: number; degrees: Map<string, number> } | null = null;

  constructor(private readonly analyzer: Analyzer = defaultAnalyzer()) {}

  private sortedTokens: string[] | null = null;
  private sortedIds: string[] | null = null;

  // ── facet nodes ────────────────────────────────────────────────────────────
  putSector(node: NamedNode): void {
    if (!this.sectors.has(node.id)) this.sectors.set(node.id, { ...node });
  }

  putCapability(node: NamedNode): void {
    if (this.capabilities.has(node.id)) return;
    this.capabilities.set(node.id, { ...node });
    const terms = this.analyzer.terms(node.name);
    this.capabilityTerms.set(node.id, terms);
    for (const t of terms) addTo(this.termCapabilities, t, node.id);
  }

  putPlace(place: PlaceNode): void {
    const old = this.places.get(place.id);
    if (old?.withinId && old.withinId !== place.withinId) {
      removeFrom(this.placeChildren, old.withinId, place.id);
    }
    if (place.withinId) addTo(this.placeChildren, place.withinId, place.id);
    if (old && (old.kind !== place.kind || old.withinId !== place.withinId)) {
      // Profiles carry their places' kind and parent: drop those that mention this one.
      for (const id of [
        ...(this.locatedIn.get(place.id) ?? []),
        ...(this.activeIn.get(place.id) ?? []),
      ]) {
        this.profiles.delete(id);
      }
    }
    this.places.set(place.id, { ...place });
  }

  // ── organisations ──────────────────────────────────────────────────────────
  putOrganization(org: StoredOrganization): void {
    this.profiles.delete(org.id);
    this.removeOrganizationIndexes(org.id);
    const indexed: Indexed = {
      ...org,
      descTerms: this.analyzer.terms(org.description ?? ''),
      tokens: documentTokens(org),
      nameTokens: nameTokens(org),
      nameKeys: nameKeys(org),
      sortName: sortName(org.name),
    };
    this.organizations.set(org.id, indexed);
    for (const s of org.sectorIds) addTo(this.sectorMembers, s, org.id);
    for (const c of org.offerIds) addTo(this.offerers, c, org.id);
    for (const c of org.needIds) addTo(this.needers, c, org.id);
    for (const p of org.locationIds) addTo(this.locatedIn, p, org.id);
    for (const p of org.marketIds) addTo(this.activeIn, p, org.id);
    for (const t of indexed.tokens) {
      if (!this.tokenIndex.has(t)) this.sortedTokens = null;
      addTo(this.tokenIndex, t, org.id);
    }
    for (const t of indexed.descTerms) addTo(this.descTermIndex, t, org.id);
    this.sortedIds = null;
  }

  /** Removes the organisation and every relationship touching it. */
  deleteOrganization(id: string): boolean {
    // Relationships go even when the organisation is unknown: nothing may touch a deleted id (the
    // store refuses relationships to unknown organisations, the graph does not rely on it).
    for (const rel of [...this.relationshipsOf(id)]) this.removeRelationship(rel);
    if (!this.organizations.has(id)) {
      this.links.delete(id);
      return false;
    }
    this.removeOrganizationIndexes(id);
    this.profiles.delete(id);
    this.organizations.delete(id);
    this.links.delete(id);
    this.sortedIds = null;
    return true;
  }

  private removeOrganizationIndexes(id: string): void {
    const old = this.organizations.get(id);
    if (!old) return;
    for (const s of old.sectorIds) removeFrom(this.sectorMembers, s, id);
    for (const c of old.offerIds) removeFrom(this.offerers, c, id);
    for (const c of old.needIds) removeFrom(this.needers, c, id);
    for (const p of old.locationIds) removeFrom(this.locatedIn, p, id);
    for (const p of old.marketIds) removeFrom(this.activeIn, p, id);
    for (const t of old.tokens) {
      removeFrom(this.tokenIndex, t, id);
      if (!this.tokenIndex.has(t)) this.sortedTokens = null;
    }
    for (const t of old.descTerms) removeFrom(this.descTermIndex, t, id);
  }

  get(id: string): Indexed | undefined {
    return this.organizations.get(id);
  }

  /** The organisation's profile: one frozen object, rebuilt only after a change. */
  profile(id: string): OrganizationProfile | undefined {
    let p = this.profiles.get(id);
    if (!p) {
      p = this.buildProfile(id);
      if (p) this.profiles.set(id, deepFreeze(p));
    }
    return p;
  }

  private buildProfile(id: string): OrganizationProfile | undefined {
    const o = this.organizations.get(id);
    if (!o) return undefined;
    const named = (ids: string[], nodes: Map<string, NamedNode>): NamedNode[] =>
      ids
        .map((x) => nodes.get(x))
        .filter((n): n is NamedNode => n !== undefined)
        .map((n) => ({ ...n }));
    const places = (ids: string[]): PlaceNode[] =>
      ids
        .map((x) => this.places.get(x))
        .filter((p): p is PlaceNode => p !== undefined)
        .map((p) => ({ ...p }));
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      description: o.description,
      aliases: [...o.aliases],
      website: o.website,
      founded: o.founded,
      strategicEnterprise: o.strategicEnterprise,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      sectors: named(o.sectorIds, this.sectors),
      offers: named(o.offerIds, this.capabilities),
      needs: named(o.needIds, this.capabilities),
      locations: places(o.locationIds),
      markets: places(o.marketIds),
    };
  }

  // ── relationships ──────────────────────────────────────────────────────────
  /** Every relationship touching the organisation, either direction, each once. */
  *relationshipsOf(id: string): Iterable<StoredRelationship> {
    const links = this.links.get(id);
    if (!links) return;
    for (const list of links.byNeighbour.values()) yield* list;
  }

  /** The relationships between two organisations, either direction (read-only). */
  between(a: string, b: string): readonly StoredRelationship[] {
    return this.links.get(a)?.byNeighbour.get(b) ?? [];
  }

  /** The stored relationship equal to the key, either direction for symmetric types. */
  findRelationship(key: RelationshipKey): StoredRelationship | undefined {
    const list = this.between(key.from, key.to);
    const direct = list.find((r) => sameKey(r, key));
    if (direct || !SYMMETRIC_RELATIONSHIP_TYPES.has(key.type)) return direct;
    return list.find((r) => sameKey(r, { from: key.to, to: key.from, type: key.type }));
  }

  private linksOf(id: string): Links {
    let links = this.links.get(id);
    if (!links) this.links.set(id, (links = { byNeighbour: new Map(), count: 0 }));
    return links;
  }

  /**
   * Adds the relationship, or replaces the one with the same key. `row` is where the store keeps it
   * (StoredRelationship.rowOf).
   */
  putRelationship(rel: Relationship, row = 0): void {
    this.degreesBefore = null;
    const copy = new StoredRelationship(rel, row);
    const fromLinks = this.linksOf(rel.from);
    let list = fromLinks.byNeighbour.get(rel.to);
    if (!list) {
      list = [];
      fromLinks.byNeighbour.set(rel.to, list);
      this.linksOf(rel.to).byNeighbour.set(rel.from, list);
    }
    const at = list.findIndex((r) => sameKey(r, rel));
    if (at >= 0) {
      list[at] = copy;
      return;
    }
    const before = [this.degree(rel.from), this.degree(rel.to)];
    list.push(copy);
    this.relationshipCount++;
    fromLinks.count++;
    if (rel.to !== rel.from) this.linksOf(rel.to).count++;
    if (!this.byDegreeStale) this.degreesChanged(rel, before);
  }

  /**
   * For loads and bulk imports: stop keeping the degree buckets up to date relationship by
   * relationship (two Set moves per end, 1.8 s of a 1M-relationship import); the next call to
   * mostConnected rebuilds them from the adjacency in one pass.
   */
  deferDegreeIndex(): void {
    this.byDegreeStale = true;
    this.byDegree.clear();
    this.maxDegree = 0;
  }

  private ensureDegreeIndex(): void {
    if (!this.byDegreeStale) return;
    for (const [id, { count }] of this.links) {
      if (count === 0) continue;
      addTo(this.byDegree, count, id);
      this.maxDegree = Math.max(this.maxDegree, count);
    }
    this.byDegreeStale = false;
  }

  removeRelationship(rel: RelationshipKey): boolean {
    this.degreesBefore = null;
    const fromLinks = this.links.get(rel.from);
    const list = fromLinks?.byNeighbour.get(rel.to);
    const at = list ? list.findIndex((r) => sameKey(r, rel)) : -1;
    if (!fromLinks || !list || at < 0) return false;
    const before = [this.degree(rel.from), this.degree(rel.to)];
    list.splice(at, 1);
    const toLinks = this.links.get(rel.to) as Links;
    if (list.length === 0) {
      fromLinks.byNeighbour.delete(rel.to);
      toLinks.byNeighbour.delete(rel.from);
    }
    this.relationshipCount--;
    fromLinks.count--;
    if (rel.to !== rel.from) toLinks.count--;
    if (!this.byDegreeStale) this.degreesChanged(rel, before);
    return true;
  }

  /** Moves both ends of a relationship just added or removed to their new degree's bucket. */
  private degreesChanged(rel: RelationshipKey, before: number[]): void {
    const ends = rel.from === rel.to ? [rel.from] : [rel.from, rel.to];
    ends.forEach((id, i) => {
      const was = before[i] as number;
      const now = this.degree(id);
      if (was === now) return;
      if (was > 0) removeFrom(this.byDegree, was, id);
      if (now > 0) addTo(this.byDegree, now, id);
      this.maxDegree = Math.max(this.maxDegree, now);
    });
    while (this.maxDegree > 0 && !this.byDegree.has(this.maxDegree)) this.maxDegree--;
  }

  /**
   * The `cap` organisations with the most relationships (at least one) that `accept`, most first
   * and ties by id, with their number of relationships. Walks the degree buckets from the top, so
   * it touches only the organisations it returns or rejects, not every organisation.
   */
  mostConnected(cap: number, accept: (id: string) => boolean): [string, number][] {
    this.ensureDegreeIndex();
    const out: [string, number][] = [];
    for (let d = this.maxDegree; d > 0 && out.length < cap; d--) {
      const bucket = this.byDegree.get(d);
      if (!bucket) continue;
      for (const id of [...bucket].sort()) {
        if (!accept(id)) continue;
        out.push([id, d]);
        if (out.length >= cap) break;
      }
    }
    return out;
  }

  /** Distinct organisations related to this one. */
  neighbours(id: string): Iterable<string> {
    return this.links.get(id)?.byNeighbour.keys() ?? [];
  }

  /** Distinct organisations related to this one before the year (see formedBefore). */
  *neighboursBefore(id: string, before: number): Iterable<string> {
    const links = this.links.get(id);
    if (!links) return;
    for (const [z, list] of links.byNeighbour) {
      if (list.some((r) => isFormedBefore(r, before))) yield z;
    }
  }

  /** Relationships touching the organisation that were formed before the year. */
  degreeBefore(id: string, before: number): number {
    if (this.degreesBefore?.before !== before) this.degreesBefore = { before, degrees: new Map() };
    const known = this.degreesBefore.degrees.get(id);
    if (known !== undefined) return known;
    let n = 0;
    const links = this.links.get(id);
    if (links)
      for (const list of links.byNeighbour.values())
        for (const r of list) if (isFormedBefore(r, before)) n++;
    this.degreesBefore.degrees.set(id, n);
    return n;
  }

  isNeighbour(a: string, b: string): boolean {
    return this.links.get(a)?.byNeighbour.has(b) ?? false;
  }

  /** Relationships touching the organisation (a relationship with itself counts once). */
  degree(id: string): number {
    return this.links.get(id)?.count ?? 0;
  }

  /** Organisations with at least one relationship, with their degree. */
  *degrees(): Iterable<[string, number]> {
    for (const [id, { count }] of this.links) if (count > 0) yield [id, count];
  }

  // ── search support ─────────────────────────────────────────────────────────
  /** Organisations having a token that starts with the prefix. */
  withTokenPrefix(prefix: string): Set<string> {
    if (!this.sortedTokens) this.sortedTokens = [...this.tokenIndex.keys()].sort();
    const tokens = this.sortedTokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tokens[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<string>();
    for (let i = lo; i < tokens.length && (tokens[i] as string).startsWith(prefix); i++) {
      for (const id of this.tokenIndex.get(tokens[i] as string) ?? []) out.add(id);
    }
    return out;
  }

  /** Every organisation id ordered by (sortName, id); cached until the next write. */
  idsByName(): readonly string[] {
    if (!this.sortedIds) {
      const all = [...this.organizations.values()];
      all.sort((a, b) =>
        a.sortName < b.sortName
          ? -1
          : a.sortName > b.sortName
            ? 1
            : a.id < b.id
              ? -1
              : a.id > b.id
                ? 1
                : 0,
      );
      this.sortedIds = all.map((o) => o.id);
    }
    return this.sortedIds;
  }

  /** Registers the facet nodes an organisation refers to (existing names are kept). */
  registerFacets(org: Pick<OrganizationWrite, 'sectors' | 'offers' | 'needs'>): void {
    for (const s of org.sectors) this.putSector(s);
    for (const c of [...org.offers, ...org.needs]) this.putCapability(c);
  }
}

/** The stored form of a write record. */
export function toStored(org: OrganizationWrite): StoredOrganization {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    description: org.description,
    aliases: org.aliases,
    website: org.website,
    founded: org.founded,
    strategicEnterprise: org.strategicEnterprise,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    sectorIds: org.sectors.map((s) => s.id),
    offerIds: org.offers.map((c) => c.id),
    needIds: org.needs.map((c) => c.id),
    locationIds: org.locations.map((p) => p.id),
    marketIds: org.markets.map((p) => p.id),
  };
}
