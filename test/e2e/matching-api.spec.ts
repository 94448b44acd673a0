// matchSuggestions and introductionPaths over HTTP: filters, weights, cold start, errors, paths.
import { startTestApp, TestApp } from '../support/app';
import { DEFAULT_SIGNAL_WEIGHTS } from '../../src/matching/core/default-weights';

interface Signal {
  kind: string;
  value: number;
  weight: number;
  contribution: number;
  available: boolean;
}
interface Suggestion {
  organization: { id: string; kind: string; locations: { id: string }[] };
  score: number;
  signals: Signal[];
  reasons: string[];
}

const Q = `query($id: ID!, $n: Int, $f: MatchFilter, $w: [SignalWeight!]) {
  matchSuggestions(organizationId: $id, first: $n, filter: $f, weights: $w) {
    organization { id kind locations { id } } score reasons signals { kind value weight contribution available } } }`;

describe('matching API (embedded store, seed graph)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => api.close());

  const suggest = async (variables: Record<string, unknown>) =>
    api.gql<{ matchSuggestions: Suggestion[] }>(Q, variables);

  it('shows the link-type strengths it learned from the graph, strongest first', async () => {
    const r = await api.gql<{
      linkTypeStrengths: {
        types: string[];
        strength: number;
        prior: number;
        observed: number;
        closed: number;
      }[];
    }>(`{ linkTypeStrengths { types strength prior observed closed expected } }`);
    expect(r.errors).toBeUndefined();
    const table = r.data!.linkTypeStrengths;
    expect(table).toHaveLength(15); // every unordered pair of the five types
    const strengths = table.map((x) => x.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    // In the article's ecosystem the enterprises one office supports seldom work together.
    const supported = table.find((x) => x.types.join() === 'SUPPORTS,SUPPORTS');
    expect(supported?.observed).toBeGreaterThan(0);
    expect(supported?.closed).toBe(0);
    expect(supported!.strength).toBeLessThan(supported!.prior);
  });

  it('says which signal weights queries start from: the defaults, as the seed is too small to fit', async () => {
    const r = await api.gql<{
      signalWeights: {
        weights: { kind: string; weight: number; default: number }[];
        fitted: boolean;
        fitting: boolean;
        fit: unknown;
      };
    }>(
      `{ signalWeights { weights { kind weight default } fitted fitting fittedAt fit { kept cutoffYear } } }`,
    );
    expect(r.errors).toBeUndefined();
    const w = r.data!.signalWeights;
    expect(w.fitted).toBe(false);
    expect(w.fit).toBeNull();
    expect(Object.fromEntries(w.weights.map((x) => [x.kind, x.weight]))).toEqual({
      ...DEFAULT_SIGNAL_WEIGHTS,
    });
    for (const x of w.weights) expect(x.default).toBe(x.weight);
    // And a query's signals carry those weights.
    const s = await suggest({ id: 'westwell', n: 1 });
    for (const g of s.data!.matchSuggestions[0]!.signals) {
      expect(g.weight).toBe(DEFAULT_SIGNAL_WEIGHTS[g.kind as keyof typeof DEFAULT_SIGNAL_WEIGHTS]);
    }
  });

  it('returns scores in [0, 1], contributions adding up to them, best first, never the source or its partners', async () => {
    const r = await suggest({ id: 'westwell', n: 20 });
    expect(r.errors).toBeUndefined();
    const s = r.data!.matchSuggestions;
    expect(s.length).toBeGreaterThan(5);
    for (const x of s) {
      expect(x.score).toBeGreaterThan(0);
      expect(x.score).toBeLessThanOrEqual(1);
      expect(x.signals.map((g) => g.kind).sort()).toEqual([
        'ACTIVITY',
        'CAPABILITY',
        'COMPLEMENTARITY',
        'GEOGRAPHY',
        'NETWORK',
        'SECTOR',
        'TEXT',
      ]);
      expect(Math.abs(x.signals.reduce((a, g) => a + g.contribution, 0) - x.score)).toBeLessThan(
        1e-9,
      );
      expect(x.reasons.length).toBeGreaterThan(0);
    }
    expect(s.map((x) => x.score)).toEqual([...s.map((x) => x.score)].sort((a, b) => b - a));
    const ids = s.map((x) => x.organization.id);
    for (const partner of ['westwell', 'polyu', 'hkust', 'cityu', 'hactl', 'cainiao', 'oases'])
      expect(ids).not.toContain(partner);
    const withPartners = await suggest({
      id: 'westwell',
      n: 50,
      f: { includeConnected: true, kinds: ['UNIVERSITY'] },
    });
    expect(withPartners.data!.matchSuggestions.map((x) => x.organization.id)).toEqual(
      expect.arrayContaining(['polyu', 'hkust', 'cityu']),
    );
  });

  it('filters by kinds and places (a place includes the places within it)', async () => {
    const r = await suggest({
      id: 'gotion',
      n: 30,
      f: { kinds: ['LAB'], placeIds: ['hong-kong'] },
    });
    expect(r.errors).toBeUndefined();
    const s = r.data!.matchSuggestions;
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((x) => x.organization.kind === 'LAB')).toBe(true);
    const minScore = await suggest({ id: 'gotion', n: 30, f: { minScore: 0.2 } });
    expect(minScore.data!.matchSuggestions.every((x) => x.score >= 0.2)).toBe(true);
  });

  it('re-weights per query; a zero weight removes a signal', async () => {
    const r = await suggest({
      id: 'gotion',
      n: 10,
      w: [
        { kind: 'NETWORK', weight: 0 },
        { kind: 'GEOGRAPHY', weight: 5 },
      ],
    });
    expect(r.errors).toBeUndefined();
    for (const x of r.data!.matchSuggestions) {
      expect(x.signals.find((g) => g.kind === 'NETWORK')?.contribution).toBe(0);
      expect(x.signals.find((g) => g.kind === 'GEOGRAPHY')?.weight).toBe(5);
    }
  });

  it('serves a cold-start organisation and says which signals had no evidence', async () => {
    const c =
      await api.gql(`mutation { createOrganization(input: { id: "cold-start-co", name: "Cold Start Co", kind: ENTERPRISE,
      sectors: ["Energy storage"], offers: ["sodium-ion battery cells"], description: "A new battery maker", locations: ["Hong Kong Science Park"] }) { id } }`);
    expect(c.errors).toBeUndefined();
    const r = await suggest({ id: 'cold-start-co', n: 5 });
    expect(r.errors).toBeUndefined();
    const s = r.data!.matchSuggestions;
    expect(s.length).toBeGreaterThan(0);
    const network = s[0]!.signals.find((g) => g.kind === 'NETWORK')!;
    expect(network.available).toBe(false);
    expect(network.contribution).toBe(0);
    expect(s[0]!.signals.find((g) => g.kind === 'SECTOR')!.available).toBe(true);
  });

  it('rejects bad requests with codes', async () => {
    const code = (r: { errors?: { extensions?: { code?: string; field?: string } }[] }) => [
      r.errors?.[0]?.extensions?.code,
      r.errors?.[0]?.extensions?.field,
    ];
    expect(code(await suggest({ id: 'nope' }))).toEqual(['NOT_FOUND', 'organizationId']);
    expect(code(await suggest({ id: 'gotion', n: 101 }))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(code(await suggest({ id: 'gotion', w: [{ kind: 'TEXT', weight: -1 }] }))).toEqual([
      'BAD_USER_INPUT',
      'weights.0.weight',
    ]);
    expect(code(await suggest({ id: 'gotion', f: { minScore: 2 } }))).toEqual([
      'BAD_USER_INPUT',
      'filter.minScore',
    ]);
    const allZero = Object.keys(DEFAULT_SIGNAL_WEIGHTS).map((kind) => ({ kind, weight: 0 }));
    expect(code(await suggest({ id: 'gotion', w: allZero }))).toEqual([
      'BAD_USER_INPUT',
      'weights',
    ]);
  });

  it('finds warm introduction paths from Gotion to PolyU', async () => {
    const r = await api.gql<{
      introductionPaths: {
        hops: number;
        organizations: { id: string }[];
        relationships: { type: string; from: { id: string }; to: { id: string } }[];
      }[];
    }>(
      `{ introductionPaths(fromId: "gotion", toId: "polyu", maxHops: 4, first: 3) { hops strength organizations { id name } relationships { type from { id } to { id } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const paths = r.data!.introductionPaths;
    expect(paths.length).toBeGreaterThan(0);
    const best = paths[0]!;
    expect(best.organizations[0]!.id).toBe('gotion');
    expect(best.organizations[best.organizations.length - 1]!.id).toBe('polyu');
    expect(best.organizations).toHaveLength(best.hops + 1);
    expect(best.relationships.length).toBeGreaterThanOrEqual(best.hops);
    const bad = await api.gql(
      `{ introductionPaths(fromId: "gotion", toId: "polyu", maxHops: 5) { hops } }`,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
