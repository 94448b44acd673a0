// Human sentences built only from a suggestion's evidence, most telling first.
import type { NamedNode } from '../../graph/graph.types';
import type { CapabilityMatch, MatchProfile, MutualConnection, SignalKind } from './match.types';
import type { GeographyOverlap, PairMatch } from './signals';

export interface ReasonEvidence {
  source: MatchProfile;
  candidate: MatchProfile;
  matches: CapabilityMatch[];
  sharedSectors: NamedNode[];
  sectorCounts: ReadonlyMap<string, number>;
  peers: PairMatch[];
  sharedWords: string[];
  mutual: MutualConnection[];
  geography: GeographyOverlap;
  /** The ACTIVITY value of the candidate (signals.ts activity). */
  activity: number;
  /** Which signals contribute to the score (weight and value above 0). */
  contributing: ReadonlySet<SignalKind>;
}

const fixed = (x: number): string => x.toFixed(2);

/** ACTIVITY values from which the candidate's relationships are given as a reason. */
export const ACTIVITY_REASON = 0.5;
const list = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function buildReasons(e: ReasonEvidence): string[] {
  const out: string[] = [];
  const name = (id: string): string => (id === e.source.id ? e.source.name : e.candidate.name);
  if (e.contributing.has('COMPLEMENTARITY')) {
    for (const m of e.matches.slice(0, 3)) {
      out.push(
        `${name(m.neederId)} needs ${m.need.name}; ${name(m.offererId)} offers ${m.offer.name} (similarity ${fixed(m.similarity)})`,
      );
    }
  }
  if (e.contributing.has('SECTOR') && e.sharedSectors.length) {
    const names = e.sharedSectors.slice(0, 3).map((s) => {
      const count = e.sectorCounts.get(s.id) ?? 0;
      return count > 0 && count <= 10 ? `${s.name} (a niche of ${count} organisations)` : s.name;
    });
    out.push(`Both are in ${list(names)}`);
  }
  if (e.contributing.has('NETWORK') && e.mutual.length) {
    const names = e.mutual.slice(0, 5).map((m) => m.name);
    const more = e.mutual.length > 5 ? ` and ${e.mutual.length - 5} more` : '';
    out.push(
      e.mutual.length === 1
        ? `1 mutual connection: ${names[0]}`
        : `${e.mutual.length} mutual connections: ${names.join(', ')}${more}`,
    );
  }
  if (e.contributing.has('GEOGRAPHY')) {
    if (e.geography.place) {
      const preposition = e.geography.place.kind === 'SITE' ? 'at' : 'in';
      out.push(`Both are ${preposition} ${e.geography.place.name}`);
    }
    if (e.geography.sharedMarkets.length)
      out.push(`Both are active in ${list(e.geography.sharedMarkets.slice(0, 4))}`);
  }
  if (e.contributing.has('CAPABILITY') && e.peers.length) {
    const p = e.peers[0] as PairMatch;
    out.push(
      `Similar offers: ${e.source.name} offers ${p.from.name}, ${e.candidate.name} offers ${p.to.name} (similarity ${fixed(p.similarity)})`,
    );
  }
  if (e.contributing.has('TEXT') && e.sharedWords.length) {
    out.push(`Their descriptions share: ${e.sharedWords.slice(0, 5).join(', ')}`);
  }
  // Only a hub is worth a sentence: 0.5 is √(organisations) relationships.
  if (e.contributing.has('ACTIVITY') && e.activity >= ACTIVITY_REASON) {
    const n = e.candidate.relationshipCount;
    out.push(
      `${e.candidate.name} is well connected: ${n} existing relationship${n === 1 ? '' : 's'}`,
    );
  }
  return out;
}
