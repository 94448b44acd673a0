// The behavioural contract of the GraphStore port. Every adapter's spec is a few lines calling
// runGraphStoreContract; the cases live here once. Data is isolated by unique ids and names
// (never by wiping), so the suite can run against a shared Neo4j.
import { DomainError, DomainErrorCode } from '../../src/common/errors/domain-error';
import { parsePlace } from '../../src/graph-file/graph-file';
import type { GraphStore } from '../../src/graph/graph-store.port';
import type { GraphBatch, OrganizationProfile } from '../../src/graph/graph.types';
import { aRelationship, anOrganization, T0, uniqueToken } from '../support/factories';

export interface StoreHandle {
  store: GraphStore;
  dispose(): Promise<void>;
}

async function expectDomainError(
  promise: Promise<unknown>,
  code: DomainErrorCode,
  field?: string,
): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.code).toBe(code);
  if (field !== undefined) expect(domain.field).toBe(field);
  return domain;
}

export function runGraphStoreContract(name: string, open: () => Promise<StoreHandle>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: GraphStore;
    let u: string; // unique token of the test
    const id = (suffix: string): string => `${u}-${suffix}`;

    beforeEach(async () => {
      handle = await open();
      store = handle.store;
      u = uniqueToken();
    });
    afterEach(async () => {
      await handle.dispose();
    });

    describe('organisations', () => {
      it('creates an organisation with normalised facets and reads it back', async () => {
        const created = await store.createOrganization(
          anOrganization({
            id: id('a'),
            name: `Alpha ${u}`,
            kind: 'LAB',
            description: 'Battery materials research',
            aliases: ['Alpha Lab'],
            founded: 2006,
            strategicEnterprise: true,
            sectors: [`Energy storage ${u}`, `energy-storage-${u}`, `AI ${u}`],
            offers: ['Materials modelling', 'materials  modelling'],
            needs: ['Funding'],
            locations: [
              { name: `Site ${u}`, kind: 'SITE', within: { name: `City ${u}`, kind: 'CITY' } },
            ],
            markets: [`Country ${u}`],
          }),
        );
        expect(created.id).toBe(id('a'));
        expect(created.sectors.map((s) => s.id)).toEqual([`ai-${u}`, `energy-storage-${u}`]);
        expect(created.sectors.find((s) => s.id === `energy-storage-${u}`)?.name).toBe(
          `Energy storage ${u}`,
        );
        expect(created.offers).toEqual([
          { id: 'materials-modelling', name: 'Materials modelling' },
        ]);
        expect(created.needs).toEqual([{ id: 'funding', name: 'Funding' }]);
        expect(created.locations).toEqual([
          { id: `site-${u}`, name: `Site ${u}`, kind: 'SITE', withinId: `city-${u}` },
        ]);
        expect(created.markets).toEqual([
          { id: `country-${u}`, name: `Country ${u}`, kind: 'CITY', withinId: null },
        ]);
        expect(created.founded).toBe(2006);
        expect(created.strategicEnterprise).toBe(true);
        expect(created.createdAt).toBe(T0);

        const read = (await store.getOrganizations([id('a'), id('missing')])).get(id('a'));
        expect(read).toEqual(created);
        expect(await store.existingIds([id('a'), id('missing')])).toEqual(new Set([id('a')]));
        expect(await store.isEmpty()).toBe(false);
        const places = await store.getPlaces([`site-${u}`, `city-${u}`]);
        expect(places.get(`city-${u}`)).toEqual({
          id: `city-${u}`,
          name: `City ${u}`,
          kind: 'CITY',
          withinId: null,
        });
      });

      it('refuses a duplicate id with CONFLICT and writes nothing', async () => {
        await store.createOrganization(anOrganization({ id: id('dup'), name: 'First' }));
        await expectDomainError(
          store.createOrganization(
            anOrganization({ id: id('dup'), name: 'Second', sectors: [`S ${u}`] }),
          ),
          DomainErrorCode.CONFLICT,
        );
        const read = (await store.getOrganizations([id('dup')])).get(id('dup'));
        expect(read?.name).toBe('First');
        expect((await store.sectorCounts([`s-${u}`])).get(`s-${u}`)).toBe(0);
      });

      it('updates only the given fields; a given list replaces the old one', async () => {
        await store.createOrganization(
          anOrganization({
            id: id('u'),
            name: 'Before',
            description: 'keep me',
            sectors: [`A ${u}`, `B ${u}`],
            offers: ['x'],
          }),
        );
        const updated = await store.updateOrganization(id('u'), {
          name: 'After',
          sectors: [{ id: `c-${u}`, name: `C ${u}` }],
          founded: 1999,
          updatedAt: '2026-02-02T00:00:00.000Z',
        });
        expect(updated.name).toBe('After');
        expect(updated.description).toBe('keep me');
        expect(updated.offers.map((o) => o.id)).toEqual(['x']);
        expect(updated.sectors.map((s) => s.id)).toEqual([`c-${u}`]);
        expect(updated.founded).toBe(1999);
        expect(updated.createdAt).toBe(T0);
        expect(updated.updatedAt).toBe('2026-02-02T00:00:00.000Z');
        expect((await store.sectorCounts([`a-${u}`, `c-${u}`])).get(`a-${u}`)).toBe(0);
        const cleared = await store.updateOrganization(id('u'), {
          description: null,
          updatedAt: T0,
        });
        expect(cleared.description).toBeNull();
        await expectDomainError(
          store.updateOrganization(id('nope'), { name: 'x', updatedAt: T0 }),
          DomainErrorCode.NOT_FOUND,
          'id',
        );
      });

      it('deletes an organisation with its relationships', async () => {
        await store.createOrganization(anOrganization({ id: id('d1') }));
        await store.createOrganization(anOrganization({ id: id('d2') }));
        await store.connect(aRelationship({ from: id('d1'), to: id('d2') }));
        expect(await store.deleteOrganization(id('d1'))).toBe(true);
        expect(await store.deleteOrganization(id('d1'))).toBe(false);
        expect((await store.getOrganizations([id('d1')])).size).toBe(0);
        expect((await store.relationshipsOf([id('d2')], null)).get(id('d2'))).toEqual([]);
      });
    });

    describe('relationships', () => {
      beforeEach(async () => {
        for (const s of ['a', 'b', 'c'])
          await store.createOrganization(anOrganization({ id: id(s) }));
      });

      it('connects, lists both directions in (type, from, to) order, and filters by type', async () => {
        await store.connect(
          aRelationship({
            from: id('a'),
            to: id('b'),
            type: 'FUNDS',
            since: 2020,
            source: 'article',
          }),
        );
        await store.connect(
          aRelationship({ from: id('c'), to: id('a'), type: 'COLLABORATES_WITH' }),
        );
        await store.connect(
          aRelationship({ from: id('a'), to: id('c'), type: 'SUPPLIES', description: 'trucks' }),
        );
        const rels = await store.relationshipsOf([id('a'), id('b')], null);
        expect(rels.get(id('a'))).toEqual([
          {
            from: id('c'),
            to: id('a'),
            type: 'COLLABORATES_WITH',
            since: null,
            description: null,
            source: null,
          },
          {
            from: id('a'),
            to: id('b'),
            type: 'FUNDS',
            since: 2020,
            description: null,
            source: 'article',
          },
          {
            from: id('a'),
            to: id('c'),
            type: 'SUPPLIES',
            since: null,
            description: 'trucks',
            source: null,
          },
        ]);
        expect(rels.get(id('b'))?.map((r) => r.type)).toEqual(['FUNDS']);
        const funds = await store.relationshipsOf([id('a')], 'FUNDS');
        expect(funds.get(id('a'))?.map((r) => r.to)).toEqual([id('b')]);
      });

      it('names the missing end with NOT_FOUND', async () => {
        await expectDomainError(
          store.connect(aRelationship({ from: id('ghost'), to: id('a') })),
          DomainErrorCode.NOT_FOUND,
          'input.fromId',
        );
        await expectDomainError(
          store.connect(aRelationship({ from: id('a'), to: id('ghost') })),
          DomainErrorCode.NOT_FOUND,
          'input.toId',
        );
      });

      it('refuses duplicates, including a symmetric one the other way round', async () => {
        await store.connect(
          aRelationship({ from: id('a'), to: id('b'), type: 'COLLABORATES_WITH' }),
        );
        await expectDomainError(
          store.connect(aRelationship({ from: id('a'), to: id('b'), type: 'COLLABORATES_WITH' })),
          DomainErrorCode.BAD_USER_INPUT,
          'input.type',
        );
        await expectDomainError(
          store.connect(aRelationship({ from: id('b'), to: id('a'), type: 'COLLABORATES_WITH' })),
          DomainErrorCode.BAD_USER_INPUT,
          'input.type',
        );
        // Directed types may go both ways.
        await store.connect(aRelationship({ from: id('a'), to: id('b'), type: 'FUNDS' }));
        await store.connect(aRelationship({ from: id('b'), to: id('a'), type: 'FUNDS' }));
        expect((await store.relationshipsOf([id('a')], null)).get(id('a'))).toHaveLength(3);
      });

      it('disconnects; symmetric types match either direction', async () => {
        await store.connect(
          aRelationship({ from: id('a'), to: id('b'), type: 'COLLABORATES_WITH' }),
        );
        await store.connect(aRelationship({ from: id('a'), to: id('c'), type: 'FUNDS' }));
        expect(
          await store.disconnect({ from: id('b'), to: id('a'), type: 'COLLABORATES_WITH' }),
        ).toBe(true);
        expect(await store.disconnect({ from: id('c'), to: id('a'), type: 'FUNDS' })).toBe(false);
        expect(await store.disconnect({ from: id('a'), to: id('c'), type: 'FUNDS' })).toBe(true);
        expect(await store.disconnect({ from: id('a'), to: id('c'), type: 'FUNDS' })).toBe(false);
        expect((await store.relationshipsOf([id('a')], null)).get(id('a'))).toEqual([]);
      });
    });

    describe('bulk upsert', () => {
      const batch = (): GraphBatch => ({
        places: [
          parsePlace({
            name: `Park ${u}`,
            kind: 'SITE',
            within: { name: `Town ${u}`, kind: 'CITY' },
          }),
        ],
        organizations: [
          anOrganization({
            id: id('p'),
            name: `Pine ${u}`,
            sectors: [`Logistics ${u}`],
            locations: [`Park ${u}`],
          }),
          anOrganization({
            id: id('q'),
            name: `Quill ${u}`,
            kind: 'CLIENT',
            needs: ['autonomous trucks'],
          }),
        ],
        relationships: [
          aRelationship({ from: id('p'), to: id('q'), type: 'SUPPLIES', since: 2021 }),
          aRelationship({ from: id('q'), to: id('p'), type: 'COLLABORATES_WITH' }),
        ],
      });

      it('is idempotent: the second import changes nothing', async () => {
        const first = await store.upsertBatch(batch());
        expect(first.organizations).toBe(2);
        const snapshot = async (): Promise<[OrganizationProfile[], unknown]> => [
          [...(await store.getOrganizations([id('p'), id('q')])).values()],
          await store.relationshipsOf([id('p')], null),
        ];
        const before = await snapshot();
        await store.upsertBatch({
          ...batch(),
          organizations: batch().organizations.map((o) => ({
            ...o,
            createdAt: '2030-01-01T00:00:00.000Z',
            updatedAt: '2030-01-01T00:00:00.000Z',
          })),
        });
        expect(await snapshot()).toEqual(before);
        const [profiles] = before;
        expect(profiles[0]?.locations[0]).toEqual({
          id: `park-${u}`,
          name: `Park ${u}`,
          kind: 'SITE',
          withinId: `town-${u}`,
        });
        expect((await store.relationshipsOf([id('p')], null)).get(id('p'))).toHaveLength(2);
      });

      it('merges a symmetric relationship given the other way round', async () => {
        await store.upsertBatch(batch());
        await store.upsertBatch({
          places: [],
          organizations: [],
          relationships: [
            aRelationship({
              from: id('p'),
              to: id('q'),
              type: 'COLLABORATES_WITH',
              source: 'second',
            }),
          ],
        });
        const rels = (await store.relationshipsOf([id('p')], 'COLLABORATES_WITH')).get(id('p'));
        expect(rels).toHaveLength(1);
        expect(rels?.[0]?.source).toBe('second');
      });

      it('replaces an organisation whole, keeping its creation time', async () => {
        await store.upsertBatch(batch());
        const replaced = anOrganization(
          { id: id('p'), name: `Pine renamed ${u}` },
          '2031-01-01T00:00:00.000Z',
        );
        await store.upsertBatch({ places: [], organizations: [replaced], relationships: [] });
        const p = (await store.getOrganizations([id('p')])).get(id('p'));
        expect(p?.name).toBe(`Pine renamed ${u}`);
        expect(p?.sectors).toEqual([]);
        expect(p?.locations).toEqual([]);
        expect(p?.createdAt).toBe(T0);
      });

      it('exports what it holds in the graph file shape', async () => {
        await store.upsertBatch(batch());
        const orgs = [];
        const rels = [];
        const places = [];
        for await (const page of store.exportGraph(1)) {
          expect(
            page.places.length + page.organizations.length + page.relationships.length,
          ).toBeLessThanOrEqual(1);
          places.push(...page.places);
          orgs.push(...page.organizations);
          rels.push(...page.relationships);
        }
        const mine = orgs.filter((o) => o.id.startsWith(u));
        expect(mine.map((o) => o.id)).toEqual([id('p'), id('q')]);
        expect(mine[0]?.locations).toEqual([
          { id: `park-${u}`, name: `Park ${u}`, kind: 'SITE', within: null },
        ]);
        expect(places.find((p) => p.id === `park-${u}`)?.within?.id).toBe(`town-${u}`);
        expect(rels.filter((r) => r.from.startsWith(u))).toHaveLength(2);
        // Re-importing the export changes nothing.
        const before = await store.getOrganizations([id('p'), id('q')]);
        await store.upsertBatch({
          places,
          organizations: mine,
          relationships: rels.filter((r) => r.from.startsWith(u)),
        });
        expect(await store.getOrganizations([id('p'), id('q')])).toEqual(before);
      });
    });

    describe('search and listing', () => {
      beforeEach(async () => {
        const orgs = [
          anOrganization({
            id: id('polyu'),
            name: `Hong Kong Polytechnic University ${u}`,
            kind: 'UNIVERSITY',
            aliases: [`PolyU${u}`],
            sectors: [`Edu ${u}`],
          }),
          anOrganization({
            id: id('poly2'),
            name: `Polymer Works ${u}`,
            kind: 'ENTERPRISE',
            sectors: [`Chem ${u}`],
          }),
          anOrganization({
            id: id('desc'),
            name: `Harbour Lab ${u}`,
            kind: 'LAB',
            description: `Works with polytechnic students ${u}`,
            sectors: [`Edu ${u}`],
          }),
          anOrganization({ id: id('other'), name: `Unrelated ${u}`, kind: 'CLIENT' }),
        ];
        await store.upsertBatch({ places: [], organizations: orgs, relationships: [] });
      });

      const search = async (
        text: string,
        extra: Partial<Parameters<GraphStore['findOrganizations']>[0]> = {},
      ) =>
        store.findOrganizations({
          search: text,
          kinds: null,
          sectorIds: null,
          first: 20,
          after: null,
          ...extra,
        });

      it('finds by name, alias and description, every term as a prefix', async () => {
        expect((await search(`polytechnic ${u}`)).items.map((o) => o.id)).toEqual([
          id('polyu'),
          id('desc'),
        ]);
        expect((await search(`PolyU${u}`)).items.map((o) => o.id)).toEqual([id('polyu')]);
        expect((await search(`poly ${u}`)).items.map((o) => o.id)).toEqual([
          id('polyu'),
          id('poly2'),
          id('desc'),
        ]);
        expect((await search(`harbour polytechnic ${u}`)).items.map((o) => o.id)).toEqual([
          id('desc'),
        ]);
        expect((await search(`nothing-like-this ${u}`)).totalCount).toBe(0);
      });

      it('ranks an exact name first, then name hits, then description hits', async () => {
        const page = await search(`Polymer Works ${u}`);
        expect(page.items.map((o) => o.id)).toEqual([id('poly2')]);
        const poly = await search(`${u} poly`);
        expect(poly.items[poly.items.length - 1]?.id).toBe(id('desc'));
      });

      it('filters by kinds and sectors', async () => {
        expect((await search(u, { kinds: ['LAB', 'UNIVERSITY'] })).items.map((o) => o.id)).toEqual([
          id('desc'),
          id('polyu'),
        ]);
        expect((await search(u, { sectorIds: [`edu-${u}`, `chem-${u}`] })).totalCount).toBe(3);
        expect((await search(u, { kinds: ['CLIENT'], sectorIds: [`edu-${u}`] })).totalCount).toBe(
          0,
        );
      });

      it('pages with keyset cursors: every match once, in order', async () => {
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 10; i++) {
          const page = await search(u, { first: 1, after });
          expect(page.totalCount).toBe(4);
          seen.push(...page.items.map((o) => o.id));
          after = page.cursors[page.cursors.length - 1] ?? null;
          if (!page.hasNextPage) break;
        }
        expect(seen).toEqual((await search(u)).items.map((o) => o.id));
        expect(new Set(seen).size).toBe(4);
      });

      it('lists without a search by name, then id', async () => {
        const page = await store.findOrganizations({
          search: null,
          kinds: null,
          sectorIds: [`edu-${u}`, `chem-${u}`],
          first: 2,
          after: null,
        });
        expect(page.totalCount).toBe(3);
        expect(page.items.map((o) => o.id)).toEqual([id('desc'), id('polyu')]);
        expect(page.hasNextPage).toBe(true);
        const next = await store.findOrganizations({
          search: null,
          kinds: null,
          sectorIds: [`edu-${u}`, `chem-${u}`],
          first: 2,
          after: page.cursors[1] ?? null,
        });
        expect(next.items.map((o) => o.id)).toEqual([id('poly2')]);
        expect(next.hasNextPage).toBe(false);
      });

      it('rejects a malformed cursor with BAD_USER_INPUT', async () => {
        await expectDomainError(
          search(u, { after: 'not-a-cursor' }),
          DomainErrorCode.BAD_USER_INPUT,
          'after',
        );
      });

      it('treats query syntax as plain text', async () => {
        for (const hostile of [
          '"',
          '*',
          'AND',
          'OR NOT',
          '\\',
          '(',
          'a:b',
          '~1',
          '/regex/',
          "' OR 1=1 --",
          '香港',
        ]) {
          const page = await search(`${hostile} ${u}`);
          expect(page.totalCount).toBeGreaterThanOrEqual(0);
        }
        expect((await search(`"${u}" OR *`)).totalCount).toBe(0);
      });
    });

    describe('sectors and stats', () => {
      it('counts sectors and kinds and finds the top connectors', async () => {
        const before = await store.stats(100);
        await store.upsertBatch({
          places: [],
          organizations: [
            anOrganization({ id: id('hub'), kind: 'GOVERNMENT', sectors: [`Policy ${u}`] }),
            anOrganization({ id: id('s1'), kind: 'LAB', sectors: [`Policy ${u}`, `Bio ${u}`] }),
            anOrganization({ id: id('s2'), kind: 'LAB' }),
          ],
          relationships: [
            aRelationship({ from: id('hub'), to: id('s1'), type: 'SUPPORTS' }),
            aRelationship({ from: id('hub'), to: id('s2'), type: 'SUPPORTS' }),
          ],
        });
        const after = await store.stats(100);
        expect(after.organizationCount - before.organizationCount).toBe(3);
        expect(after.relationshipCount - before.relationshipCount).toBe(2);
        const kind = (s: typeof after, k: string) => s.byKind.find((x) => x.kind === k)?.count ?? 0;
        expect(kind(after, 'LAB') - kind(before, 'LAB')).toBe(2);
        expect(after.bySector.find((s) => s.id === `policy-${u}`)?.organizationCount).toBe(2);
        for (const list of [
          after.byKind.map((k) => k.count),
          after.bySector.map((s) => s.organizationCount),
          after.topConnectors.map((c) => c.degree),
        ]) {
          expect([...list].sort((a, b) => b - a)).toEqual(list);
        }
        expect(after.topConnectors.every((c) => c.degree >= 1)).toBe(true);
        const hub = after.topConnectors.find((c) => c.id === id('hub'));
        if (hub) expect(hub.degree).toBe(2);
        const sectors = await store.listSectors();
        const mine = sectors.filter((s) => s.id.endsWith(u));
        expect(mine).toEqual([
          { id: `bio-${u}`, name: `Bio ${u}`, organizationCount: 1 },
          { id: `policy-${u}`, name: `Policy ${u}`, organizationCount: 2 },
        ]);
        expect(await store.sectorCounts([`policy-${u}`, `none-${u}`])).toEqual(
          new Map([
            [`policy-${u}`, 2],
            [`none-${u}`, 0],
          ]),
        );
      });
    });

    it('reports health', async () => {
      expect((await store.health()).ok).toBe(true);
    });
  });
}
