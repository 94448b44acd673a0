// The strength of each pair of link types is learned from the graph through the store port: wedges
// are sampled, the store says which are closed, and pairs that close less often than Adamic–Adar
// expects count less.
import type { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import type { Relationship } from '../../src/graph/graph.types';
import { pairKey } from '../../src/matching/core/link-strength';
import { sampleWedges } from '../../src/matching/link-type-sampler';
import { MatchingService } from '../../src/matching/matching.service';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore, type TemporaryStore } from '../support/temporary-store';

const range = (n: number, prefix: string): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('learning link-type strengths from the graph', () => {
  let tmp: TemporaryStore;
  let store: EmbeddedGraphStore;
  const supported = range(8, 's');
  const collaborators = range(8, 'c');
  const rels: Relationship[] = [
    // An office supports eight enterprises that never work with each other...
    ...supported.map((s) => aRelationship({ from: 'office', to: s, type: 'SUPPORTS' })),
    // ...while a lab's eight collaborators all work with each other.
    ...collaborators.map((c) => aRelationship({ from: 'lab', to: c })),
    ...collaborators.flatMap((a, i) =>
      collaborators.slice(i + 1).map((b) => aRelationship({ from: a, to: b })),
    ),
  ];

  beforeAll(async () => {
    tmp = await temporaryStore({
      organizations: ['office', 'lab', ...supported, ...collaborators].map((id) =>
        anOrganization({ id }),
      ),
      relationships: rels,
    });
    store = tmp.store;
  });

  afterAll(() => tmp.dispose());

  it('samples wedges deterministically and asks the store which are closed', async () => {
    const sampling = { centres: 100, pairsPerCentre: 5, seed: 3 };
    const a = await sampleWedges(store, sampling);
    expect(await sampleWedges(store, sampling)).toEqual(a);
    // office (8 partners), lab (8), each collaborator (8: the lab and 7 others); the supported
    // enterprises have one partner each and centre no wedge.
    expect(a).toHaveLength(10 * 5);
    const atOffice = a.filter((w) => w.typesA.includes('SUPPORTS'));
    expect(atOffice).toHaveLength(5);
    for (const w of atOffice) {
      expect(w).toEqual({
        centreDegree: 8,
        typesA: ['SUPPORTS'],
        typesB: ['SUPPORTS'],
        closed: false,
      });
    }
    // Around the lab and inside the clique every pair of partners is related, except at a
    // collaborator: the lab and another collaborator are related too. So every other wedge closes.
    expect(a.filter((w) => !w.typesA.includes('SUPPORTS')).every((w) => w.closed)).toBe(true);
  });

  it('discounts a shared supporter below the fixed table and raises shared collaborators', async () => {
    const matching = new MatchingService(store, undefined, { learnWeights: false });
    const model = await matching.linkTypeStrengths();
    expect(model).not.toBeNull();
    const supports = model?.pairs.get(pairKey('SUPPORTS', 'SUPPORTS'));
    const collab = model?.pairs.get(pairKey('COLLABORATES_WITH', 'COLLABORATES_WITH'));
    expect(supports?.observed).toBeGreaterThan(0);
    expect(supports?.strength).toBeLessThan(supports?.prior ?? 0);
    expect(collab?.strength).toBeGreaterThan(collab?.prior ?? Infinity);
    // Learned once, then reused until it is due again.
    expect(await matching.linkTypeStrengths()).toBe(model);
  });

  it('keeps the fixed table when learning is switched off', async () => {
    expect(
      await new MatchingService(store, undefined, {
        learnLinkTypes: false,
        learnWeights: false,
      }).linkTypeStrengths(),
    ).toBeNull();
    expect(
      await new MatchingService(store, undefined, {
        weighLinkTypes: false,
        learnWeights: false,
      }).linkTypeStrengths(),
    ).toBeNull();
  });
});
