// Fits the signal weights to the graph at hand. Each example is one source with some of its
// partners hidden: the engine's candidates for that source, scored as if those relationships did
// not exist (matching.service.ts: as the graph stood before they were formed), and which of them
// are the hidden partners. A good weighting ranks them high. The fit is a coordinate search on the simplex, on one half of the examples; the other half
// decides whether the result is kept: it must do better there than the starting weights by more
// than the noise of that half (a one-sided paired test at 95 %), so a graph whose content says
// nothing about who works with whom keeps the tuned defaults.
import { SIGNAL_KINDS, type SignalKind, type SignalWeights } from './match.types';

export interface WeightExample {
  /** Signal values of each candidate, in SIGNAL_KINDS order. */
  values: readonly (readonly number[])[];
  /**
   * Indices of the held-back partners among the candidates (those retrieved; none: a miss): the
   * source's partners met since the fit's cut-off year when the graph has years (or those of its
   * own latest year), otherwise one held back at random.
   */
  positives: readonly number[];
  /** Which signals the source has data for, in SIGNAL_KINDS order (the others do not count). */
  available: readonly boolean[];
}

export interface FitQuality {
  /** Share of examples whose hidden partner is in the top k. */
  hits: number;
  /** Mean reciprocal rank of the hidden partner (0 when it scores 0 or was not retrieved). */
  mrr: number;
}

export interface WeightFit {
  /** The weights to use: the fitted ones when kept, the starting ones otherwise. */
  weights: SignalWeights;
  fitted: SignalWeights;
  start: SignalWeights;
  kept: boolean;
  examples: { fit: number; check: number };
  /**
   * Quality of the starting and the fitted weights on the half they were not fitted on, and the
   * fitted weights' gain there in hit + reciprocal rank per example (mean, standard error).
   */
  check: { start: FitQuality; fitted: FitQuality; gain: { mean: number; standardError: number } };
  fit: { start: FitQuality; fitted: FitQuality };
}

export interface FitOptions {
  k: number;
  /** Multipliers tried on one weight at a time (then all weights are scaled back to sum 1). */
  factors: readonly number[];
  /** Share of the total given to a signal at weight 0 when trying to bring it in. */
  entry: number;
  maxRounds: number;
  /** A move must raise hits + MRR on the fitting half by more than this. */
  minGain: number;
}

export const DEFAULT_FIT_OPTIONS: Readonly<FitOptions> = Object.freeze({
  k: 10,
  factors: [0, 0.25, 0.5, 0.8, 1.25, 2, 4],
  entry: 0.02,
  maxRounds: 30,
  minGain: 0.002,
});

/**
 * The rank of the best-placed held-back partner (1 = first; other candidates tied with it count
 * half), or Infinity when none was retrieved or the best scores 0.
 */
export function hiddenRank(example: WeightExample, weights: readonly number[]): number {
  if (example.positives.length === 0) return Infinity;
  const score = (v: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < weights.length; i++) {
      if (example.available[i]) s += (weights[i] as number) * (v[i] as number);
    }
    return s;
  };
  const positives = new Set(example.positives);
  let p = -Infinity;
  for (const i of positives) p = Math.max(p, score(example.values[i] as readonly number[]));
  if (!(p > 0)) return Infinity;
  let above = 0;
  let tied = 0;
  example.values.forEach((v, i) => {
    if (positives.has(i)) return;
    const s = score(v);
    if (s > p) above++;
    else if (s === p) tied++;
  });
  return 1 + above + tied / 2;
}

export function fitQuality(
  examples: readonly WeightExample[],
  weights: readonly number[],
  k: number,
): FitQuality {
  if (!examples.length) return { hits: 0, mrr: 0 };
  let hits = 0;
  let rr = 0;
  for (const e of examples) {
    const r = hiddenRank(e, weights);
    if (r <= k) hits++;
    rr += 1 / r;
  }
  return { hits: hits / examples.length, mrr: rr / examples.length };
}

const vector = (w: Readonly<SignalWeights>): number[] => SIGNAL_KINDS.map((k) => w[k]);

/** One-sided 95 % quantile of the normal distribution. */
const Z_95 = 1.645;

/** Per example, (hit + 1 / rank) with `b` minus with `a`: its mean and standard error. */
export function pairedGain(
  examples: readonly WeightExample[],
  a: readonly number[],
  b: readonly number[],
  k: number,
): { mean: number; standardError: number } {
  const n = examples.length;
  if (n < 2) return { mean: 0, standardError: Infinity };
  const value = (e: WeightExample, w: readonly number[]): number => {
    const r = hiddenRank(e, w);
    return (r <= k ? 1 : 0) + 1 / r;
  };
  const d = examples.map((e) => value(e, b) - value(e, a));
  const mean = d.reduce((x, y) => x + y, 0) / n;
  const variance = d.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1);
  return { mean, standardError: Math.sqrt(variance / n) };
}

/** Fitted weights are multiples of this: the dashboard's sliders step by it, and can show them. */
export const WEIGHT_STEP = 0.005;

/** Scaled to sum to 1 (up to the rounding), each rounded to a multiple of WEIGHT_STEP. */
function normalised(v: readonly number[]): number[] {
  const total = v.reduce((a, b) => a + b, 0);
  return v.map((x) => Number((Math.round(x / total / WEIGHT_STEP) * WEIGHT_STEP).toFixed(3)));
}

/**
 * Fits on the even-numbered examples, checks on the odd-numbered ones. Deterministic: the same
 * examples in the same order give the same weights.
 */
export function fitSignalWeights(
  examples: readonly WeightExample[],
  start: Readonly<SignalWeights>,
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): WeightFit {
  const fitSet = examples.filter((_, i) => i % 2 === 0);
  const checkSet = examples.filter((_, i) => i % 2 === 1);
  const objective = (w: readonly number[]): number => {
    const q = fitQuality(fitSet, w, options.k);
    return q.hits + q.mrr;
  };
  let best = normalised(vector(start));
  let bestValue = objective(best);
  for (let round = 0; round < options.maxRounds; round++) {
    let move: { w: number[]; value: number } | null = null;
    for (let i = 0; i < best.length; i++) {
      const current = best[i] as number;
      const tries =
        current > 0
          ? options.factors.map((f) => current * f)
          : [options.entry / (1 - options.entry)];
      for (const x of tries) {
        if (x === current) continue;
        const w = [...best];
        w[i] = x;
        if (w.every((y) => y === 0)) continue;
        const candidate = normalised(w);
        const value = objective(candidate);
        if (value > bestValue + options.minGain && (!move || value > move.value)) {
          move = { w: candidate, value };
        }
      }
    }
    if (!move) break;
    best = move.w;
    bestValue = move.value;
  }
  const startVector = normalised(vector(start));
  const checkStart = fitQuality(checkSet, startVector, options.k);
  const checkFitted = fitQuality(checkSet, best, options.k);
  const gain = pairedGain(checkSet, startVector, best, options.k);
  const kept = gain.mean > 0 && gain.mean > Z_95 * gain.standardError;
  const fitted = Object.fromEntries(SIGNAL_KINDS.map((k, i) => [k, best[i]])) as Record<
    SignalKind,
    number
  >;
  return {
    weights: kept ? fitted : { ...start },
    fitted,
    start: { ...start },
    kept,
    examples: { fit: fitSet.length, check: checkSet.length },
    check: { start: checkStart, fitted: checkFitted, gain },
    fit: {
      start: fitQuality(fitSet, startVector, options.k),
      fitted: fitQuality(fitSet, best, options.k),
    },
  };
}
