// Orders warm-introduction paths: fewer hops first, then stronger links, then more recent ones.
import type { Relationship, RelationshipType } from '../../graph/graph.types';
import type { GraphPath } from '../../graph/match-graph.types';
import { softOr } from './signals';

/** How much a relationship of each type says about two organisations knowing each other. */
export const LINK_STRENGTH: Readonly<Record<RelationshipType, number>> = {
  COLLABORATES_WITH: 1,
  FUNDS: 0.9,
  SUPPLIES: 0.85,
  PART_OF: 0.8,
  SUPPORTS: 0.7,
};

/** How well two organisations know each other from the types of the links between them (0..1). */
export function linkStrength(types: readonly RelationshipType[]): number {
  return softOr(types.map((t) => LINK_STRENGTH[t]));
}

export interface RankedPath extends GraphPath {
  hops: number;
  /** Product over hops of the hop's strength (several links on one hop reinforce each other). */
  strength: number;
  /** The oldest hop's latest known start year; null when a hop has no year. */
  recency: number | null;
}

function hopLinks(path: GraphPath): Relationship[][] {
  const ids = path.organizationIds;
  return ids.slice(1).map((to, i) => {
    const from = ids[i] as string;
    return path.relationships.filter(
      (r) => (r.from === from && r.to === to) || (r.from === to && r.to === from),
    );
  });
}

export function rankPaths(paths: readonly GraphPath[]): RankedPath[] {
  const ranked = paths.map((p): RankedPath => {
    const hops = hopLinks(p);
    let strength = 1;
    let recency: number | null = Infinity;
    for (const links of hops) {
      strength *= linkStrength(links.map((l) => l.type));
      const years = links.map((l) => l.since).filter((y): y is number => y !== null);
      recency = years.length && recency !== null ? Math.min(recency, Math.max(...years)) : null;
    }
    return { ...p, hops: hops.length, strength, recency: recency === Infinity ? null : recency };
  });
  const seq = (p: RankedPath): string => p.organizationIds.join('\u0000');
  return ranked.sort(
    (a, b) =>
      a.hops - b.hops ||
      b.strength - a.strength ||
      (b.recency ?? -Infinity) - (a.recency ?? -Infinity) ||
      (seq(a) < seq(b) ? -1 : seq(a) > seq(b) ? 1 : 0),
  );
}
