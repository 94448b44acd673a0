// The ACTIVE channel: an organisation that many others already work with is a candidate for a
// source that shares nothing with it (no partner, sector, phrase or word), so that the ACTIVITY
// signal can rank it; without ACTIVITY it is not retrieved at all.
import type { OrganizationWrite, Relationship } from '../../src/graph/graph.types';
import { MatchingService } from '../../src/matching/matching.service';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore } from '../support/temporary-store';

function graph(): { organizations: OrganizationWrite[]; relationships: Relationship[] } {
  const organizations: OrganizationWrite[] = [
    anOrganization({
      id: 'source',
      name: 'Harbour Robotics',
      kind: 'ENTERPRISE',
      sectors: ['Robotics'],
      needs: ['port automation'],
      description: 'Autonomous cranes for container terminals',
    }),
    anOrganization({ id: 'partner', name: 'Crane Works', kind: 'ENTERPRISE' }),
    anOrganization({
      id: 'busy',
      name: 'Innovation Hub',
      kind: 'GOVERNMENT',
      sectors: ['Public services'],
      description: 'Runs programmes',
    }),
    ...Array.from({ length: 40 }, (_, i) =>
      anOrganization({ id: `member${i}`, name: `Member ${i}`, kind: 'ENTERPRISE' }),
    ),
  ];
  const relationships = [
    aRelationship({ from: 'source', to: 'partner', type: 'COLLABORATES_WITH' }),
    ...Array.from({ length: 40 }, (_, i) =>
      aRelationship({ from: 'busy', to: `member${i}`, type: 'SUPPORTS' }),
    ),
  ];
  return { organizations, relationships };
}

describe('ACTIVE channel', () => {
  it('makes the most connected organisation a candidate, ranked by its ACTIVITY', async () => {
    const { store, dispose } = await temporaryStore(graph());
    try {
      const matching = new MatchingService(store, undefined, { learnWeights: false });
      const result = await matching.suggest({ organizationId: 'source', first: 5 });
      expect(result.channels.active[0]).toBe('busy');
      const top = result.suggestions[0];
      expect(top?.id).toBe('busy');
      const activity = top?.signals.find((s) => s.kind === 'ACTIVITY');
      expect(activity?.value).toBeGreaterThan(0.9);
      expect(activity?.contribution).toBeGreaterThan(0);
      // Its members (one relationship each) come after it; the source's partner is left out.
      expect(result.suggestions.map((s) => s.id)).not.toContain('partner');

      const without = await matching.suggest({
        organizationId: 'source',
        first: 5,
        weights: [{ kind: 'ACTIVITY', weight: 0 }],
      });
      expect(without.channels.active).toEqual([]);
      expect(without.suggestions.map((s) => s.id)).not.toContain('busy');
    } finally {
      await dispose();
    }
  });
});
