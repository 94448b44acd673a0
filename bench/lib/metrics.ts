// Ranking metrics for link prediction and recall against an exhaustive ranking: Hits@k,
// Recall@k, reciprocal rank, NDCG@k (binary relevance), their means with a 95 % interval, and
// latency percentiles. Pure functions over id lists; every list is read only up to k.

/** 1 when any of the first k ranked ids is relevant, else 0. */
export function hitsAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  return firstRelevant(ranked, relevant, k) >= 0 ? 1 : 0;
}

/** |relevant ∩ top k| / |relevant|; 0 for an empty relevant set. */
export function recallAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  return countRelevant(ranked, relevant, k) / relevant.size;
}

/** 1 / rank of the first relevant id among the first k (ranks from 1), 0 when there is none. */
export function reciprocalRank(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  const i = firstRelevant(ranked, relevant, k);
  return i >= 0 ? 1 / (i + 1) : 0;
}

/** The index of the first relevant id among the first k, or −1. */
function firstRelevant(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  checkK(k);
  for (let i = 0; i < Math.min(k, ranked.length); i++)
    if (relevant.has(ranked[i] as string)) return i;
  return -1;
}

/**
 * NDCG@k with binary gains: Σ 1 / log2(rank + 1) over relevant ids in the top k, divided by the
 * same sum for an ideal list (min(|relevant|, k) relevant ids first). 0 for an empty relevant set.
 */
export function ndcgAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as string)) dcg += 1 / Math.log2(i + 2);
  }
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/**
 * Recall of a reference top-k (e.g. the exhaustive ranking) in ours: |ours_k ∩ ref_k| / |ref_k|.
 * null when the reference is empty (nothing to recall: the pair is left out of the mean).
 */
export function overlapRecall(
  ours: readonly string[],
  reference: readonly string[],
  k: number,
): number | null {
  checkK(k);
  const ref = new Set(reference.slice(0, k));
  if (ref.size === 0) return null;
  return countRelevant(ours, ref, k) / ref.size;
}

export interface RankingScores {
  hits: number;
  recall: number;
  reciprocalRank: number;
  ndcg: number;
}

/** Every metric of one ranked list at once. */
export function scoreRanking(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): RankingScores {
  return {
    hits: hitsAtK(ranked, relevant, k),
    recall: recallAtK(ranked, relevant, k),
    reciprocalRank: reciprocalRank(ranked, relevant, k),
    ndcg: ndcgAtK(ranked, relevant, k),
  };
}

export interface Mean {
  mean: number;
  /** Half-width of a normal-approximation 95 % interval of the mean (0 for fewer than 2 values). */
  ci95: number;
  n: number;
}

export function mean(values: readonly number[]): Mean {
  const n = values.length;
  if (n === 0) return { mean: 0, ci95: 0, n: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const m = sum / n;
  if (n < 2) return { mean: m, ci95: 0, n };
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return { mean: m, ci95: 1.96 * Math.sqrt(ss / (n - 1) / n), n };
}

/** The mean of per-source differences a − b, paired by index, with its 95 % interval. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Mean {
  if (a.length !== b.length)
    throw new RangeError('metrics: paired lists must have the same length');
  return mean(a.map((x, i) => x - (b[i] as number)));
}

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics; NaN if empty. */
export function percentile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError('metrics: a percentile needs q in [0, 1]');
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

function countRelevant(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  let n = 0;
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i] as string;
    if (relevant.has(id) && !seen.has(id)) {
      seen.add(id);
      n++;
    }
  }
  return n;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`metrics: k must be a positive integer, got ${k}`);
}
