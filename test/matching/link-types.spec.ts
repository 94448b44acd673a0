// A mutual connection counts by its degree and, by default, by the types of its two links: a shared
// supporter says less than a shared collaborator. The evaluation can switch the types off.
import type { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { LINK_STRENGTH } from '../../src/matching/core/paths';
import { MatchingService } from '../../src/matching/matching.service';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore, type TemporaryStore } from '../support/temporary-store';

describe('link types in the network signal', () => {
  let tmp: TemporaryStore;
  let store: EmbeddedGraphStore;

  beforeAll(async () => {
    tmp = await temporaryStore({
      organizations: ['s', 'c', 'office'].map((id) => anOrganization({ id })),
      relationships: [
        aRelationship({ from: 'office', to: 's', type: 'SUPPORTS' }),
        aRelationship({ from: 'office', to: 'c', type: 'SUPPORTS' }),
      ],
    });
    store = tmp.store;
  });

  afterAll(() => tmp.dispose());

  const networkOf = async (matching: MatchingService): Promise<number | undefined> => {
    const r = await matching.suggest({ organizationId: 's', first: 5 });
    const c = r.suggestions.find((x) => x.id === 'c');
    return c?.signals.find((x) => x.kind === 'NETWORK')?.value;
  };

  it('weighs a shared supporter by its two SUPPORTS links by default', async () => {
    const strength = LINK_STRENGTH.SUPPORTS * LINK_STRENGTH.SUPPORTS;
    expect(
      await networkOf(new MatchingService(store, undefined, { learnWeights: false })),
    ).toBeCloseTo(1 - Math.exp(-strength / Math.log(2)), 12);
  });

  it('counts it by its degree alone when link types are switched off', async () => {
    expect(
      await networkOf(
        new MatchingService(store, undefined, { weighLinkTypes: false, learnWeights: false }),
      ),
    ).toBeCloseTo(1 - Math.exp(-1 / Math.log(2)), 12);
  });
});
