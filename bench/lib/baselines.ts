// Link-prediction baselines over the relationship graph alone: random, popularity (degree),
// common neighbours and Adamic–Adar. Each ranks every organisation other than the source and its
// existing partners, best first, ties broken by id (ascending), and returns the first k.
import { Rng } from '../../src/generator/prng';

export const BASELINES = ['random', 'popularity', 'common-neighbours', 'adamic-adar'] as const;
export type Baseline = (typeof BASELINES)[number];

/** An undirected simple graph over organisation ids (parallel relationships count once). */
export class LinkGraph {
  /** Ids in ascending order; an organisation's index is its place here. */
  readonly ids: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly adjacency: Int32Array[];
  private popularity: Int32Array | null = null;

  constructor(ids: Iterable<string>, pairs: Iterable<readonly [string, string]>) {
    this.ids = [...new Set(ids)].sort(compareIds);
    this.ids.forEach((id, i) => this.index.set(id, i));
    const sets: Set<number>[] = this.ids.map(() => new Set<number>());
    for (const [a, b] of pairs) {
      const i = this.index.get(a);
      const j = this.index.get(b);
      if (i === undefined || j === undefined)
        throw new RangeError(`baselines: relationship ${a}–${b} names an unknown organisation`);
      if (i === j) continue;
      (sets[i] as Set<number>).add(j);
      (sets[j] as Set<number>).add(i);
    }
    this.adjacency = sets.map((s) => Int32Array.from([...s].sort((x, y) => x - y)));
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /** Distinct partners, by index ascending (so by id ascending). */
  neighbourIndices(i: number): Int32Array {
    return this.adjacency[i] ?? new Int32Array();
  }

  neighbours(id: string): string[] {
    const i = this.index.get(id);
    return i === undefined
      ? []
      : Array.from(this.neighbourIndices(i), (j) => this.ids[j] as string);
  }

  degree(i: number): number {
    return this.adjacency[i]?.length ?? 0;
  }

  hasEdge(a: string, b: string): boolean {
    const i = this.index.get(a);
    const j = this.index.get(b);
    return i !== undefined && j !== undefined && this.neighbourIndices(i).includes(j);
  }

  /** Every index by (degree desc, id asc), computed once. */
  byPopularity(): Int32Array {
    if (!this.popularity) {
      const order = Int32Array.from(this.ids.keys());
      order.sort((x, y) => this.degree(y) - this.degree(x) || x - y);
      this.popularity = order;
    }
    return this.popularity;
  }
}

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The source and its partners: never suggested. */
function excludedOf(g: LinkGraph, s: number): Set<number> {
  const out = new Set<number>(g.neighbourIndices(s));
  out.add(s);
  return out;
}

/** Top k of a sparse score map (score desc, index asc), then unscored organisations by id. */
function topK(
  g: LinkGraph,
  scores: Map<number, number>,
  excluded: ReadonlySet<number>,
  k: number,
): string[] {
  const ranked = [...scores.entries()]
    .filter(([i, score]) => score > 0 && !excluded.has(i))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([i]) => i);
  // Everyone else scores 0: the id order breaks the tie.
  for (let i = 0; i < g.size && ranked.length < k; i++) {
    if (!excluded.has(i) && (scores.get(i) ?? 0) <= 0) ranked.push(i);
  }
  return ranked.map((i) => g.ids[i] as string);
}

function sourceIndex(g: LinkGraph, sourceId: string): number {
  const s = g.indexOf(sourceId);
  if (s === undefined) throw new RangeError(`baselines: unknown organisation ${sourceId}`);
  return s;
}

/** k organisations drawn uniformly without replacement (seeded: same rng state, same list). */
export function rankRandom(g: LinkGraph, sourceId: string, k: number, rng: Rng): string[] {
  const s = sourceIndex(g, sourceId);
  const excluded = excludedOf(g, s);
  const allowed = g.size - excluded.size;
  if (allowed <= 2 * k) {
    // Few left: shuffle them all (Fisher–Yates) rather than reject most draws.
    const pool = [...g.ids.keys()].filter((i) => !excluded.has(i));
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
    }
    return pool.slice(0, k).map((i) => g.ids[i] as string);
  }
  const picked: number[] = [];
  const seen = new Set(excluded);
  while (picked.length < k) {
    const i = rng.int(g.size);
    if (seen.has(i)) continue;
    seen.add(i);
    picked.push(i);
  }
  return picked.map((i) => g.ids[i] as string);
}

/** The most connected organisations (degree desc, id asc). */
export function rankPopularity(g: LinkGraph, sourceId: string, k: number): string[] {
  const excluded = excludedOf(g, sourceIndex(g, sourceId));
  const out: string[] = [];
  for (const i of g.byPopularity()) {
    if (out.length >= k) break;
    if (!excluded.has(i)) out.push(g.ids[i] as string);
  }
  return out;
}

/** Σ over common partners z of weight(z), for every organisation two hops from the source. */
function twoHopScores(g: LinkGraph, s: number, weight: (z: number) => number): Map<number, number> {
  const scores = new Map<number, number>();
  for (const z of g.neighbourIndices(s)) {
    const w = weight(z);
    for (const c of g.neighbourIndices(z)) if (c !== s) scores.set(c, (scores.get(c) ?? 0) + w);
  }
  return scores;
}

/** Number of common partners. */
export function rankCommonNeighbours(g: LinkGraph, sourceId: string, k: number): string[] {
  const s = sourceIndex(g, sourceId);
  return topK(
    g,
    twoHopScores(g, s, () => 1),
    excludedOf(g, s),
    k,
  );
}

/** Σ over common partners z of 1 / ln(degree(z)) (a common partner has degree ≥ 2). */
export function rankAdamicAdar(g: LinkGraph, sourceId: string, k: number): string[] {
  const s = sourceIndex(g, sourceId);
  return topK(
    g,
    twoHopScores(g, s, (z) => 1 / Math.log(g.degree(z))),
    excludedOf(g, s),
    k,
  );
}

/** One baseline by name; `rng` is only drawn from by `random`. */
export function rankBaseline(
  name: Baseline,
  g: LinkGraph,
  sourceId: string,
  k: number,
  rng: Rng,
): string[] {
  switch (name) {
    case 'random':
      return rankRandom(g, sourceId, k, rng);
    case 'popularity':
      return rankPopularity(g, sourceId, k);
    case 'common-neighbours':
      return rankCommonNeighbours(g, sourceId, k);
    case 'adamic-adar':
      return rankAdamicAdar(g, sourceId, k);
  }
}
