// The default signal weights, in a file with no imports so that the dashboard's bundle
// (web/src/ranking.ts) uses these very numbers rather than a copy that drifts. They come from the
// offline evaluation: README, "Benchmarks and evaluation"; bench/results/eval-*.md, tuning-*.md.
export const DEFAULT_SIGNAL_WEIGHTS = Object.freeze({
  COMPLEMENTARITY: 0.2,
  SECTOR: 0.13,
  CAPABILITY: 0.03,
  TEXT: 0.03,
  NETWORK: 0.55,
  GEOGRAPHY: 0.06,
});
