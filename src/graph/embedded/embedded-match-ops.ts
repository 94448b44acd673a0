// The embedded store's graph work for matching, over the in-memory indexes: candidate channels,
// term statistics, neighbourhoods, place hierarchies and shortest paths. Each channel touches only
// the postings of the evidence it is given, never every organisation.
import {
  channelsOf,
  isFormedBefore,
  type CommonNeighbour,
  type CandidateChannels,
  type CandidateQuery,
  type GraphPath,
  type Neighbour,
  type PlaceChain,
  type TermStats,
} from '../match-graph.types';
import type { PlaceNode, Relationship, RelationshipType } from '../graph.types';
import type { MemoryGraph } from './memory-graph';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function distinctNeighbours(g: MemoryGraph, id: string): Set<string> {
  return new Set(g.neighbours(id));
}

/**
 * The `cap` best entries by (score desc, id asc) that `accept`, without sorting them all: a
 * channel may score tens of thousands of organisations to keep sixty. `accept` is asked only of
 * entries good enough to enter the best `cap` so far.
 */
export function topScored(
  scores: ReadonlyMap<string, number>,
  cap: number,
  accept: (id: string) => boolean = () => true,
): [string, number][] {
  if (cap <= 0) return [];
  const better = (a: [string, number], b: [string, number]): boolean =>
    a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  // A min-heap of the best `cap` seen so far (its root is the worst of them).
  const heap: [string, number][] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst] as [string, number], heap[l] as [string, number]))
        worst = l;
      if (r < heap.length && better(heap[worst] as [string, number], heap[r] as [string, number]))
        worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst] as [string, number], heap[i] as [string, number]];
      i = worst;
    }
  };
  // forEach, not for…of: no [id, score] pair is allocated for entries that do not enter the heap.
  scores.forEach((score, id) => {
    if (heap.length < cap) {
      if (!accept(id)) return;
      heap.push([id, score]);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent] as [string, number], heap[i] as [string, number])) break;
        [heap[i], heap[parent]] = [heap[parent] as [string, number], heap[i] as [string, number]];
        i = parent;
      }
    } else {
      const root = heap[0] as [string, number];
      if ((score > root[1] || (score === root[1] && id < root[0])) && accept(id)) {
        heap[0] = [id, score];
        down(0);
      }
    }
  });
  return heap.sort((a, b) => b[1] - a[1] || byId(a[0], b[0]));
}

/** floor(1000 / ln(degree)): the integer Adamic–Adar weight of a common neighbour. */
export const hubWeight = (degree: number): number =>
  Math.floor(1000 / Math.log(Math.max(degree, 2)));

export function termStats(g: MemoryGraph, terms: readonly string[]): TermStats {
  const descriptionDf = new Map<string, number>();
  const capabilityDf = new Map<string, number>();
  for (const t of terms) {
    descriptionDf.set(t, g.descTermIndex.get(t)?.size ?? 0);
    capabilityDf.set(t, g.termCapabilities.get(t)?.size ?? 0);
  }
  return {
    organizations: g.organizations.size,
    capabilities: g.capabilities.size,
    descriptionDf,
    capabilityDf,
  };
}

export function matchCandidates(g: MemoryGraph, q: CandidateQuery): CandidateChannels {
  const source = q.sourceId;
  const kinds = q.filter.kinds?.length ? new Set(q.filter.kinds) : null;
  const sectors = q.filter.sectorIds?.length ? q.filter.sectorIds : null;
  const places = q.filter.placeIds ? new Set(q.filter.placeIds) : null;
  // The source's partners, once (a handful): asked of every organisation a channel reaches.
  const before = q.formedBefore;
  const neighboursOf = (id: string): Iterable<string> =>
    before === undefined ? g.neighbours(id) : g.neighboursBefore(id, before);
  const connected = q.filter.excludeConnected ? new Set(neighboursOf(source)) : null;
  const filtered = kinds !== null || sectors !== null || places !== null;
  const passCache = new Map<string, boolean>();
  const passes = (id: string): boolean => {
    if (id === source || connected?.has(id)) return false;
    // Without a filter there is nothing to look up: every id a channel reaches comes from an
    // index of stored organisations (and scoring skips any it cannot read).
    if (!filtered) return true;
    let ok = passCache.get(id);
    if (ok === undefined) {
      const o = g.get(id);
      ok =
        o !== undefined &&
        (!kinds || kinds.has(o.kind)) &&
        (!sectors || sectors.some((s) => o.sectorIds.includes(s))) &&
        (!places || o.locationIds.some((p) => places.has(p)));
      passCache.set(id, ok);
    }
    return ok;
  };
  // Channels sum their evidence for every organisation it reaches, and the filter is applied
  // only to those that would make a channel's top `cap`.
  const top = (scores: Map<string, number>): [string, number][] => topScored(scores, q.cap, passes);
  const add = (scores: Map<string, number>, id: string, w: number): void => {
    scores.set(id, (scores.get(id) ?? 0) + w);
  };

  const sector = new Map<string, number>();
  for (const { key, weight } of q.sectors)
    for (const m of g.sectorMembers.get(key) ?? []) add(sector, m, weight);

  const viaCapabilities = (
    terms: CandidateQuery['needTerms'],
    holders: Map<string, Set<string>>,
  ): Map<string, number> => {
    const capScores = new Map<string, number>();
    for (const { key, weight } of terms) {
      for (const c of g.termCapabilities.get(key) ?? [])
        capScores.set(c, (capScores.get(c) ?? 0) + weight);
    }
    // An organisation scores its best capability. Visiting capabilities best first, an
    // organisation's first score is its final one; once a whole score tier has been visited and
    // `cap` organisations are known, lower tiers cannot change the channel's top `cap`. The result
    // is exactly the full computation's, at a fraction of the cost on large graphs. Within a tier
    // the order does not matter (its organisations all score the tier; `top` breaks ties by id),
    // so only the tiers are sorted, not the capabilities: at 100k organisations a query's ~1,100
    // capabilities took 0.9 ms to sort by (score, id).
    const tiers = new Map<number, string[]>();
    for (const [c, score] of capScores) {
      if ((holders.get(c)?.size ?? 0) > q.maxCapabilityOrganizations) continue;
      const tier = tiers.get(score);
      if (tier) tier.push(c);
      else tiers.set(score, [c]);
    }
    const orgScores = new Map<string, number>();
    for (const score of [...tiers.keys()].sort((a, b) => b - a)) {
      for (const c of tiers.get(score) as string[]) {
        for (const o of holders.get(c) ?? []) {
          if (!orgScores.has(o) && passes(o)) orgScores.set(o, score);
        }
      }
      if (orgScores.size >= q.cap) break;
    }
    return orgScores;
  };

  const net = new Map<string, number>();
  for (const z of neighboursOf(source)) {
    const degree = before === undefined ? g.degree(z) : g.degreeBefore(z, before);
    if (degree > q.maxHubDegree) continue;
    const w = hubWeight(degree);
    for (const c of neighboursOf(z)) add(net, c, w);
  }

  const text = new Map<string, number>();
  for (const { key, weight } of q.textTerms)
    for (const o of g.descTermIndex.get(key) ?? []) add(text, o, weight);

  return channelsOf({
    sector: top(sector),
    needsAnswered: top(viaCapabilities(q.needTerms, g.offerers)),
    offersWanted: top(viaCapabilities(q.offerTerms, g.needers)),
    network: top(net),
    text: top(text),
    active: q.activeCap > 0 ? g.mostConnected(q.activeCap, passes) : [],
  });
}

export function neighbours(g: MemoryGraph, id: string, before?: number): Neighbour[] {
  if (before !== undefined) {
    return [...g.neighboursBefore(id, before)]
      .sort(byId)
      .map((z) => ({ id: z, name: g.get(z)?.name ?? z, degree: g.degreeBefore(z, before) }));
  }
  return [...distinctNeighbours(g, id)]
    .sort(byId)
    .map((z) => ({ id: z, name: g.get(z)?.name ?? z, degree: g.degree(z) }));
}

export function degrees(
  g: MemoryGraph,
  ids: readonly string[],
  before?: number,
): Map<string, number> {
  return new Map(
    ids.map((id) => [id, before === undefined ? g.degree(id) : g.degreeBefore(id, before)]),
  );
}

export function commonNeighbours(
  g: MemoryGraph,
  sourceId: string,
  candidateIds: readonly string[],
  before?: number,
): Map<string, CommonNeighbour[]> {
  if (before !== undefined) return commonNeighboursBefore(g, sourceId, candidateIds, before);
  const mine = [...g.neighbours(sourceId)];
  const commonOf = new Map<string, string[]>(candidateIds.map((c) => [c, []]));
  // Whichever is cheaper: ask each candidate about each of the source's neighbours, or walk the
  // neighbours' own neighbours once (cheap unless the source knows hubs).
  let walk = 0;
  for (const z of mine) walk += g.degree(z);
  if (walk < mine.length * candidateIds.length) {
    for (const z of mine) for (const c of g.neighbours(z)) if (c !== z) commonOf.get(c)?.push(z);
  } else {
    for (const [c, common] of commonOf)
      for (const z of mine) if (z !== c && g.isNeighbour(c, z)) common.push(z);
  }
  const out = new Map<string, CommonNeighbour[]>();
  for (const [c, common] of commonOf) {
    out.set(
      c,
      common.sort(byId).map((z) => ({ id: z, types: linkTypes(g, c, z) })),
    );
  }
  return out;
}

/** commonNeighbours in the graph as it stood at the start of a year (the weight fit's view). */
function commonNeighboursBefore(
  g: MemoryGraph,
  sourceId: string,
  candidateIds: readonly string[],
  before: number,
): Map<string, CommonNeighbour[]> {
  const commonOf = new Map<string, string[]>(candidateIds.map((c) => [c, []]));
  for (const z of g.neighboursBefore(sourceId, before)) {
    if (z === sourceId) continue;
    for (const c of g.neighboursBefore(z, before)) if (c !== z) commonOf.get(c)?.push(z);
  }
  const out = new Map<string, CommonNeighbour[]>();
  for (const [c, common] of commonOf) {
    out.set(
      c,
      common.sort(byId).map((z) => ({ id: z, types: linkTypes(g, c, z, before) })),
    );
  }
  return out;
}

export function linkedPairs(
  g: MemoryGraph,
  pairs: readonly (readonly [string, string])[],
): boolean[] {
  return pairs.map(([a, b]) => a !== b && g.isNeighbour(a, b));
}

/** Distinct types of the relationships between two organisations, sorted. */
function linkTypes(g: MemoryGraph, a: string, b: string, before?: number): RelationshipType[] {
  const types = new Set<RelationshipType>();
  for (const r of g.between(a, b)) if (isFormedBefore(r, before)) types.add(r.type);
  return [...types].sort(byId);
}

export function placeAncestors(g: MemoryGraph, ids: readonly string[]): Map<string, PlaceChain> {
  const out = new Map<string, PlaceChain>();
  for (const id of ids) {
    const chain: PlaceNode[] = [];
    const seen = new Set<string>();
    for (
      let p = g.places.get(id);
      p && !seen.has(p.id);
      p = p.withinId ? g.places.get(p.withinId) : undefined
    ) {
      seen.add(p.id);
      chain.push({ ...p });
    }
    out.set(id, chain);
  }
  return out;
}

export function placeDescendants(g: MemoryGraph, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  const queue = ids.filter((id) => g.places.has(id));
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i] as string;
    if (out.has(p)) continue;
    out.add(p);
    for (const child of g.placeChildren.get(p) ?? []) if (!out.has(child)) queue.push(child);
  }
  return out;
}

/** Breadth-first distances from `start`, up to `limit` hops. */
function distances(
  g: MemoryGraph,
  start: string,
  limit: number,
  stopAt?: string,
): Map<string, number> {
  const dist = new Map([[start, 0]]);
  let frontier = [start];
  for (let d = 1; d <= limit && frontier.length; d++) {
    const next: string[] = [];
    for (const v of frontier) {
      for (const w of distinctNeighbours(g, v)) {
        if (!dist.has(w)) {
          dist.set(w, d);
          next.push(w);
        }
      }
    }
    if (stopAt !== undefined && dist.has(stopAt)) break;
    frontier = next;
  }
  return dist;
}

export function paths(
  g: MemoryGraph,
  fromId: string,
  toId: string,
  maxHops: number,
  limit: number,
): GraphPath[] {
  if (!g.organizations.has(fromId) || !g.organizations.has(toId) || fromId === toId) return [];
  const fromDist = distances(g, fromId, maxHops, toId);
  const length = fromDist.get(toId);
  if (length === undefined) return [];
  const toDist = distances(g, toId, length);
  const out: GraphPath[] = [];
  // Depth-first through the nodes on shortest paths, neighbours in id order: paths come out in
  // lexicographic order of their id sequences, so the first `limit` are the ones to keep.
  const walk = (trail: string[]): void => {
    if (out.length >= limit) return;
    const here = trail[trail.length - 1] as string;
    if (here === toId) {
      out.push({ organizationIds: [...trail], relationships: relationshipsAlong(g, trail) });
      return;
    }
    const step = trail.length; // distance from `from` of the next node
    for (const next of [...distinctNeighbours(g, here)].sort(byId)) {
      if (
        (fromDist.get(next) ?? Infinity) === step &&
        (toDist.get(next) ?? Infinity) === length - step
      ) {
        trail.push(next);
        walk(trail);
        trail.pop();
      }
    }
  };
  walk([fromId]);
  return out;
}

function relationshipsAlong(g: MemoryGraph, trail: readonly string[]): Relationship[] {
  const out: Relationship[] = [];
  for (let i = 0; i + 1 < trail.length; i++) {
    const a = trail[i] as string;
    const b = trail[i + 1] as string;
    const between = [...g.between(a, b)].sort(
      (x, y) => byId(x.type, y.type) || byId(x.from, y.from) || byId(x.to, y.to),
    );
    out.push(...between.map((r) => ({ ...r })));
  }
  return out;
}
