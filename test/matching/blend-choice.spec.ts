// The blend chooses which retrieved candidates to score; the core scores them exactly. So every
// suggestion carries the score the exhaustive baseline gives the same organisation, whether the
// blend reads the candidates' profiles (embedded) or estimates from channel scores alone (Neo4j),
// and on this graph the exhaustive best is found either way (it leads its channels).
import type { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import type { OrganizationWrite, Relationship } from '../../src/graph/graph.types';
import type { MatchingLimits } from '../../src/matching/matching.config';
import { MatchingService } from '../../src/matching/matching.service';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore, type TemporaryStore } from '../support/temporary-store';

const SECTORS = ['Battery storage', 'Grid services', 'Materials', 'Robotics', 'Logistics'];
const OFFERS = [
  'electrolyte characterisation',
  'battery pack assembly',
  'materials simulation',
  'warehouse robotics',
  'grid balancing software',
];
const PLACES = ['Harbour Park', 'Science Park', 'Airport City'];

/** 400 organisations that all share something with o0, so that the channels tie a lot. */
function ecosystem(): { organizations: OrganizationWrite[]; relationships: Relationship[] } {
  const organizations = Array.from({ length: 400 }, (_, i) =>
    anOrganization({
      id: `o${String(i).padStart(3, '0')}`,
      name: `Organisation ${i}`,
      kind: i % 4 === 0 ? 'LAB' : 'ENTERPRISE',
      sectors: [SECTORS[i % 5] as string, SECTORS[(i * 3 + 1) % 5] as string],
      offers: [OFFERS[i % 5] as string],
      needs: [OFFERS[(i * 7 + 2) % 5] as string],
      description: `Works on ${OFFERS[(i + 1) % 5] as string} for customers in ${SECTORS[i % 5] as string}`,
      locations: [PLACES[i % 3] as string],
    }),
  );
  const relationships = organizations
    .slice(1)
    .map((o, i) => aRelationship({ from: `o${String((i * 13) % 400).padStart(3, '0')}`, to: o.id }))
    .filter((r) => r.from !== r.to);
  return { organizations, relationships };
}

describe('the blend and the exhaustive baseline', () => {
  let tmp: TemporaryStore;
  let store: EmbeddedGraphStore;

  beforeAll(async () => {
    tmp = await temporaryStore(ecosystem());
    store = tmp.store;
  });

  afterAll(() => tmp.dispose());

  const limits: [string, Partial<MatchingLimits>][] = [
    ['with profiles', { channelCap: 60, maxChannelCap: 60, blendKeep: 20, channelKeep: 3 }],
    [
      'from channel scores alone',
      {
        channelCap: 60,
        maxChannelCap: 60,
        blendKeep: 20,
        channelKeep: 3,
        blendWithProfiles: false,
      },
    ],
  ];

  it.each(limits)('scores what it chooses exactly (%s)', async (_name, chosen) => {
    const exhaustive = new MatchingService(store, undefined, { learnWeights: false });
    const blended = new MatchingService(store, undefined, { limits: chosen, learnWeights: false });
    for (const id of ['o001', 'o042', 'o123']) {
      const all = await exhaustive.suggestExhaustive({ organizationId: id, first: 100 });
      const exact = new Map(all.suggestions.map((s) => [s.id, s.score]));
      const ours = await blended.suggest({ organizationId: id, first: 10 });
      // The blend had to leave candidates out, and kept at most its keep plus each channel's head.
      expect(ours.candidateCount).toBeLessThanOrEqual(20 + 5 * 3);
      expect(ours.candidateCount).toBeLessThan(all.candidateCount);
      expect(ours.suggestions).toHaveLength(10);
      for (const s of ours.suggestions) {
        const score = exact.get(s.id);
        // Ranked beyond the baseline's first 100 would mean a score below its 100th.
        if (score === undefined)
          expect(s.score).toBeLessThanOrEqual(all.suggestions[99]?.score ?? 0);
        else expect(s.score).toBeCloseTo(score, 12);
      }
      expect(ours.suggestions[0]?.id).toBe(all.suggestions[0]?.id);
      expect(ours.suggestions.map((s) => s.score)).toEqual(
        [...ours.suggestions.map((s) => s.score)].sort((a, b) => b - a),
      );
    }
  });

  it('scores at least as many as the suggestions asked for, whatever the keep', async () => {
    const chosen = { channelCap: 60, maxChannelCap: 60, blendKeep: 20, channelKeep: 3 };
    const blended = new MatchingService(store, undefined, { limits: chosen, learnWeights: false });
    const exhaustive = new MatchingService(store, undefined, { learnWeights: false });
    for (const first of [10, 50, 100]) {
      const ours = await blended.suggest({ organizationId: 'o001', first });
      const all = await exhaustive.suggestExhaustive({ organizationId: 'o001', first });
      expect(ours.candidateCount).toBeGreaterThanOrEqual(Math.max(20, first));
      // Every channel retrieves 60, more than 100 in all: each request is filled.
      expect(ours.suggestions).toHaveLength(all.suggestions.length);
      expect(ours.suggestions).toHaveLength(first);
    }
  });
});
