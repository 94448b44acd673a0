// The default signal weights, in a file with no imports so that the dashboard's bundle
// (web/src/ranking.ts) uses these very numbers rather than a copy that drifts. They come from the
// offline evaluation: README, "Benchmarks and evaluation"; bench/results/eval-*.md, tuning-*.md.
// They sum to 1: NETWORK carries three quarters, COMPLEMENTARITY keeps enough for the article's
// cases (a need answered by an offer beats one shared supporter).
export const DEFAULT_SIGNAL_WEIGHTS = Object.freeze({
  COMPLEMENTARITY: 0.115,
  SECTOR: 0.075,
  CAPABILITY: 0.015,
  TEXT: 0.015,
  NETWORK: 0.745,
  GEOGRAPHY: 0.035,
});
