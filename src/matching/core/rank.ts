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
  capabilityOverlap,
  complementarity,
  descriptionVector,
  geography,
  network,
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

export function rankCandidates(
  source: MatchProfile,
  candidates: readonly CandidateEvidence[],
  corpus: Corpus,
  weights: SignalWeights,
): ScoredCandidate[] {
  const vectors = phraseVectors(corpus);
  const available = availableSignals(source);
  const sourceText = descriptionVector(source, corpus);
  const scored = candidates.map(({ profile: c, mutual }): ScoredCandidate => {
    const comp = complementarity(source, c, vectors);
    const sector = sectorOverlap(source, c, corpus);
    const peers = capabilityOverlap(source, c, vectors);
    const text = textSimilarity(sourceText, descriptionVector(c, corpus));
    const net = network(mutual);
    const geo = geography(source, c);
    const values: Record<SignalKind, number> = {
      COMPLEMENTARITY: comp.value,
      SECTOR: sector.value,
      CAPABILITY: peers.value,
      TEXT: text.value,
      NETWORK: net.value,
      GEOGRAPHY: geo.value,
    };
    const { score, signals } = combine(values, weights, available);
    const contributing = new Set(signals.filter((s) => s.contribution > 0).map((s) => s.kind));
    const sharedWords = text.sharedTerms.map((t) => source.descriptionWords.get(t) ?? t);
    const sortedMutual = [...mutual].sort((a, b) => a.degree - b.degree || (a.id < b.id ? -1 : 1));
    return {
      id: c.id,
      score,
      signals,
      sharedSectors: sector.shared,
      capabilityMatches: comp.matches,
      mutual: sortedMutual,
      reasons: buildReasons({
        source,
        candidate: c,
        matches: comp.matches,
        sharedSectors: sector.shared,
        sectorCounts: corpus.sectorCounts,
        peers: peers.pairs,
        sharedWords,
        mutual: sortedMutual,
        geography: geo,
        contributing,
      }),
    };
  });
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
