// The ranking settings shared by the views: the API's default signal weights and the user's
// what-if weights, which outlive one organisation (clicking through to a candidate keeps them).
import type { Weights } from './queries';

/** The API's default weights (README, "Matching"). */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  COMPLEMENTARITY: 0.4,
  SECTOR: 0.15,
  CAPABILITY: 0.05,
  TEXT: 0.1,
  NETWORK: 0.2,
  GEOGRAPHY: 0.1,
});

/** The weights in use; the sliders write here. */
export const weights: Weights = { ...DEFAULT_WEIGHTS };
