// Scores candidates against a source: signals → weighted sum over the signals the source has data
// for → reasons. Deterministic: ties are broken by id, and every sum runs in a fixed order.
import {
  type CandidateEvidence,
  type Corpus,
  type MatchProfile,
  type ScoredCandidate,
  SIGNAL_KINDS,
  type SignalKind,
  type SignalResult,
  type SignalWeights,
} from './match.types';
import { buildReasons } from './reasons';
import {
  activity,
  capabilityOverlap,
  complementarity,
  descriptionVector,
  geography,
  network,
  networkScale,
  networkValue,
  phraseVectors,
  sectorOverlap,
  textSimilarity,
} from './signals';

/** The signals a source has data for; the others are left out of its scores (cold start). */
export function availableSignals(source: MatchProfile): Set<SignalKind> {
  const available = new Set<SignalKind>();
  if (source.needs.length || source.offers.length) available.add('COMPLEMENTARITY');
  if (source.sectors.length) available.add('SECTOR');
  if (source.offers.length) available.add('CAPABILITY');
  if (source.descriptionTerms.size) available.add('TEXT');
  if (source.relationshipCount > 0) available.add('NETWORK');
  if (source.locationClosure.length || source.markets.length) available.add('GEOGRAPHY');
  available.add('ACTIVITY'); // a property of the candidate: always known
  return available;
}

/** Combines signal values into a score in [0, 1] whose contributions add up to it. */
export function combine(
  values: Record<SignalKind, number>,
  weights: SignalWeights,
  available: ReadonlySet<SignalKind>,
): { score: number; signals: SignalResult[] } {
  let total = 0;
  for (const k of SIGNAL_KINDS) if (available.has(k)) total += weights[k];
  const signals = SIGNAL_KINDS.map((kind): SignalResult => {
    const isAvailable = available.has(kind);
    const value = Math.min(1, Math.max(0, values[kind]));
    const contribution = isAvailable && total > 0 ? (weights[kind] * value) / total : 0;
    return { kind, value, weight: weights[kind], contribution, available: isAvailable };
  });
  let score = 0;
  for (const s of signals) score += s.contribution;
  return { score: Math.min(1, Math.max(0, score)), signals };
}

/**
 * The candidates ranked best first, ties by id, with their signals and reasons; at most `limit`
 * of them (default: all). With a limit, the cheap signals (sector, network, geography) come
 * first, and the phrase and text similarities are computed only for candidates whose best
 * possible score can still reach the top `limit`: a bound, not a heuristic, so the result is the
 * same as scoring every candidate in full (floating-point rounding is monotone, so a score never
 * exceeds its bound).
 */
export function rankCandidates(
  source: MatchProfile,
  candidates: readonly CandidateEvidence[],
  corpus: Corpus,
  weights: SignalWeights,
  limit: number = candidates.length,
): ScoredCandidate[] {
  const vectors = phraseVectors(corpus);
  const available = availableSignals(source);
  const sourceText = descriptionVector(source, corpus);
  const byScore = (a: { score: number; id: string }, b: { score: number; id: string }) =>
    b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const adamicAdar = candidates.map((e) => network(e.mutual).adamicAdar);
  const scale = networkScale(adamicAdar);
  const cheap = candidates.map((evidence, i) => {
    const c = evidence.profile;
    const sector = sectorOverlap(source, c, corpus);
    const aa = adamicAdar[i] as number;
    const net = { adamicAdar: aa, value: networkValue(aa, scale) };
    const geo = geography(source, c);
    const act = activity(c.relationshipCount, corpus.organizations);
    const bound = combine(
      {
        COMPLEMENTARITY: 1,
        SECTOR: sector.value,
        CAPABILITY: 1,
        TEXT: 1,
        NETWORK: net.value,
        GEOGRAPHY: geo.value,
        ACTIVITY: act,
      },
      weights,
      available,
    ).score;
    return { id: c.id, score: bound, evidence, sector, net, geo, act };
  });
  cheap.sort(byScore);

  const full: Scored[] = [];
  /** The `limit`-th best full score so far (kept as a sorted list of at most `limit`). */
  const best: number[] = [];
  for (const x of cheap) {
    if (best.length >= limit && x.score < (best[best.length - 1] as number)) break;
    const { mutual } = x.evidence;
    const c = x.evidence.complete?.() ?? x.evidence.profile;
    const comp = complementarity(source, c, vectors);
    const peers = capabilityOverlap(source, c, vectors);
    const text = textSimilarity(sourceText, descriptionVector(c, corpus));
    const values: Record<SignalKind, number> = {
      COMPLEMENTARITY: comp.value,
      SECTOR: x.sector.value,
      CAPABILITY: peers.value,
      TEXT: text.value,
      NETWORK: x.net.value,
      GEOGRAPHY: x.geo.value,
      ACTIVITY: x.act,
    };
    const { score, signals } = combine(values, weights, available);
    full.push({ id: c.id, score, signals, candidate: c, mutual, comp, peers, text, x });
    if (limit > 0) {
      let i = best.length;
      while (i > 0 && (best[i - 1] as number) < score) i--;
      best.splice(i, 0, score);
      if (best.length > limit) best.pop();
    }
  }
  return full
    .sort(byScore)
    .slice(0, limit)
    .map(({ id, score, signals, candidate: c, mutual, comp, peers, text, x }) => {
      const contributing = new Set(signals.filter((s) => s.contribution > 0).map((s) => s.kind));
      const sharedWords = text.sharedTerms.map((t) => source.descriptionWords.get(t) ?? t);
      const sortedMutual = [...mutual].sort(
        (a, b) => a.degree - b.degree || (a.id < b.id ? -1 : 1),
      );
      return {
        id,
        score,
        signals,
        sharedSectors: x.sector.shared,
        capabilityMatches: comp.matches,
        mutual: sortedMutual,
        reasons: buildReasons({
          source,
          candidate: c,
          matches: comp.matches,
          sharedSectors: x.sector.shared,
          sectorCounts: corpus.sectorCounts,
          peers: peers.pairs,
          sharedWords,
          mutual: sortedMutual,
          geography: x.geo,
          activity: x.act,
          contributing,
        }),
      };
    });
}

interface Scored {
  id: string;
  score: number;
  signals: SignalResult[];
  candidate: MatchProfile;
  mutual: CandidateEvidence['mutual'];
  comp: ReturnType<typeof complementarity>;
  peers: ReturnType<typeof capabilityOverlap>;
  text: ReturnType<typeof textSimilarity>;
  x: {
    sector: ReturnType<typeof sectorOverlap>;
    net: ReturnType<typeof network>;
    geo: ReturnType<typeof geography>;
    act: number;
  };
}
