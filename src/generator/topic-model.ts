// Which topics are popular (Zipf-like over a seed-chosen order), which are neighbours (same finer
// sector, a few in the same OASES sector, one AI topic: AI is everyone's neighbour), and where
// each topic's organisations cluster (a few hub sites, leaning to the topic's sector).
import type { PlaceHierarchy } from './places';
import { Rng, WeightedSampler, zipfWeights } from './prng';
import { TOPICS } from './vocabulary';

export interface TopicModel {
  popularity: WeightedSampler;
  neighbours: number[][];
  hubs: number[][];
}

const AI_SECTOR = 1;

export function buildTopicModel(rng: Rng, places: PlaceHierarchy): TopicModel {
  const order = rng.shuffle(TOPICS.map((t) => t.index));
  const weights = new Array<number>(TOPICS.length).fill(0);
  zipfWeights(TOPICS.length, 1.05).forEach((w, rank) => (weights[order[rank] as number] = w));

  const neighbours = TOPICS.map((t) => {
    const set = new Set(
      TOPICS.filter((o) => o.fine === t.fine && o.index !== t.index).map((o) => o.index),
    );
    const sameSector = TOPICS.filter((o) => o.oases === t.oases && o.fine !== t.fine);
    for (let k = 0; k < 2 && sameSector.length > 0; k++) set.add(rng.pick(sameSector).index);
    if (t.oases !== AI_SECTOR) set.add(rng.pick(TOPICS.filter((o) => o.oases === AI_SECTOR)).index);
    return [...set].sort((a, b) => a - b);
  });

  const hubs = TOPICS.map((t) => {
    const siteWeights = places.sites.map((s) => {
      const site = places.places[s];
      if (!site) return 0;
      const lean = site.leaning === t.oases ? 4 : site.leaning === -1 ? 1.5 : 1;
      return site.weight * lean;
    });
    const sampler = new WeightedSampler(siteWeights);
    const count = rng.between(2, 3);
    const chosen = new Set<number>();
    for (let k = 0; k < count * 3 && chosen.size < count; k++) {
      chosen.add(places.sites[sampler.sample(rng)] as number);
    }
    return [...chosen];
  });

  return { popularity: new WeightedSampler(weights), neighbours, hubs };
}
