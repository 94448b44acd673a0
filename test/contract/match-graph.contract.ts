// Contract of the port's graph work for matching: every adapter must return exactly these
// channels, statistics, neighbourhoods, place chains and paths for the same graph.
import type { GraphStore } from '../../src/graph/graph-store.port';
import type { CandidateQuery } from '../../src/graph/match-graph.types';
import { defaultAnalyzer } from '../../src/matching/text/analyzer';
import { aCandidateQuery, aRelationship, anOrganization, uniqueToken } from '../support/factories';
import type { StoreHandle } from './graph-store.contract';

export function runMatchGraphContract(name: string, open: () => Promise<StoreHandle>): void {
  describe(`GraphStore matching contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: GraphStore;
    let u: string;
    const id = (s: string): string => `${u}-${s}`;
    const analyzer = defaultAnalyzer();

    beforeEach(async () => {
      handle = await open();
      store = handle.store;
      u = uniqueToken();
      // A small ecosystem: s is the source; a..f candidates; hub connects many.
      await store.upsertBatch({
        places: [],
        organizations: [
          anOrganization({
            id: id('s'),
            name: 'Source',
            kind: 'ENTERPRISE',
            sectors: [`Rare ${u}`, `Common ${u}`],
            needs: [`electrolyte${u} ${u} testing${u}`],
            offers: [`cell${u} ${u} assembly${u}`],
            description: `We build ${u}cells and need ${u}electrolyte experiments`,
            locations: [
              {
                name: `Park ${u}`,
                kind: 'SITE',
                within: {
                  name: `Town ${u}`,
                  kind: 'CITY',
                  within: { name: `Land ${u}`, kind: 'COUNTRY' },
                },
              },
            ],
          }),
          anOrganization({
            id: id('a'),
            name: 'A',
            kind: 'LAB',
            sectors: [`Rare ${u}`],
            offers: [`electrolyte${u} ${u} analysis${u}`],
            description: `${u}electrolyte research`,
            locations: [`Park ${u}`],
          }),
          anOrganization({
            id: id('b'),
            name: 'B',
            kind: 'LAB',
            sectors: [`Common ${u}`],
            offers: [`${u} electrolyte${u} ${u} testing${u} services${u}`],
          }),
          anOrganization({
            id: id('c'),
            name: 'C',
            kind: 'CLIENT',
            needs: [`cell${u} ${u} assembly${u}`],
            sectors: [`Common ${u}`],
            locations: [{ name: `Other ${u}`, kind: 'SITE', within: `Town ${u}` }],
          }),
          anOrganization({
            id: id('d'),
            name: 'D',
            kind: 'ENTERPRISE',
            description: `${u}cells ${u}cells`,
          }),
          anOrganization({ id: id('e'), name: 'E', kind: 'ENTERPRISE' }),
          anOrganization({ id: id('f'), name: 'F', kind: 'UNIVERSITY', sectors: [`Rare ${u}`] }),
          anOrganization({ id: id('hub'), name: 'Hub', kind: 'GOVERNMENT' }),
        ],
        relationships: [
          aRelationship({ from: id('s'), to: id('e'), type: 'SUPPLIES' }),
          aRelationship({ from: id('e'), to: id('d'), type: 'COLLABORATES_WITH' }),
          aRelationship({ from: id('hub'), to: id('s'), type: 'SUPPORTS' }),
          aRelationship({ from: id('hub'), to: id('a'), type: 'SUPPORTS' }),
          aRelationship({ from: id('hub'), to: id('b'), type: 'SUPPORTS' }),
          aRelationship({ from: id('hub'), to: id('c'), type: 'FUNDS' }),
          aRelationship({ from: id('hub'), to: id('c'), type: 'SUPPORTS' }),
          aRelationship({ from: id('e'), to: id('c'), type: 'SUPPLIES' }),
        ],
      });
    });
    afterEach(async () => handle.dispose());

    const query = (overrides: Partial<CandidateQuery> = {}): CandidateQuery =>
      aCandidateQuery(id('s'), overrides);
    const terms = (text: string) => analyzer.terms(text);

    it('counts analysed terms across descriptions and capability phrases', async () => {
      const t = terms(`${u}electrolyte`)[0]!;
      const stats = await store.termStats([
        t,
        terms(`${u}cells`)[0]!,
        terms(u)[0]!,
        'zzzz-not-a-term',
      ]);
      expect(stats.organizations).toBeGreaterThanOrEqual(8);
      expect(stats.capabilities).toBeGreaterThanOrEqual(4);
      expect(stats.descriptionDf.get(t)).toBe(2);
      expect(stats.descriptionDf.get('zzzz-not-a-term')).toBe(0);
      expect(stats.capabilityDf.get(terms(u)[0]!)).toBe(4);
    });

    it('ranks sector candidates by the integer weights of shared sectors', async () => {
      const r = await store.matchCandidates(
        query({
          sectors: [
            { key: `rare-${u}`, weight: 700 },
            { key: `common-${u}`, weight: 100 },
          ],
        }),
      );
      expect(r.sector).toEqual([id('a'), id('f'), id('b'), id('c')]);
      // Each channel's integer scores come with it, in the same order.
      expect(r.scores.sector).toEqual([700, 700, 100, 100]);
      const capped = await store.matchCandidates(
        query({ cap: 1, sectors: [{ key: `common-${u}`, weight: 100 }] }),
      );
      expect(capped.sector).toEqual([id('b')]);
    });

    it('finds offers answering needs and needs wanting offers, by shared terms', async () => {
      const need = terms(`electrolyte${u} ${u} testing${u}`).map((k, i) => ({
        key: k,
        weight: 100 + i,
      }));
      const r = await store.matchCandidates(query({ needTerms: need }));
      // b's phrase holds all three terms; a's holds two.
      expect(r.needsAnswered).toEqual([id('b'), id('a')]);
      const [bScore, aScore] = r.scores.needsAnswered;
      expect(bScore).toBe(need.reduce((sum, k) => sum + k.weight, 0));
      expect(aScore).toBeGreaterThan(0);
      expect(aScore).toBeLessThan(bScore!);
      const offer = terms(`cell${u} ${u} assembly${u}`).map((k) => ({ key: k, weight: 10 }));
      expect((await store.matchCandidates(query({ offerTerms: offer }))).offersWanted).toEqual([
        id('c'),
      ]);
      const tooCommon = await store.matchCandidates(
        query({ needTerms: need, maxCapabilityOrganizations: 0 }),
      );
      expect(tooCommon.needsAnswered).toEqual([]);
    });

    it('walks two hops through non-hub neighbours, leaving out existing partners', async () => {
      const r = await store.matchCandidates(query());
      // via e (degree 3): d and c; via hub (degree 5): a, b, c.
      const viaE = Math.floor(1000 / Math.log(3));
      const viaHub = Math.floor(1000 / Math.log(5));
      expect(viaE).toBeGreaterThan(viaHub);
      expect(r.network).toEqual([id('c'), id('d'), id('a'), id('b')]);
      expect(r.scores.network).toEqual([viaE + viaHub, viaE, viaHub, viaHub]);
      const noHubs = await store.matchCandidates(query({ maxHubDegree: 3 }));
      expect(noHubs.network).toEqual([id('c'), id('d')]);
      const withPartners = await store.matchCandidates(
        query({
          filter: { kinds: null, sectorIds: null, placeIds: null, excludeConnected: false },
        }),
      );
      expect(withPartners.network).toContain(id('c'));
      expect(withPartners.network).not.toContain(id('s'));
    });

    it('finds text hits on rare description terms', async () => {
      const r = await store.matchCandidates(
        query({
          textTerms: [
            { key: terms(`${u}cells`)[0]!, weight: 50 },
            { key: terms(`${u}electrolyte`)[0]!, weight: 60 },
          ],
        }),
      );
      expect(r.text).toEqual([id('a'), id('d')]);
      expect(r.scores.text).toEqual([60, 50]);
    });

    it('applies kind, sector and place filters inside every channel', async () => {
      const sectors = [
        { key: `rare-${u}`, weight: 7 },
        { key: `common-${u}`, weight: 1 },
      ];
      const labs = await store.matchCandidates(
        query({
          sectors,
          filter: { kinds: ['LAB'], sectorIds: null, placeIds: null, excludeConnected: true },
        }),
      );
      expect(labs.sector).toEqual([id('a'), id('b')]);
      const inRare = await store.matchCandidates(
        query({
          sectors,
          filter: { kinds: null, sectorIds: [`rare-${u}`], placeIds: null, excludeConnected: true },
        }),
      );
      expect(inRare.sector).toEqual([id('a'), id('f')]);
      const places = await store.placeDescendants([`town-${u}`]);
      expect(places).toEqual(new Set([`town-${u}`, `park-${u}`, `other-${u}`]));
      const inTown = await store.matchCandidates(
        query({
          sectors,
          filter: { kinds: null, sectorIds: null, placeIds: [...places], excludeConnected: true },
        }),
      );
      expect(inTown.sector).toEqual([id('a'), id('c')]);
    });

    it('finds the most connected organisations, by their relationships, and follows writes', async () => {
      // The whole graph's most connected organisations; the filter keeps this test's own.
      const ours = (excludeConnected = true, kinds: CandidateQuery['filter']['kinds'] = null) =>
        query({
          filter: {
            kinds,
            sectorIds: [`rare-${u}`, `common-${u}`],
            placeIds: null,
            excludeConnected,
          },
        });
      // c: hub twice and e; a and b: hub; f: none (not active); s is the source.
      const r = await store.matchCandidates(ours());
      expect(r.active).toEqual([id('c'), id('a'), id('b')]);
      expect(r.scores.active).toEqual([3, 1, 1]);
      expect((await store.matchCandidates({ ...ours(), activeCap: 1 })).active).toEqual([id('c')]);
      expect((await store.matchCandidates({ ...ours(), activeCap: 0 })).active).toEqual([]);
      expect((await store.matchCandidates(ours(true, ['LAB']))).active).toEqual([id('a'), id('b')]);
      await store.connect(aRelationship({ from: id('f'), to: id('b'), type: 'COLLABORATES_WITH' }));
      await store.connect(aRelationship({ from: id('f'), to: id('d'), type: 'COLLABORATES_WITH' }));
      await store.disconnect({ from: id('hub'), to: id('c'), type: 'FUNDS' });
      const after = await store.matchCandidates(ours());
      expect(after.active).toEqual([id('b'), id('c'), id('f'), id('a')]);
      expect(after.scores.active).toEqual([2, 2, 2, 1]);
      // Deleting an organisation takes it out, and its partners lose a relationship each.
      await store.deleteOrganization(id('f'));
      const deleted = await store.matchCandidates(ours());
      expect(deleted.active).toEqual([id('c'), id('a'), id('b')]);
      expect(deleted.scores.active).toEqual([2, 1, 1]);
      // The source's partners are candidates only when asked for.
      const withPartners = await store.matchCandidates(
        query({
          filter: {
            kinds: ['ENTERPRISE', 'GOVERNMENT'],
            sectorIds: null,
            placeIds: null,
            excludeConnected: false,
          },
          activeCap: 100_000,
        }),
      );
      expect(withPartners.active.filter((x) => x.startsWith(`${u}-`))).toEqual([
        id('hub'),
        id('e'),
        id('d'),
      ]);
    });

    it('lists neighbours with degrees and common neighbours', async () => {
      expect(await store.neighbours(id('s'))).toEqual([
        { id: id('e'), name: 'E', degree: 3 },
        { id: id('hub'), name: 'Hub', degree: 5 },
      ]);
      const common = await store.commonNeighbours(id('s'), [
        id('c'),
        id('a'),
        id('f'),
        id('nobody'),
        id('c'),
      ]);
      // Every requested id once, an unknown one with no common neighbours.
      expect([...common.keys()].sort()).toEqual([id('a'), id('c'), id('f'), id('nobody')].sort());
      expect(common.get(id('nobody'))).toEqual([]);
      expect(common.get(id('c'))).toEqual([
        { id: id('e'), types: ['SUPPLIES'] },
        { id: id('hub'), types: ['FUNDS', 'SUPPORTS'] },
      ]);
      expect(common.get(id('a'))).toEqual([{ id: id('hub'), types: ['SUPPORTS'] }]);
      expect(common.get(id('f'))).toEqual([]);
    });

    it('answers neighbours, common neighbours and degrees as the graph stood at the start of a year', async () => {
      // Years on top of the fixture's relationships, which have none and so always count.
      await store.upsertBatch({
        places: [],
        organizations: [],
        relationships: [
          aRelationship({ from: id('s'), to: id('d'), type: 'COLLABORATES_WITH', since: 2015 }),
          aRelationship({ from: id('d'), to: id('a'), type: 'SUPPLIES', since: 2020 }),
          aRelationship({ from: id('s'), to: id('f'), type: 'COLLABORATES_WITH', since: 2020 }),
          aRelationship({ from: id('f'), to: id('c'), type: 'FUNDS', since: 2019 }),
        ],
      });
      // Before 2020: s–f (2020) and d–a (2020) do not count yet, s–d (2015) and f–c (2019) do.
      expect(await store.neighbours(id('s'), 2020)).toEqual([
        { id: id('d'), name: 'D', degree: 2 },
        { id: id('e'), name: 'E', degree: 3 },
        { id: id('hub'), name: 'Hub', degree: 5 },
      ]);
      expect((await store.neighbours(id('s'), 2015)).map((n) => n.id)).toEqual([
        id('e'),
        id('hub'),
      ]);
      expect((await store.neighbours(id('s'))).map((n) => [n.id, n.degree])).toEqual([
        [id('d'), 3],
        [id('e'), 3],
        [id('f'), 2],
        [id('hub'), 5],
      ]);

      const then = await store.commonNeighbours(id('s'), [id('a'), id('c'), id('f')], 2020);
      expect(then.get(id('a'))).toEqual([{ id: id('hub'), types: ['SUPPORTS'] }]);
      expect(then.get(id('c'))).toEqual([
        { id: id('e'), types: ['SUPPLIES'] },
        { id: id('hub'), types: ['FUNDS', 'SUPPORTS'] },
      ]);
      expect(then.get(id('f'))).toEqual([]);
      const now = await store.commonNeighbours(id('s'), [id('a'), id('c')]);
      expect(now.get(id('a'))).toEqual([
        { id: id('d'), types: ['SUPPLIES'] },
        { id: id('hub'), types: ['SUPPORTS'] },
      ]);
      expect(now.get(id('c'))?.map((z) => [z.id, z.types])).toEqual([
        [id('e'), ['SUPPLIES']],
        [id('f'), ['FUNDS']],
        [id('hub'), ['FUNDS', 'SUPPORTS']],
      ]);

      // The NETWORK channel walks the same graph, and leaves out the partners of then.
      const w = (degree: number) => Math.floor(1000 / Math.log(degree));
      const walkThen = await store.matchCandidates(query({ formedBefore: 2020, activeCap: 0 }));
      // Through d (2), e (3) and hub (5); nothing through f, and not a through d (d–a is 2020).
      expect(walkThen.network).toEqual([id('c'), id('a'), id('b')]);
      expect(walkThen.scores.network).toEqual([w(3) + w(5), w(5), w(5)]);
      const walkNow = await store.matchCandidates(query({ activeCap: 0 }));
      // Through d (3), e (3), f (2) and hub (5); f is a partner now, so left out.
      expect(walkNow.network).toEqual([id('c'), id('a'), id('b')]);
      expect(walkNow.scores.network).toEqual([w(3) + w(2) + w(5), w(3) + w(5), w(5)]);

      const ids = [id('s'), id('d'), id('f'), id('nobody')];
      expect(await store.degrees(ids, 2020)).toEqual(
        new Map([
          [id('s'), 3],
          [id('d'), 2],
          [id('f'), 1],
          [id('nobody'), 0],
        ]),
      );
      expect(await store.degrees(ids)).toEqual(
        new Map([
          [id('s'), 4],
          [id('d'), 3],
          [id('f'), 2],
          [id('nobody'), 0],
        ]),
      );
    });

    it('tells which pairs are related, either way round, in the order asked', async () => {
      expect(
        await store.linkedPairs([
          [id('s'), id('e')],
          [id('e'), id('s')],
          [id('s'), id('c')],
          [id('s'), id('s')],
          [id('s'), id('nobody')],
          [id('c'), id('hub')],
          [id('s'), id('e')],
        ]),
      ).toEqual([true, true, false, false, false, true, true]);
      expect(await store.linkedPairs([])).toEqual([]);
    });

    it('counts the relationships of each organisation, as neighbours count them', async () => {
      const around = await store.neighbours(id('s'));
      const d = await store.degrees([...around.map((n) => n.id), id('s'), id('nobody')]);
      for (const n of around) expect(d.get(n.id)).toBe(n.degree);
      expect(d.get(id('s'))).toBe(
        (await store.relationshipsOf([id('s')], null)).get(id('s'))?.length,
      );
      expect(d.get(id('nobody'))).toBe(0);
      expect(await store.degrees([])).toEqual(new Map());
    });

    it('walks place chains upwards', async () => {
      const chains = await store.placeAncestors([`park-${u}`, `land-${u}`, `nowhere-${u}`]);
      expect(chains.get(`park-${u}`)?.map((p) => [p.id, p.kind])).toEqual([
        [`park-${u}`, 'SITE'],
        [`town-${u}`, 'CITY'],
        [`land-${u}`, 'COUNTRY'],
      ]);
      expect(chains.get(`land-${u}`)?.map((p) => p.id)).toEqual([`land-${u}`]);
      expect(chains.get(`nowhere-${u}`) ?? []).toEqual([]);
    });

    it('finds every shortest path, in id order, with all links of each hop', async () => {
      const p = await store.paths(id('s'), id('c'), 3, 10);
      expect(p.map((x) => x.organizationIds)).toEqual([
        [id('s'), id('e'), id('c')],
        [id('s'), id('hub'), id('c')],
      ]);
      expect(p[1]?.relationships.map((r) => r.type)).toEqual(['SUPPORTS', 'FUNDS', 'SUPPORTS']);
      expect(await store.paths(id('s'), id('c'), 1, 10)).toEqual([]);
      expect((await store.paths(id('s'), id('c'), 3, 1)).map((x) => x.organizationIds)).toEqual([
        [id('s'), id('e'), id('c')],
      ]);
      expect(
        (await store.paths(id('d'), id('a'), 4, 10)).map((x) => x.organizationIds.length),
      ).toEqual([5, 5]);
      expect(await store.paths(id('s'), id('f'), 4, 10)).toEqual([]);
    });
  });
}
