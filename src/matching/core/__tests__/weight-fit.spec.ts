import fc from 'fast-check';
import { Rng } from '../../../generator/prng';
import { SIGNAL_KINDS, type SignalWeights } from '../match.types';
import { DEFAULT_WEIGHTS } from '../weights';
import {
  fitQuality,
  fitSignalWeights,
  hiddenRank,
  pairedGain,
  WEIGHT_STEP,
  type WeightExample,
} from '../weight-fit';

const ALL = SIGNAL_KINDS.map(() => true);

/** A value vector with the given signals set, the others 0. */
function values(set: Partial<Record<(typeof SIGNAL_KINDS)[number], number>>): number[] {
  return SIGNAL_KINDS.map((k) => set[k] ?? 0);
}

/**
 * n examples of 30 candidates each: every signal is noise, except that the hidden partner's
 * `informative` value is raised by `lift`.
 */
function examples(
  n: number,
  informative: (typeof SIGNAL_KINDS)[number] | null,
  lift: number,
  seed = 3,
) {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (): WeightExample => {
    const positive = rng.int(30);
    return {
      values: Array.from({ length: 30 }, (_, i) =>
        SIGNAL_KINDS.map((k) => {
          const v = rng.next();
          return k === informative && i === positive ? Math.min(1, v + lift) : v;
        }),
      ),
      positives: [positive],
      available: ALL,
    };
  });
}

const sum = (w: SignalWeights) => SIGNAL_KINDS.reduce((a, k) => a + w[k], 0);

/** Candidates that differ only in NETWORK, with the given ones held back. */
const byNetwork = (network: readonly number[], positives: number[]): WeightExample => ({
  values: network.map((v) => values({ NETWORK: v })),
  positives,
  available: ALL,
});

describe('hidden partner rank', () => {
  const weights = SIGNAL_KINDS.map((k) => DEFAULT_WEIGHTS[k]);

  it('is 1 + the candidates scoring above it + half of those tied with it', () => {
    expect(hiddenRank(byNetwork([0.5, 0.9, 0.5, 0.1], [0]), weights)).toBe(2.5);
  });

  it('is the best-placed of several held-back partners, the others not counted above it', () => {
    const e = byNetwork([0.2, 0.9, 0.5, 0.95], [0, 2, 3]);
    expect(hiddenRank(e, weights)).toBe(1);
    expect(hiddenRank({ ...e, positives: [0, 2] }, weights)).toBe(3);
  });

  it('is a miss (Infinity) when the partner was not retrieved or scores 0', () => {
    const retrieved = { values: [values({ NETWORK: 0.5 })], available: ALL };
    expect(hiddenRank({ ...retrieved, positives: [] }, weights)).toBe(Infinity);
    expect(hiddenRank({ values: [values({})], positives: [0], available: ALL }, weights)).toBe(
      Infinity,
    );
  });

  it('leaves out the signals the source has no data for', () => {
    const weights = SIGNAL_KINDS.map((k) => (k === 'NETWORK' ? 0.5 : k === 'SECTOR' ? 0.5 : 0));
    const e: WeightExample = {
      values: [values({ NETWORK: 0.2, SECTOR: 0 }), values({ NETWORK: 0.1, SECTOR: 1 })],
      positives: [0],
      available: SIGNAL_KINDS.map((k) => k !== 'SECTOR'),
    };
    expect(hiddenRank(e, weights)).toBe(1);
    expect(hiddenRank({ ...e, available: ALL }, weights)).toBe(2);
  });

  it('gives Hits@k and MRR over the examples', () => {
    const e = (rankOfPositive: number): WeightExample => ({
      values: Array.from({ length: 5 }, (_, i) => values({ NETWORK: 1 - i / 10 })),
      positives: [rankOfPositive - 1],
      available: ALL,
    });
    expect(fitQuality([e(1), e(4)], weights, 2)).toEqual({ hits: 0.5, mrr: (1 + 1 / 4) / 2 });
    expect(fitQuality([], weights, 2)).toEqual({ hits: 0, mrr: 0 });
  });
});

describe('fitting the signal weights', () => {
  it('moves weight to the one signal that marks the hidden partners, and keeps the fit', () => {
    const start: SignalWeights = { ...DEFAULT_WEIGHTS };
    const fit = fitSignalWeights(examples(400, 'GEOGRAPHY', 0.5), start);
    expect(fit.kept).toBe(true);
    expect(fit.weights).toEqual(fit.fitted);
    expect(fit.weights.GEOGRAPHY).toBeGreaterThan(0.5);
    expect(fit.check.fitted.hits).toBeGreaterThan(fit.check.start.hits + 0.2);
    expect(fit.check.gain.mean).toBeGreaterThan(0.2);
    expect(fit.examples).toEqual({ fit: 200, check: 200 });
    expect(fit.start).toEqual(start);
  });

  it('keeps the starting weights when no signal says anything', () => {
    // The fit chases noise on its half; the other half seldom confirms it (5 % at most).
    let kept = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const fit = fitSignalWeights(examples(200, null, 0, seed), DEFAULT_WEIGHTS);
      if (fit.kept) kept++;
      else expect(fit.weights).toEqual({ ...DEFAULT_WEIGHTS });
    }
    expect(kept).toBeLessThanOrEqual(3);
  });

  it('gives the gain on the check half with its standard error', () => {
    const e = (rankOfPositive: number): WeightExample => ({
      values: Array.from({ length: 3 }, (_, i) =>
        values({ NETWORK: 1 - i / 10, GEOGRAPHY: i / 10 }),
      ),
      positives: [rankOfPositive - 1],
      available: ALL,
    });
    const network = SIGNAL_KINDS.map((k) => (k === 'NETWORK' ? 1 : 0));
    const geography = SIGNAL_KINDS.map((k) => (k === 'GEOGRAPHY' ? 1 : 0));
    // The first candidate is first by NETWORK (a hit, 1 / 1) and scores 0 by GEOGRAPHY (a miss,
    // 0); the second is second by both (a hit at k = 2, 1 / 2 either way).
    const g = pairedGain([e(1), e(1)], geography, network, 2);
    expect(g.mean).toBe(2);
    expect(g.standardError).toBe(0);
    expect(pairedGain([e(1), e(2)], geography, network, 2)).toEqual({
      mean: 1,
      standardError: 1,
    });
    expect(pairedGain([e(1)], geography, network, 2).standardError).toBe(Infinity);
  });

  it('recovers from bad starting weights', () => {
    const bad: SignalWeights = { ...DEFAULT_WEIGHTS, NETWORK: 0.01, GEOGRAPHY: 1 };
    const fit = fitSignalWeights(examples(400, 'NETWORK', 0.4), bad);
    expect(fit.kept).toBe(true);
    expect(fit.weights.NETWORK).toBeGreaterThan(fit.weights.GEOGRAPHY);
  });

  it('is deterministic and gives non-negative weights that sum to 1', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIGNAL_KINDS, null),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: SIGNAL_KINDS.length,
          maxLength: SIGNAL_KINDS.length,
        }),
        (informative, lift, raw) => {
          fc.pre(raw.some((x) => x > 0));
          const start = Object.fromEntries(
            SIGNAL_KINDS.map((k, i) => [k, raw[i]]),
          ) as SignalWeights;
          const data = examples(60, informative, lift);
          const a = fitSignalWeights(data, start);
          const b = fitSignalWeights(data, start);
          expect(a).toEqual(b);
          expect(SIGNAL_KINDS.every((k) => a.fitted[k] >= 0)).toBe(true);
          // Each a multiple of the dashboard sliders' step, so they can show it exactly.
          for (const k of SIGNAL_KINDS) {
            const steps = a.fitted[k] / WEIGHT_STEP;
            expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
          }
          expect(Math.abs(sum(a.fitted) - 1)).toBeLessThanOrEqual(WEIGHT_STEP * 3);
          // Kept only when the check half shows a gain beyond its noise.
          if (a.kept) {
            expect(a.check.gain.mean).toBeGreaterThan(1.6 * a.check.gain.standardError);
            expect(a.weights).toEqual(a.fitted);
          } else expect(a.weights).toEqual(start);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each(SIGNAL_KINDS)('gives more weight to %s when it marks the hidden partners', (kind) => {
    const even = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 1 / 6])) as SignalWeights;
    const fit = fitSignalWeights(examples(400, kind, 0.5), even);
    expect(fit.kept).toBe(true);
    for (const other of SIGNAL_KINDS.filter((k) => k !== kind)) {
      expect(fit.weights[kind]).toBeGreaterThan(fit.weights[other]);
    }
  });
});
