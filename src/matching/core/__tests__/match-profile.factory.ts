// Small builders for the matching core's inputs, with partial overrides, so that each test states
// only what it is about. Terms are hand-built (no analyzer): the core is tested on its own.
import type { PlaceKind, Relationship, RelationshipType } from '../../../graph/graph.types';
import type { GraphPath } from '../../../graph/match-graph.types';
import type { Corpus, MatchProfile, MutualConnection, Phrase, PlaceRef } from '../match.types';

/** Term counts of space-separated words: `terms('a b a')` is {a: 2, b: 1}. */
export function terms(words: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words.split(' ').filter((x) => x.length > 0))
    counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** A capability phrase whose terms are its words; the id defaults to the words joined by '-'. */
export function aPhrase(words: string, id = words.split(' ').join('-')): Phrase {
  return { id, name: words, terms: terms(words) };
}

export const aSector = (id: string): { id: string; name: string } => ({ id, name: `Sector ${id}` });

export const aPlace = (id: string, kind: PlaceKind, name = id): PlaceRef => ({ id, name, kind });

export const aMutual = (id: string, degree: number): MutualConnection => ({
  id,
  name: `Org ${id}`,
  degree,
});

export function aProfile(overrides: Partial<MatchProfile> & { id: string }): MatchProfile {
  return {
    name: `Org ${overrides.id}`,
    kind: 'ENTERPRISE',
    sectors: [],
    offers: [],
    needs: [],
    descriptionTerms: new Map(),
    descriptionWords: new Map(),
    locations: [],
    locationClosure: [],
    markets: [],
    relationshipCount: 0,
    ...overrides,
  };
}

export function aCorpus(overrides: Partial<Corpus> = {}): Corpus {
  return {
    organizations: 10,
    capabilities: 10,
    descriptionDf: new Map(),
    capabilityDf: new Map(),
    sectorCounts: new Map(),
    ...overrides,
  };
}

export function aLink(
  from: string,
  to: string,
  type: RelationshipType,
  since: number | null = null,
): Relationship {
  return { from, to, type, since, description: null, source: null };
}

export const aPath = (organizationIds: string[], relationships: Relationship[]): GraphPath => ({
  organizationIds,
  relationships,
});
