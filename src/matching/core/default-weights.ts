// The default signal weights, in a file with no imports so that the dashboard's bundle
// (web/src/ranking.ts) uses these very numbers rather than a copy that drifts. They come from the
// offline evaluation: README, "Benchmarks and evaluation"; bench/results/eval-*.md, tuning-*.md.
// They sum to 1: NETWORK carries seven tenths, COMPLEMENTARITY keeps enough for the article’s
// cases (a need answered by an offer beats one shared supporter).
export const DEFAULT_SIGNAL_WEIGHTS = Object.freeze({
  COMPLEMENTARITY: 0.11,
  SECTOR: 0.07,
  CAPABILITY: 0.015,
  TEXT: 0.015,
  NETWORK: 0.71,
  GEOGRAPHY: 0.035,
  // How connected the candidate is: organisations already working with many take on more new
  // partners. More helps generated graphs further but costs the article's Westwell → HACTL case
  // (bench/results/activity-sweep-2026-11-26.md).
  ACTIVITY: 0.045,
});
