// The article's cases through the GraphQL API on the seed graph, each after disconnecting the
// relationship being predicted (leave-one-out): the engine must find the real partners itself.
import { startTestApp, TestApp } from '../support/app';

const TYPES = ['COLLABORATES_WITH', 'SUPPLIES', 'FUNDS', 'SUPPORTS', 'PART_OF'];

interface Suggestion {
  organization: { id: string; name: string };
  score: number;
  reasons: string[];
  signals: {
    kind: string;
    value: number;
    weight: number;
    contribution: number;
    available: boolean;
  }[];
  capabilityMatches: {
    need: { name: string };
    offer: { name: string };
    needer: { id: string };
    offerer: { id: string };
    similarity: number;
  }[];
  mutualConnections: { id: string }[];
}

describe('matching: the article cases (embedded store, seed graph)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => api.close());

  async function disconnect(a: string, b: string): Promise<void> {
    for (const type of TYPES) {
      for (const [f, t] of [
        [a, b],
        [b, a],
      ]) {
        const r = await api.gql(
          `mutation($f: ID!, $t: ID!, $ty: RelationshipType!) { disconnectOrganizations(fromId: $f, toId: $t, type: $ty) }`,
          { f, t, ty: type },
        );
        expect(r.errors).toBeUndefined();
      }
    }
  }

  async function suggest(id: string, kinds: string[], first = 10): Promise<Suggestion[]> {
    const r = await api.gql<{ matchSuggestions: Suggestion[] }>(
      `query($id: ID!, $k: [OrganizationKind!], $n: Int) { matchSuggestions(organizationId: $id, first: $n, filter: { kinds: $k }) {
        organization { id name } score reasons signals { kind value weight contribution available }
        capabilityMatches { need { name } offer { name } needer { id } offerer { id } similarity } mutualConnections { id } } }`,
      { id, k: kinds, n: first },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.matchSuggestions;
  }

  it('Gotion: the Hong Kong Quantum AI Lab is in the top 3 labs and universities, for a complementarity reason', async () => {
    await disconnect('gotion', 'hkqai');
    const s = await suggest('gotion', ['LAB', 'UNIVERSITY']);
    console.log(
      s
        .map((x) => `${x.organization.id} ${x.score.toFixed(3)} | ${x.reasons.join(' | ')}`)
        .join('\n'),
    );
    const rank = s.findIndex((x) => x.organization.id === 'hkqai') + 1;
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(3);
    const hkqai = s[rank - 1]!;
    const m = hkqai.capabilityMatches.find(
      (x) => x.needer.id === 'gotion' && x.offerer.id === 'hkqai',
    );
    expect(m).toBeDefined();
    expect(hkqai.reasons.some((r) => r.includes(m!.need.name) && r.includes(m!.offer.name))).toBe(
      true,
    );
  });

  it('Westwell: at least two of PolyU, HKUST and CityU in the top 5 universities', async () => {
    for (const u of ['polyu', 'hkust', 'cityu']) await disconnect('westwell', u);
    const s = await suggest('westwell', ['UNIVERSITY'], 5);
    console.log(
      s
        .map((x) => `${x.organization.id} ${x.score.toFixed(3)} | ${x.reasons.join(' | ')}`)
        .join('\n'),
    );
    const hits = s.filter((x) => ['polyu', 'hkust', 'cityu'].includes(x.organization.id)).length;
    expect(hits).toBeGreaterThanOrEqual(2);
  });

  it('Westwell: Hong Kong Air Cargo Terminals or Cainiao in the top 5 clients', async () => {
    for (const c of ['hactl', 'cainiao']) await disconnect('westwell', c);
    const s = await suggest('westwell', ['CLIENT', 'ENTERPRISE'], 5);
    console.log(
      s
        .map((x) => `${x.organization.id} ${x.score.toFixed(3)} | ${x.reasons.join(' | ')}`)
        .join('\n'),
    );
    expect(s.some((x) => ['hactl', 'cainiao'].includes(x.organization.id))).toBe(true);
  });
});
