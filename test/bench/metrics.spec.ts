// Exact values of the benchmark's ranking metrics and link-prediction baselines on tiny inputs.
import { Rng } from '../../src/generator/prng';
import {
  LinkGraph,
  rankAdamicAdar,
  rankBaseline,
  rankCommonNeighbours,
  rankPopularity,
  rankRandom,
} from '../../bench/lib/baselines';
import { csvFields, indexHoldout, sampleIds } from '../../bench/lib/holdout';
import {
  hitsAtK,
  mean,
  ndcgAtK,
  overlapRecall,
  pairedDifference,
  percentile,
  recallAtK,
  reciprocalRank,
  scoreRanking,
} from '../../bench/lib/metrics';

describe('ranking metrics', () => {
  const ranked = ['a', 'b', 'c', 'd'];
  const relevant = new Set(['b', 'd', 'x']);

  it('Hits@k is 1 when a relevant id is in the top k', () => {
    expect(hitsAtK(ranked, relevant, 1)).toBe(0);
    expect(hitsAtK(ranked, relevant, 2)).toBe(1);
    expect(hitsAtK(ranked, relevant, 10)).toBe(1);
    expect(hitsAtK(['a', 'c'], relevant, 10)).toBe(0);
  });

  it('Recall@k divides the relevant ids found by all relevant ids', () => {
    expect(recallAtK(ranked, relevant, 3)).toBeCloseTo(1 / 3, 15);
    expect(recallAtK(ranked, relevant, 4)).toBeCloseTo(2 / 3, 15);
    expect(recallAtK(ranked, new Set(), 4)).toBe(0);
  });

  it('the reciprocal rank is that of the first relevant id within k', () => {
    expect(reciprocalRank(ranked, relevant, 4)).toBe(0.5);
    expect(reciprocalRank(['d', 'b'], relevant, 4)).toBe(1);
    expect(reciprocalRank(ranked, relevant, 1)).toBe(0);
  });

  it('NDCG@k uses binary gains and an ideal list of min(|relevant|, k) hits', () => {
    // DCG = 1/log2(3); IDCG = 1 + 1/log2(3) + 1/log2(4)
    expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(
      1 / Math.log2(3) / (1 + 1 / Math.log2(3) + 0.5),
      12,
    );
    // DCG = 1/log2(3) + 1/log2(5); three relevant ids, so the same IDCG
    expect(ndcgAtK(ranked, relevant, 4)).toBeCloseTo(
      (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 0.5),
      12,
    );
    // A perfect list scores 1; with k = 1 only one relevant id fits the ideal list.
    expect(ndcgAtK(['b', 'd', 'x'], relevant, 3)).toBeCloseTo(1, 15);
    expect(ndcgAtK(['d'], relevant, 1)).toBe(1);
    expect(ndcgAtK(['a'], relevant, 1)).toBe(0);
    expect(ndcgAtK(ranked, new Set(), 4)).toBe(0);
  });

  it('scoreRanking gives every metric at once', () => {
    expect(scoreRanking(ranked, relevant, 2)).toEqual({
      hits: 1,
      recall: 1 / 3,
      reciprocalRank: 0.5,
      ndcg: 1 / Math.log2(3) / (1 + 1 / Math.log2(3)),
    });
  });

  it('refuses a k that is not a positive integer', () => {
    expect(() => hitsAtK(ranked, relevant, 0)).toThrow(/k must be a positive integer/u);
    expect(() => ndcgAtK(ranked, relevant, 1.5)).toThrow(/k must be a positive integer/u);
  });

  it('overlap recall is the share of the reference top k found in ours', () => {
    expect(overlapRecall(['a', 'b', 'c'], ['c', 'd'], 10)).toBe(0.5);
    expect(overlapRecall(['a', 'b', 'c'], ['a', 'b', 'c'], 2)).toBe(1);
    expect(overlapRecall(['c', 'x'], ['a', 'b', 'c'], 2)).toBe(0);
    expect(overlapRecall(['a'], [], 10)).toBeNull();
  });

  it('means carry a normal-approximation 95 % interval', () => {
    const m = mean([0, 1, 1, 0]);
    expect(m.mean).toBe(0.5);
    expect(m.n).toBe(4);
    // sample sd = sqrt(1/3); se = sd / 2
    expect(m.ci95).toBeCloseTo((1.96 * Math.sqrt(1 / 3)) / 2, 12);
    expect(mean([])).toEqual({ mean: 0, ci95: 0, n: 0 });
    expect(pairedDifference([1, 1, 0], [0, 1, 0]).mean).toBeCloseTo(1 / 3, 15);
    expect(() => pairedDifference([1], [])).toThrow(/same length/u);
  });

  it('percentiles interpolate between order statistics', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 1)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0.99)).toBeCloseTo(3.97, 12);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('link-prediction baselines', () => {
  // s is linked to two hubs (degree 5) and to m (degree 2). p shares both hubs with s, q shares
  // only m: common neighbours prefer p (2 > 1), Adamic–Adar prefers q (1/ln 2 > 2/ln 5).
  // n1 is the most connected organisation that is not a partner of s.
  const edges: [string, string][] = [
    ['s', 'h1'],
    ['s', 'h2'],
    ['s', 'm'],
    ['h1', 'p'],
    ['h1', 'x1'],
    ['h1', 'x2'],
    ['h1', 'x3'],
    ['h2', 'p'],
    ['h2', 'x4'],
    ['h2', 'x5'],
    ['h2', 'x6'],
    ['m', 'q'],
    ['n1', 'x1'],
    ['n1', 'x2'],
    ['n1', 'x3'],
    ['x1', 'n1'], // a parallel relationship counts once
  ];
  const ids = ['s', 'h1', 'h2', 'm', 'p', 'q', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'n1', 'lonely'];
  const g = new LinkGraph(ids, edges);
  const partnersOfS = ['h1', 'h2', 'm', 's'];

  it('builds an undirected simple graph in id order', () => {
    expect(g.neighbours('n1')).toEqual(['x1', 'x2', 'x3']);
    expect(g.neighbours('x1')).toEqual(['h1', 'n1']);
    expect(g.hasEdge('p', 'h2')).toBe(true);
    expect(g.hasEdge('s', 'p')).toBe(false);
    expect(() => new LinkGraph(['a'], [['a', 'b']])).toThrow(/unknown organisation/u);
  });

  it('common neighbours: shared partners, ties by id, then the unscored by id', () => {
    expect(rankCommonNeighbours(g, 's', 3)).toEqual(['p', 'q', 'x1']);
    expect(rankCommonNeighbours(g, 's', 20)).toEqual([
      'p',
      'q',
      'x1',
      'x2',
      'x3',
      'x4',
      'x5',
      'x6',
      'lonely',
      'n1',
    ]);
  });

  it('Adamic–Adar: Σ 1 / ln(degree) of the shared partners', () => {
    expect(rankAdamicAdar(g, 's', 3)).toEqual(['q', 'p', 'x1']);
    expect(rankAdamicAdar(g, 'q', 2)).toEqual(['s', 'h1']); // s via m (degree 2), then the rest by id
  });

  it('popularity: degree, then id', () => {
    expect(rankPopularity(g, 's', 3)).toEqual(['n1', 'p', 'x1']);
    expect(rankPopularity(g, 'lonely', 2)).toEqual(['h1', 'h2']);
  });

  it('random: distinct, never the source or a partner, the same for the same seed', () => {
    const a = rankRandom(g, 's', 5, new Rng(7));
    expect(new Set(a).size).toBe(5);
    expect(a.some((id) => partnersOfS.includes(id))).toBe(false);
    expect(rankRandom(g, 's', 5, new Rng(7))).toEqual(a);
    const all = rankRandom(g, 's', 50, new Rng(7));
    expect([...all].sort()).toEqual(ids.filter((id) => !partnersOfS.includes(id)).sort());
  });

  it('no baseline suggests the source or an existing partner', () => {
    for (const name of ['random', 'popularity', 'common-neighbours', 'adamic-adar'] as const) {
      const ranked = rankBaseline(name, g, 's', ids.length, new Rng(1));
      expect(ranked).toHaveLength(ids.length - partnersOfS.length);
      expect(ranked.filter((id) => partnersOfS.includes(id))).toEqual([]);
    }
  });
});

describe('held-out pairs', () => {
  it('parses CSV fields with quotes', () => {
    expect(csvFields('a,b')).toEqual(['a', 'b']);
    expect(csvFields('"a,1","b ""q"""')).toEqual(['a,1', 'b "q"']);
  });

  it('keeps usable unordered pairs in both directions and counts the rest', () => {
    const g = new LinkGraph(['a', 'b', 'c'], [['a', 'b']]);
    const h = indexHoldout(
      [
        ['a', 'c'],
        ['c', 'a'],
        ['a', 'b'],
        ['a', 'a'],
        ['a', 'zz'],
      ],
      g,
    );
    expect(h.pairs).toBe(1);
    expect([...(h.partners.get('c') ?? [])]).toEqual(['a']);
    expect([...(h.partners.get('a') ?? [])]).toEqual(['c']);
    expect(h.skipped).toEqual({
      selfPair: 1,
      unknownOrganization: 1,
      alreadyConnected: 1,
      duplicate: 1,
    });
  });

  it('samples without replacement, the same for the same seed, whatever the input order', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `o${i}`);
    const a = sampleIds(ids, 10, 3);
    expect(new Set(a).size).toBe(10);
    expect(sampleIds([...ids].reverse(), 10, 3)).toEqual(a);
    expect(sampleIds(ids, 100, 3)).toHaveLength(50);
  });
});
