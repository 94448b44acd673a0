// A mutual connection counts by its degree and, by default, by the types of its two links: a shared
// supporter says less than a shared collaborator. The evaluation can switch the types off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { LINK_STRENGTH } from '../../src/matching/core/paths';
import { MatchingService } from '../../src/matching/matching.service';
import { aRelationship, anOrganization } from '../support/factories';

describe('link types in the network signal', () => {
  let dataDir: string;
  let store: EmbeddedGraphStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'link-types-'));
    store = new EmbeddedGraphStore({ dataDir });
    await store.init();
    await store.upsertBatch({
      places: [],
      organizations: ['s', 'c', 'office'].map((id) => anOrganization({ id })),
      relationships: [
        aRelationship({ from: 'office', to: 's', type: 'SUPPORTS' }),
        aRelationship({ from: 'office', to: 'c', type: 'SUPPORTS' }),
      ],
    });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const networkOf = async (matching: MatchingService): Promise<number | undefined> => {
    const r = await matching.suggest({ organizationId: 's', first: 5 });
    const c = r.suggestions.find((x) => x.id === 'c');
    return c?.signals.find((x) => x.kind === 'NETWORK')?.value;
  };

  it('weighs a shared supporter by its two SUPPORTS links by default', async () => {
    const strength = LINK_STRENGTH.SUPPORTS * LINK_STRENGTH.SUPPORTS;
    expect(await networkOf(new MatchingService(store))).toBeCloseTo(
      1 - Math.exp(-strength / Math.log(2)),
      12,
    );
  });

  it('counts it by its degree alone when link types are switched off', async () => {
    expect(
      await networkOf(new MatchingService(store, undefined, { weighLinkTypes: false })),
    ).toBeCloseTo(1 - Math.exp(-1 / Math.log(2)), 12);
  });
});
