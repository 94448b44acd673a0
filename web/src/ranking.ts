// The ranking settings shared by the views: the API's default signal weights and the user's
// what-if weights, which outlive one organisation (clicking through to a candidate keeps them).
import { DEFAULT_SIGNAL_WEIGHTS } from '../../src/matching/core/default-weights';
import type { Weights } from './queries';

/** The API's default weights: the same file the matching core reads, bundled. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = DEFAULT_SIGNAL_WEIGHTS;

/** The weights in use; the sliders write here. */
export const weights: Weights = { ...DEFAULT_WEIGHTS };
