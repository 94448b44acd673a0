// Which retrieved candidates are worth scoring in full. Each channel ranks by its own evidence
// only, so a candidate that is merely good on several signals (a shared sector, a need it answers,
// one mutual partner) is near the bottom of every channel; on large graphs such candidates fill
// the exhaustive top 10. The blend estimates each candidate's score from the channel scores the
// store returned, with the signal weights of the query, and keeps the best estimates together
// with the head of every channel.
import type { ChannelName } from '../../graph/match-graph.types';
import { CHANNELS } from '../../graph/match-graph.types';
import type { PlaceRef, SignalWeights } from './match.types';
import { activity, GEOGRAPHY_LEVELS, networkScale, networkValue } from './signals';
import { idf } from './vectors';

export interface ChannelLists {
  ids: Readonly<Record<ChannelName, readonly string[]>>;
  scores: Readonly<Record<ChannelName, readonly number[]>>;
  /**
   * The largest score each channel could give: Σ of the query's key weights (sector, capability
   * and text channels); for the active channel, whose scores are numbers of relationships, the
   * number of organisations (as in signals.ts activity). The network channel's scores are
   * 1000 × Adamic–Adar and need no total.
   */
  totals: Readonly<Record<Exclude<ChannelName, 'network'>, number>>;
}

export interface BlendOptions {
  /** Candidates kept by estimated score. */
  keep: number;
  /** Candidates kept from the head of every channel regardless of the estimate. */
  perChannel: number;
}

/** Signal values known exactly for a candidate before it is scored in full (cheap to compute). */
export interface KnownValues {
  sector: number;
  geography: number;
  /** An estimate of complementarity from shared retrieval terms (see termCoverage), if known. */
  complementarity?: number;
  /** The ACTIVITY signal's value (signals.ts activity), if known. */
  activity?: number;
}

/**
 * Estimated score of each candidate the channels found (same scale for every candidate): the
 * channels' shares of their best possible scores, with the sector and geography values given by
 * `known` where it has them.
 */
export function blendEstimates(
  lists: ChannelLists,
  weights: SignalWeights,
  known: (id: string) => KnownValues | undefined = () => undefined,
): Map<string, number> {
  const scale = networkScale(lists.scores.network.map((s) => s / 1000));
  const share = (c: ChannelName): Map<string, number> => {
    const out = new Map<string, number>();
    const ids = lists.ids[c];
    const scores = lists.scores[c];
    const total = c === 'network' ? 0 : lists.totals[c];
    for (let i = 0; i < ids.length; i++) {
      const s = scores[i] ?? 0;
      out.set(
        ids[i] as string,
        c === 'network'
          ? networkValue(s / 1000, scale)
          : c === 'active'
            ? activity(s, total)
            : total > 0
              ? Math.min(1, s / total)
              : 0,
      );
    }
    return out;
  };
  const sector = share('sector');
  const answered = share('needsAnswered');
  const wanted = share('offersWanted');
  const network = share('network');
  const text = share('text');
  const active = share('active');
  const estimates = new Map<string, number>();
  for (const c of CHANNELS) {
    for (const id of lists.ids[c]) {
      if (estimates.has(id)) continue;
      const k = known(id);
      const comp =
        k?.complementarity ?? 1 - (1 - (answered.get(id) ?? 0)) * (1 - (wanted.get(id) ?? 0));
      estimates.set(
        id,
        weights.SECTOR * (k ? k.sector : (sector.get(id) ?? 0)) +
          weights.GEOGRAPHY * (k?.geography ?? 0) +
          weights.COMPLEMENTARITY * comp +
          weights.NETWORK * (network.get(id) ?? 0) +
          weights.TEXT * (text.get(id) ?? 0) +
          weights.ACTIVITY * (k?.activity ?? active.get(id) ?? 0),
      );
    }
  }
  return estimates;
}

/** The candidates to score in full, sorted by id. Deterministic: ties are broken by id. */
export function blendCandidates(
  lists: ChannelLists,
  weights: SignalWeights,
  options: BlendOptions,
  known?: (id: string) => KnownValues | undefined,
): string[] {
  const estimates = blendEstimates(lists, weights, known);
  const chosen = new Set<string>();
  for (const c of CHANNELS)
    for (const id of lists.ids[c].slice(0, options.perChannel)) chosen.add(id);
  const ranked = [...estimates].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  for (const [id] of ranked.slice(0, options.keep)) chosen.add(id);
  return [...chosen].sort();
}

/** What the cheap signals read of an organisation. */
export interface Facets {
  sectorIds: readonly string[];
  /** Where it is located; each place lies within the places of its chain (see `chains`). */
  locations: readonly Pick<PlaceRef, 'id' | 'kind'>[];
  marketIds: readonly string[];
}

/**
 * The sector overlap and geography values (signals.ts: sectorOverlap, geography) of candidates
 * against one source, for many candidates at a time: the source's side is prepared once, and each
 * place's best level against the source is worked out once however many candidates are there.
 * `chains` gives each place with the places it lies within (itself first); a place without a
 * chain stands for itself only.
 */
export function knownValuesAgainst(
  source: Facets,
  organizations: number,
  sectorCounts: ReadonlyMap<string, number>,
  chains: ReadonlyMap<string, readonly Pick<PlaceRef, 'id' | 'kind'>[]>,
): (candidate: Facets) => KnownValues {
  const weights = new Map<string, number>();
  const weight = (id: string): number => {
    let w = weights.get(id);
    if (w === undefined) weights.set(id, (w = idf(organizations, sectorCounts.get(id))));
    return w;
  };
  const sourceSectors = new Set(source.sectorIds);
  let sourceSectorWeight = 0;
  for (const id of sourceSectors) sourceSectorWeight += weight(id);
  const levels = new Map<string, number>();
  for (const l of source.locations)
    for (const p of chains.get(l.id) ?? [l]) levels.set(p.id, GEOGRAPHY_LEVELS[p.kind]);
  const placeLevels = new Map<string, number>();
  const placeLevel = (l: Pick<PlaceRef, 'id' | 'kind'>): number => {
    let level = placeLevels.get(l.id);
    if (level === undefined) {
      level = 0;
      for (const p of chains.get(l.id) ?? [l]) level = Math.max(level, levels.get(p.id) ?? 0);
      placeLevels.set(l.id, level);
    }
    return level;
  };
  const sourceMarkets = new Set(source.marketIds);
  return (c) => {
    let shared = 0;
    let extra = 0;
    const sectors = c.sectorIds;
    for (let i = 0; i < sectors.length; i++) {
      const id = sectors[i] as string;
      if (sectors.indexOf(id) !== i) continue; // listed twice
      if (sourceSectors.has(id)) shared += weight(id);
      else extra += weight(id);
    }
    const union = sourceSectorWeight + extra;
    let level = 0;
    for (const l of c.locations) level = Math.max(level, placeLevel(l));
    let sharedMarkets = 0;
    let markets = 0;
    for (let i = 0; i < c.marketIds.length; i++) {
      const id = c.marketIds[i] as string;
      if (c.marketIds.indexOf(id) !== i) continue;
      markets++;
      if (sourceMarkets.has(id)) sharedMarkets++;
    }
    const unionMarkets = sourceMarkets.size + markets - sharedMarkets;
    const marketJaccard = unionMarkets ? sharedMarkets / unionMarkets : 0;
    return {
      sector: union > 0 ? shared / union : 0,
      geography: 1 - (1 - level) * (1 - 0.5 * marketJaccard),
    };
  };
}

/**
 * How well the best of `phrases` covers the best-covered of `groups`: for each pair, the weight
 * of the group's terms the phrase holds over the group's whole weight; the largest such share.
 * With the source's needs as groups (weighted as the retrieval weights them) and a candidate's
 * offers as phrases, it is what the needs-answered channel measures, normalised per need: an
 * estimate of how well the candidate answers one of the source's needs.
 */
export function termCoverage(
  groups: readonly TermGroup[],
  phrases: readonly { terms: ReadonlyMap<string, number> }[],
): number {
  let best = 0;
  for (const group of groups) {
    if (group.total <= 0) continue;
    for (const p of phrases) {
      let covered = 0;
      for (const t of p.terms.keys()) covered += group.weights.get(t) ?? 0;
      if (covered / group.total > best) best = covered / group.total;
    }
  }
  return Math.min(1, best);
}

/**
 * termCoverage against fixed groups, for many candidates: an inverted index from each term to the
 * groups holding it, so a phrase costs one lookup per term instead of one per term and group.
 */
export function coverageAgainst(
  groups: readonly TermGroup[],
): (phrases: readonly { terms: ReadonlyMap<string, number> }[]) => number {
  const postings = new Map<string, { group: number; weight: number }[]>();
  groups.forEach((g, group) => {
    if (g.total <= 0) return;
    for (const [term, weight] of g.weights) {
      const list = postings.get(term);
      if (list) list.push({ group, weight });
      else postings.set(term, [{ group, weight }]);
    }
  });
  const covered = new Float64Array(groups.length);
  const touched: number[] = [];
  // Candidates share phrases (a capability's analysed terms are one object wherever it is
  // offered or needed): each is worked out once per query.
  const shares = new Map<ReadonlyMap<string, number>, number>();
  const shareOf = (terms: ReadonlyMap<string, number>): number => {
    let best = shares.get(terms);
    if (best !== undefined) return best;
    best = 0;
    for (const term of terms.keys()) {
      const list = postings.get(term);
      if (!list) continue;
      for (const { group, weight } of list) {
        if (covered[group] === 0) touched.push(group);
        covered[group] = (covered[group] as number) + weight;
      }
    }
    for (const group of touched) {
      const share = (covered[group] as number) / (groups[group] as TermGroup).total;
      if (share > best) best = share;
      covered[group] = 0;
    }
    touched.length = 0;
    shares.set(terms, best);
    return best;
  };
  return (phrases) => {
    let best = 0;
    for (const p of phrases) {
      const share = shareOf(p.terms);
      if (share > best) best = share;
    }
    return Math.min(1, best);
  };
}

/** Weighted terms (of one source phrase) and the sum of their weights. */
export interface TermGroup {
  weights: ReadonlyMap<string, number>;
  total: number;
}

export function termGroup(weights: ReadonlyMap<string, number>): TermGroup {
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}
