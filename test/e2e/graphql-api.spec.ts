// The GraphQL API end to end over real HTTP, on the embedded store loaded with the seed graph.
import { countingStore, startTestApp, TestApp } from '../support/app';

describe('GraphQL API (embedded store, seed graph)', () => {
  let api: TestApp;
  const counts = new Map<string, number>();

  beforeAll(async () => {
    api = await startTestApp({ wrapStore: (s) => countingStore(s, counts) });
  });
  afterAll(async () => {
    await api.close();
  });

  it("serves the article's facts about Gotion", async () => {
    const r = await api.gql<{
      organization: Record<string, unknown> & {
        relationships: { type: string; from: { id: string }; to: { id: string } }[];
      };
    }>(`{
      organization(id: "gotion") {
        name kind founded strategicEnterprise
        sectors { id name organizationCount } offers { name } needs { name }
        locations { id kind within { id } } markets { name }
        relationships { type from { id } to { id } source }
      } }`);
    expect(r.errors).toBeUndefined();
    const o = r.data?.organization;
    expect(o).toMatchObject({
      name: 'Gotion',
      kind: 'ENTERPRISE',
      founded: 2006,
      strategicEnterprise: true,
    });
    expect(JSON.stringify(o)).toContain('hong-kong-science-park');
    expect(JSON.stringify(o)).toContain('battery materials simulation');
    expect(o?.relationships.some((x) => x.to.id === 'hkqai' || x.from.id === 'hkqai')).toBe(true);
    expect(o?.relationships.some((x) => x.from.id === 'oases' && x.type === 'SUPPORTS')).toBe(true);
  });

  it('finds PolyU by its alias and by a word of its name', async () => {
    const q = `query($s: String) { organizations(search: $s, first: 5) { totalCount edges { node { id } } } }`;
    for (const s of ['PolyU', 'polytechnic', 'Hong Kong Polytechnic University']) {
      const r = await api.gql<{ organizations: { edges: { node: { id: string } }[] } }>(q, { s });
      expect(r.data?.organizations.edges[0]?.node.id).toBe('polyu');
    }
  });

  it('pages through organisations with Relay cursors and filters', async () => {
    const q = `query($after: String, $kinds: [OrganizationKind!]) {
      organizations(first: 7, after: $after, kinds: $kinds) {
        totalCount edges { cursor node { id kind } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      organizations: {
        totalCount: number;
        edges: { node: { id: string; kind: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const r: Awaited<ReturnType<typeof api.gql<Page>>> = await api.gql<Page>(q, {
        after,
        kinds: ['UNIVERSITY', 'LAB'],
      });
      expect(r.errors).toBeUndefined();
      const page = r.data!.organizations;
      total = page.totalCount;
      ids.push(...page.edges.map((e) => e.node.id));
      expect(page.edges.every((e) => ['UNIVERSITY', 'LAB'].includes(e.node.kind))).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual(expect.arrayContaining(['polyu', 'hkust', 'cityu', 'hkqai']));
  });

  it('batches nested fields: a page of 50 with sectors and relationships costs a bounded number of store calls', async () => {
    counts.clear();
    const r = await api.gql<{ organizations: { edges: unknown[] } }>(`{
      organizations(first: 50) { edges { node { id sectors { name organizationCount } offers { name }
        locations { name within { name } }
        relationships { type from { name sectors { name } } to { name } } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.organizations.edges).toHaveLength(50);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    // findOrganizations, relationshipsOf, getOrganizations (relationship ends), sectorCounts, getPlaces.
    expect(counts.get('findOrganizations')).toBe(1);
    expect(counts.get('relationshipsOf')).toBe(1);
    expect(counts.get('sectorCounts')).toBe(1);
    expect(total).toBeLessThanOrEqual(6);
  });

  it('lists sectors with counts, including the five OASES industries', async () => {
    const r = await api.gql<{ sectors: { name: string; organizationCount: number }[] }>(
      '{ sectors { id name organizationCount } }',
    );
    const names = r.data!.sectors.map((s) => s.name);
    for (const s of [
      'Advanced manufacturing and new energy technology',
      'AI and data science',
      'Financial technology',
      'Life and health technology',
      'Cultural and creative',
    ]) {
      expect(names).toContain(s);
    }
    expect(r.data!.sectors.every((s) => s.organizationCount >= 0)).toBe(true);
  });

  it('answers ecosystem stats for dashboards', async () => {
    const r = await api.gql<{
      ecosystemStats: {
        organizationCount: number;
        relationshipCount: number;
        byKind: { kind: string; count: number }[];
        topConnectors: { organization: { id: string }; degree: number }[];
      };
    }>(
      '{ ecosystemStats(topConnectors: 3) { organizationCount relationshipCount byKind { kind count } bySector { sector { name } count } topConnectors { organization { id name } degree } } }',
    );
    expect(r.errors).toBeUndefined();
    const s = r.data!.ecosystemStats;
    expect(s.byKind.reduce((a, k) => a + k.count, 0)).toBe(s.organizationCount);
    expect(s.topConnectors).toHaveLength(3);
    expect(s.topConnectors.map((c) => c.organization.id)).toContain('westwell');
  });

  describe('writes and bad input', () => {
    const create = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id name sectors { id } offers { id name } locations { id kind } } }`;
    const code = (r: { errors?: { extensions?: { code?: string } }[] }) =>
      r.errors?.[0]?.extensions?.code;
    const field = (r: { errors?: { extensions?: { field?: string } }[] }) =>
      r.errors?.[0]?.extensions?.field;

    it('creates, normalises facets onto shared nodes, updates, connects, disconnects and deletes', async () => {
      const c = await api.gql<{
        createOrganization: { id: string; sectors: { id: string }[]; offers: { id: string }[] };
      }>(create, {
        i: {
          name: 'Tidewater Batteries',
          kind: 'ENTERPRISE',
          sectors: ['Energy Storage', 'energy-storage'],
          offers: ['Battery  recycling'],
          locations: ['hong-kong-science-park'],
        },
      });
      expect(c.errors).toBeUndefined();
      expect(c.data?.createOrganization).toMatchObject({
        id: 'tidewater-batteries',
        sectors: [{ id: 'energy-storage' }],
        offers: [{ id: 'battery-recycling' }],
      });
      const again = await api.gql<{ createOrganization: { id: string } }>(create, {
        i: { name: 'Tidewater Batteries', kind: 'LAB' },
      });
      expect(again.data?.createOrganization.id).toBe('tidewater-batteries-2');

      const u = await api.gql<{
        updateOrganization: { name: string; description: string | null; offers: { id: string }[] };
      }>(
        `mutation { updateOrganization(id: "tidewater-batteries", input: { description: "Recycles cells", needs: ["electrolyte testing"] }) { name description offers { id } needs { id } } }`,
      );
      expect(u.data?.updateOrganization).toMatchObject({
        name: 'Tidewater Batteries',
        description: 'Recycles cells',
        offers: [{ id: 'battery-recycling' }],
      });

      const link = await api.gql<{
        connectOrganizations: {
          type: string;
          from: { id: string };
          to: { id: string };
          since: number;
        };
      }>(
        `mutation { connectOrganizations(input: { fromId: "tidewater-batteries", toId: "gotion", type: SUPPLIES, since: 2025, source: "test" }) { type since from { id } to { id } } }`,
      );
      expect(link.data?.connectOrganizations).toEqual({
        type: 'SUPPLIES',
        since: 2025,
        from: { id: 'tidewater-batteries' },
        to: { id: 'gotion' },
      });
      const dup = await api.gql(
        `mutation { connectOrganizations(input: { fromId: "tidewater-batteries", toId: "gotion", type: SUPPLIES }) { type } }`,
      );
      expect(code(dup)).toBe('BAD_USER_INPUT');
      expect(field(dup)).toBe('input.type');

      const un = await api.gql<{ disconnectOrganizations: boolean }>(
        `mutation { disconnectOrganizations(fromId: "tidewater-batteries", toId: "gotion", type: SUPPLIES) }`,
      );
      expect(un.data?.disconnectOrganizations).toBe(true);
      const del = await api.gql<{ deleteOrganization: boolean }>(
        `mutation { deleteOrganization(id: "tidewater-batteries") }`,
      );
      expect(del.data?.deleteOrganization).toBe(true);
      const gone = await api.gql<{ organization: null }>(
        `{ organization(id: "tidewater-batteries") { id } }`,
      );
      expect(gone.data?.organization).toBeNull();
    });

    it('maps errors to codes, names the field, and writes nothing', async () => {
      const before = await api.gql<{
        ecosystemStats: { organizationCount: number; relationshipCount: number };
      }>('{ ecosystemStats { organizationCount relationshipCount } }');
      const cases: [string, Record<string, unknown>, string, string | undefined][] = [
        [
          `mutation { updateOrganization(id: "nope", input: { name: "x" }) { id } }`,
          {},
          'NOT_FOUND',
          'id',
        ],
        [`mutation { deleteOrganization(id: "nope") }`, {}, 'NOT_FOUND', 'id'],
        [
          `mutation { connectOrganizations(input: { fromId: "nope", toId: "gotion", type: FUNDS }) { type } }`,
          {},
          'NOT_FOUND',
          'input.fromId',
        ],
        [
          `mutation { connectOrganizations(input: { fromId: "gotion", toId: "gotion", type: FUNDS }) { type } }`,
          {},
          'BAD_USER_INPUT',
          'input.to',
        ],
        [
          create,
          { i: { id: 'gotion', name: 'Gotion again', kind: 'ENTERPRISE' } },
          'CONFLICT',
          'input.id',
        ],
        [
          create,
          { i: { name: 'x'.repeat(301), kind: 'ENTERPRISE' } },
          'BAD_USER_INPUT',
          'input.name',
        ],
        [create, { i: { name: '   ', kind: 'ENTERPRISE' } }, 'BAD_USER_INPUT', 'input.name'],
        [
          create,
          {
            i: {
              name: 'Ok',
              kind: 'ENTERPRISE',
              offers: Array.from({ length: 1001 }, (_, k) => `o${k}`),
            },
          },
          'BAD_USER_INPUT',
          'input.offers',
        ],
        [
          create,
          { i: { name: 'Ok', kind: 'ENTERPRISE', needs: ['x'.repeat(1001)] } },
          'BAD_USER_INPUT',
          'input.needs.0',
        ],
        [
          create,
          {
            i: {
              name: 'Ok',
              kind: 'ENTERPRISE',
              sectors: Array.from({ length: 101 }, (_, k) => `s${k}`),
            },
          },
          'BAD_USER_INPUT',
          'input.sectors',
        ],
        [
          create,
          { i: { name: 'Ok', kind: 'ENTERPRISE', founded: 99999 } },
          'BAD_USER_INPUT',
          'input.founded',
        ],
        [create, { i: { name: 'Ok', kind: 'SPACESHIP' } }, 'BAD_USER_INPUT', undefined],
        [
          `mutation { createOrganization(input: { name: "Ok", kind: SPACESHIP }) { id } }`,
          {},
          'BAD_USER_INPUT',
          undefined,
        ],
        [`{ organizations(first: 1000) { totalCount } }`, {}, 'BAD_USER_INPUT', 'first'],
        [`{ organizations(after: "garbage") { totalCount } }`, {}, 'BAD_USER_INPUT', 'after'],
        // A nullable variable may stand for an argument with a default; null then fails only as
        // graphql-js executes, with an error of its own: still the client's, not an internal one.
        [
          `query($n: Int) { matchSuggestions(organizationId: "gotion", first: $n) { score } }`,
          { n: null },
          'BAD_USER_INPUT',
          'first',
        ],
        [
          `mutation { updateOrganization(id: "gotion", input: { name: null }) { id } }`,
          {},
          'BAD_USER_INPUT',
          'input.name',
        ],
      ];
      for (const [query, variables, expected, expectedField] of cases) {
        const r = await api.gql(query, variables);
        expect({ query: query.slice(0, 60), code: code(r) }).toEqual({
          query: query.slice(0, 60),
          code: expected,
        });
        if (expectedField) expect(field(r)).toBe(expectedField);
        expect(JSON.stringify(r.errors)).not.toMatch(/\bat .+\.(js|ts):\d+/);
      }
      const after = await api.gql<typeof before.data>(
        '{ ecosystemStats { organizationCount relationshipCount } }',
      );
      expect(after.data).toEqual(before.data);
      const gotion = await api.gql<{ organization: { name: string } }>(
        '{ organization(id: "gotion") { name } }',
      );
      expect(gotion.data?.organization.name).toBe('Gotion');
    });
  });
});
