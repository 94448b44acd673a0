// Samples wedges (two organisations related to one centre) through the store port, for
// core/link-strength.ts: centres drawn uniformly with a seeded generator, a fixed number of random
// pairs of each centre's partners, then one batched question: which pairs are related?
import { Rng } from '../generator/prng';
import type { RelationshipType } from '../graph/graph.types';
import type { GraphStore } from '../graph/graph-store.port';
import type { WedgeObservation } from './core/link-strength';

export interface WedgeSampling {
  /** Centres drawn (every organisation when there are fewer). */
  centres: number;
  /** Pairs of partners drawn per centre (with replacement). */
  pairsPerCentre: number;
  seed: number;
}

export const DEFAULT_WEDGE_SAMPLING: Readonly<WedgeSampling> = Object.freeze({
  centres: 2000,
  pairsPerCentre: 20,
  seed: 1,
});

const PAGE = 500;

export async function sampleWedges(
  store: GraphStore,
  sampling: WedgeSampling = DEFAULT_WEDGE_SAMPLING,
): Promise<WedgeObservation[]> {
  const ids = [...(await store.organizationIds())];
  const rng = new Rng(sampling.seed);
  const take = Math.min(sampling.centres, ids.length);
  // A partial Fisher–Yates shuffle: the first `take` ids are a uniform sample.
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(ids.length - i);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  const centres = ids.slice(0, take).sort();
  const wedges: {
    centreDegree: number;
    a: string;
    b: string;
    typesA: RelationshipType[];
    typesB: RelationshipType[];
  }[] = [];
  for (let p = 0; p < centres.length; p += PAGE) {
    const page = centres.slice(p, p + PAGE);
    // Let requests in between pages (the embedded store answers in microtasks).
    if (p > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const rels = await store.relationshipsOf(page, null);
    for (const centre of page) {
      const partners = new Map<string, Set<RelationshipType>>();
      for (const r of rels.get(centre) ?? []) {
        const other = r.from === centre ? r.to : r.from;
        if (other === centre) continue;
        let types = partners.get(other);
        if (!types) partners.set(other, (types = new Set()));
        types.add(r.type);
      }
      const list = [...partners.keys()].sort();
      const d = list.length;
      if (d < 2) continue;
      for (let k = 0; k < sampling.pairsPerCentre; k++) {
        const i = rng.int(d);
        let j = rng.int(d - 1);
        if (j >= i) j++;
        const a = list[i] as string;
        const b = list[j] as string;
        wedges.push({
          centreDegree: d,
          a,
          b,
          typesA: [...(partners.get(a) ?? [])].sort(),
          typesB: [...(partners.get(b) ?? [])].sort(),
        });
      }
    }
  }
  const linked = await store.linkedPairs(wedges.map((w) => [w.a, w.b] as const));
  return wedges.map((w, i) => ({
    centreDegree: w.centreDegree,
    typesA: w.typesA,
    typesB: w.typesB,
    closed: linked[i] === true,
  }));
}
