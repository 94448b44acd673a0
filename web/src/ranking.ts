// The ranking settings shared by the views: the weights the API's queries start from and the
// user's what-if weights, which outlive one organisation (clicking through to a candidate keeps them).
import { DEFAULT_SIGNAL_WEIGHTS } from '../../src/matching/core/default-weights';
import { signalWeights, SIGNAL_KINDS, type SignalKind, type Weights } from './queries';

/**
 * The weights the API's queries start from: the tuned defaults (the same file the matching core
 * reads, bundled) until the API says otherwise. On a large graph it may have fitted its own.
 */
export const DEFAULT_WEIGHTS: Weights = { ...DEFAULT_SIGNAL_WEIGHTS };

/** The weights in use; the sliders write here (setWeight). */
export const weights: Weights = { ...DEFAULT_WEIGHTS };

let moved = false;

/** A slider moved: from now on the user's weights are kept when the API's arrive. */
export function setWeight(kind: SignalKind, value: number): void {
  weights[kind] = value;
  moved = true;
}

let asked: Promise<boolean> | null = null;

/**
 * Asks the API once which weights its queries start from, and starts from them too (unless a
 * slider has moved). Resolves to whether they were fitted to this graph; on failure, the bundled
 * defaults stay and the next call asks again.
 */
export function apiWeights(): Promise<boolean> {
  asked ??= signalWeights()
    .then((s) => {
      for (const { kind, weight } of s.weights) {
        if (!SIGNAL_KINDS.includes(kind)) continue;
        DEFAULT_WEIGHTS[kind] = weight;
        if (!moved) weights[kind] = weight;
      }
      return s.fitted;
    })
    .catch(() => {
      asked = null;
      return false;
    });
  return asked;
}
