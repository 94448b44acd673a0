// Offline link-prediction evaluation: for sampled sources with held-out partners, the engine's top
// k (MatchingService.suggest, existing partners excluded) and the baselines' top k, scored with
// Hits@k, Recall@k, MRR@k and NDCG@k, plus the time per query.
import { Rng } from '../../src/generator/prng';
import type { MatchingService, MatchRequest } from '../../src/matching/matching.service';
import { BASELINES, type Baseline, type LinkGraph, rankBaseline } from './baselines';
import { type Mean, mean, type RankingScores, scoreRanking } from './metrics';

export const ENGINE = 'engine';

export interface MethodResult {
  method: string;
  hits: Mean;
  recall: Mean;
  mrr: Mean;
  ndcg: Mean;
  msPerQuery: number;
  /** Per source, in sample order (for paired comparisons). */
  perSource: RankingScores[];
}

export interface EvaluationInput {
  sources: readonly string[];
  holdout: ReadonlyMap<string, ReadonlySet<string>>;
  k: number;
}

export function summarise(
  method: string,
  perSource: RankingScores[],
  totalMs: number,
): MethodResult {
  return {
    method,
    hits: mean(perSource.map((s) => s.hits)),
    recall: mean(perSource.map((s) => s.recall)),
    mrr: mean(perSource.map((s) => s.reciprocalRank)),
    ndcg: mean(perSource.map((s) => s.ndcg)),
    msPerQuery: perSource.length ? totalMs / perSource.length : 0,
    perSource,
  };
}

const relevantOf = (input: EvaluationInput, id: string): ReadonlySet<string> =>
  input.holdout.get(id) ?? new Set();

/** Ranks organisations for a source: the top k ids, best first. */
export type Ranker = (organizationId: string, k: number) => Promise<string[]>;

/** MatchingService.suggest as a ranker (existing partners excluded, first = k). */
export const engineRanker =
  (matching: MatchingService, weights?: MatchRequest['weights']): Ranker =>
  async (organizationId, k) =>
    (
      await matching.suggest({ organizationId, first: k, ...(weights && { weights }) })
    ).suggestions.map((s) => s.id);

/** The ranker's top k for every source, timed; `warmUp` ids are ranked first, untimed. */
export async function evaluateEngine(
  rank: Ranker,
  input: EvaluationInput,
  options: { warmUp?: readonly string[]; onProgress?: (done: number) => void; label?: string } = {},
): Promise<MethodResult> {
  for (const id of options.warmUp ?? []) await rank(id, input.k);
  const perSource: RankingScores[] = [];
  let totalMs = 0;
  for (const id of input.sources) {
    const started = process.hrtime.bigint();
    const ranked = await rank(id, input.k);
    totalMs += Number(process.hrtime.bigint() - started) / 1e6;
    perSource.push(scoreRanking(ranked, relevantOf(input, id), input.k));
    options.onProgress?.(perSource.length);
  }
  return summarise(options.label ?? ENGINE, perSource, totalMs);
}

/** Every baseline on the same sources; random draws from a stream seeded by `seed`. */
export function evaluateBaselines(
  graph: LinkGraph,
  input: EvaluationInput,
  seed: number,
  which: readonly Baseline[] = BASELINES,
): MethodResult[] {
  return which.map((name) => {
    const rng = new Rng(seed);
    const perSource: RankingScores[] = [];
    const started = process.hrtime.bigint();
    for (const id of input.sources)
      perSource.push(
        scoreRanking(rankBaseline(name, graph, id, input.k, rng), relevantOf(input, id), input.k),
      );
    return summarise(name, perSource, Number(process.hrtime.bigint() - started) / 1e6);
  });
}
