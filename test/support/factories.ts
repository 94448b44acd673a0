// Test data factories with partial overrides, built through the real graph-file parsers so that
// what tests write is exactly what the API and import would write.
import { randomBytes } from 'node:crypto';
import {
  FileOrganization,
  FileRelationship,
  parseOrganization,
  parseRelationship,
} from '../../src/graph-file/graph-file';
import type { OrganizationWrite, Relationship } from '../../src/graph/graph.types';
import type { CandidateQuery } from '../../src/graph/match-graph.types';

/** A short unique token: isolates test data in a shared store and makes search terms unique. */
export const uniqueToken = (): string => `zq${randomBytes(4).toString('hex')}`;

export const T0 = '2026-01-01T00:00:00.000Z';

export function anOrganization(
  overrides: Partial<FileOrganization> & { id: string },
  now = T0,
): OrganizationWrite {
  return parseOrganization({ name: `Org ${overrides.id}`, kind: 'ENTERPRISE', ...overrides }, now);
}

export function aRelationship(
  overrides: Partial<FileRelationship> & { from: string; to: string },
): Relationship {
  return parseRelationship({ type: 'COLLABORATES_WITH', ...overrides });
}

/** A candidate query from the source with no evidence, every channel capped at 10, no filter. */
export function aCandidateQuery(
  sourceId: string,
  overrides: Partial<CandidateQuery> = {},
): CandidateQuery {
  return {
    sourceId,
    filter: { kinds: null, sectorIds: null, placeIds: null, excludeConnected: true },
    cap: 10,
    sectors: [],
    needTerms: [],
    offerTerms: [],
    maxCapabilityOrganizations: 100,
    maxHubDegree: 100,
    textTerms: [],
    activeCap: 10,
    ...overrides,
  };
}
