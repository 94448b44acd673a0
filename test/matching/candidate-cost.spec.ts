// The cost of a match query grows with its candidates, not with the graph: adding a large region
// of unrelated organisations changes neither the candidates scored nor the store calls made.
import type { OrganizationWrite, Relationship } from '../../src/graph/graph.types';
import { type MatchRequest, MatchingService } from '../../src/matching/matching.service';
import { DEFAULT_LIMITS } from '../../src/matching/matching.config';
import { countingStore } from '../support/app';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore } from '../support/temporary-store';

function cluster(): { organizations: OrganizationWrite[]; relationships: Relationship[] } {
  const organizations = Array.from({ length: 30 }, (_, i) =>
    anOrganization({
      id: `c${i}`,
      name: `Cluster ${i}`,
      kind: i % 3 === 0 ? 'LAB' : 'ENTERPRISE',
      sectors: ['Battery storage', i % 2 ? 'Grid services' : 'Materials'],
      offers: [i % 3 === 0 ? 'electrolyte characterisation' : 'battery pack assembly'],
      needs: i % 3 === 0 ? [] : ['electrolyte testing'],
      description: 'Works on lithium electrolyte chemistry for storage cells',
      locations: ['Harbour Park'],
    }),
  );
  const relationships = organizations
    .slice(1)
    .map((o, i) => aRelationship({ from: `c${i}`, to: o.id, type: 'COLLABORATES_WITH' }));
  return { organizations, relationships };
}

/** A region sharing nothing with the cluster: other sectors, words, places and partners. */
function unrelated(n: number): {
  organizations: OrganizationWrite[];
  relationships: Relationship[];
} {
  const organizations = Array.from({ length: n }, (_, i) =>
    anOrganization({
      id: `u${i}`,
      name: `Unrelated ${i}`,
      kind: 'ENTERPRISE',
      sectors: [`Fashion ${i % 7}`],
      offers: [`couture tailoring ${i % 11}`],
      needs: [`fabric sourcing ${i % 13}`],
      description: `Designs garments and textiles collection ${i % 17}`,
      locations: [`Mall ${i % 5}`],
    }),
  );
  const relationships = organizations
    .slice(1)
    .map((o, i) => aRelationship({ from: `u${Math.floor(i / 3)}`, to: o.id, type: 'SUPPLIES' }));
  return { organizations, relationships };
}

async function measure(
  unrelatedSize: number,
  weights?: MatchRequest['weights'],
): Promise<{ candidates: number; calls: number; learningCalls: number; ids: string[] }> {
  const a = cluster();
  const b = unrelated(unrelatedSize);
  const { store, dispose } = await temporaryStore({
    organizations: [...a.organizations, ...b.organizations],
    relationships: [...a.relationships, ...b.relationships],
  });
  try {
    const counts = new Map<string, number>();
    // Link-type strengths are learned from the whole graph (a bounded sample, see below), so the
    // region would change them: the query's own cost is measured with the fixed table. So are
    // the signal weights (a fit's queries run in the background): measured with the defaults.
    const matching = new MatchingService(countingStore(store, counts), undefined, {
      learnLinkTypes: false,
      learnWeights: false,
    });
    const result = await matching.suggest({ organizationId: 'c1', first: 100, weights });
    const calls = [...counts.values()].reduce((x, y) => x + y, 0);
    counts.clear();
    await new MatchingService(countingStore(store, counts), undefined, {
      learnWeights: false,
    }).linkTypeStrengths();
    return {
      candidates: result.candidateCount,
      calls,
      learningCalls: [...counts.values()].reduce((x, y) => x + y, 0),
      ids: result.suggestions.map((s) => s.id),
    };
  } finally {
    await dispose();
  }
}

describe('match query cost', () => {
  it('does not scan an unrelated region of the graph', async () => {
    // Without the ACTIVITY signal, no candidate comes from the region.
    const noActivity = [{ kind: 'ACTIVITY' as const, weight: 0 }];
    const small = await measure(100, noActivity);
    const large = await measure(5000, noActivity);
    expect(small.candidates).toBeGreaterThan(0);
    expect(large.candidates).toBe(small.candidates);
    expect(large.calls).toBe(small.calls);
    expect(large.ids).toEqual(small.ids);
    expect(large.ids.every((id) => id.startsWith('c'))).toBe(true);
  });

  it('takes at most activeCap of the most connected organisations from the region', async () => {
    // With ACTIVITY, the ACTIVE channel adds the region's best connected: at most activeCap of
    // them however large the region, with the same store calls.
    const quiet = await measure(5000, [{ kind: 'ACTIVITY', weight: 0 }]);
    const small = await measure(100);
    const large = await measure(5000);
    expect(large.calls).toBe(small.calls);
    expect(large.candidates).toBe(small.candidates);
    expect(large.candidates).toBeGreaterThan(quiet.candidates);
    expect(large.candidates).toBeLessThanOrEqual(quiet.candidates + DEFAULT_LIMITS.activeCap);
    // The cluster's own candidates still lead.
    expect(large.ids.slice(0, 10)).toEqual(quiet.ids.slice(0, 10));
    expect(large.ids.slice(0, 10).every((id) => id.startsWith('c'))).toBe(true);
  });

  it('learns link-type strengths with a bounded number of store calls', async () => {
    // Ids, then the relationships of at most 2,000 sampled centres in pages of 500, then one
    // batch of pairs: never more than 6 calls, however large the graph.
    const small = await measure(100);
    const large = await measure(5000);
    expect(small.learningCalls).toBe(3);
    expect(large.learningCalls).toBe(6);
  });
});
