// The signal weights are fitted to the graph through the same pipeline the API uses: sources with
// partners held back, ranked as the graph stood before they were met, then core/weight-fit.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { generateEcosystem } from '../../src/generator/ecosystem';
import { writeEcosystem } from '../../src/generator/write-ecosystem';
import { importGraphFile } from '../../src/graph-file/import-graph-file';
import { SIGNAL_KINDS, type SignalWeights } from '../../src/matching/core/match.types';
import { DEFAULT_WEIGHTS } from '../../src/matching/core/weights';
import {
  cutYear,
  heldBack,
  heldBackSince,
  MatchingService,
} from '../../src/matching/matching.service';
import { DEFAULT_WEIGHT_SAMPLING } from '../../src/matching/matching.config';
import { Rng } from '../../src/generator/prng';
import { aRelationship, anOrganization } from '../support/factories';
import { temporaryStore, type TemporaryStore } from '../support/temporary-store';

jest.setTimeout(120_000);

const SAMPLING = { ...DEFAULT_WEIGHT_SAMPLING, sources: 300, minExamples: 100, seed: 1 };

describe('ranking with a partner held back', () => {
  let tmp: TemporaryStore;

  // s works with a, b and m; a also works with m and y; m with x.
  beforeAll(async () => {
    tmp = await temporaryStore({
      organizations: ['s', 'a', 'b', 'm', 'x', 'y'].map((id) =>
        anOrganization({ id, name: id.toUpperCase(), needs: [], offers: [], sectors: [] }),
      ),
      relationships: [
        aRelationship({ from: 's', to: 'a' }),
        aRelationship({ from: 's', to: 'b' }),
        aRelationship({ from: 's', to: 'm' }),
        aRelationship({ from: 'a', to: 'm' }),
        aRelationship({ from: 'a', to: 'y' }),
        aRelationship({ from: 'm', to: 'x' }),
      ],
    });
  });

  afterAll(() => tmp.dispose());

  it('ranks the held-back partner as a candidate, and only through what remains', async () => {
    const matching = new MatchingService(tmp.store, undefined, { learnWeights: false });
    const ranked = (await matching.heldBackRanking('s', ['a'])) ?? [];
    const ids = ranked.map((c) => c.id).sort();
    // a is a candidate again; b and m stay partners, so they are left out as in any query.
    expect(ids).toContain('a');
    expect(ids).not.toContain('b');
    expect(ids).not.toContain('m');
    expect(ids).not.toContain('s');
    const byId = new Map(ranked.map((c) => [c.id, c]));
    // a and s still share m; y was reached only through a, which is no longer s's partner.
    expect(byId.get('a')?.mutual.map((z) => z.id)).toEqual(['m']);
    expect(byId.get('x')?.mutual.map((z) => z.id)).toEqual(['m']);
    for (const c of ranked) expect(c.mutual.map((z) => z.id)).not.toContain('a');
    const network = (id: string) =>
      byId.get(id)?.signals.find((x) => x.kind === 'NETWORK')?.value ?? 0;
    expect(network('y')).toBe(0);
    expect(network('a')).toBeGreaterThan(0);
  });

  it('leaves a normal query untouched: a is a partner there', async () => {
    const matching = new MatchingService(tmp.store, undefined, { learnWeights: false });
    const result = await matching.suggest({ organizationId: 's', first: 10 });
    const ids = result.suggestions.map((s) => s.id);
    expect(ids).not.toContain('a');
    expect(ids).toContain('y');
  });

  it('fits nothing on a graph this small: the defaults serve', async () => {
    const matching = new MatchingService(tmp.store);
    expect(await matching.weightFit()).toBeNull();
    expect(matching.currentWeights()).toEqual({ ...DEFAULT_WEIGHTS });
    expect(matching.weightStatus()).toMatchObject({ fit: null, fitting: false });
  });
});

describe('ranking the newest partners as the graph stood before they were met', () => {
  let tmp: TemporaryStore;

  // s has worked with o since 2018, and o with x since 2019; in 2024 s, o, n1 and n2 ran one
  // project together, so every pair of them is linked from 2024 (s and o from before).
  beforeAll(async () => {
    const link = (from: string, to: string, since: number) => aRelationship({ from, to, since });
    tmp = await temporaryStore({
      organizations: ['s', 'o', 'x', 'n1', 'n2'].map((id) =>
        anOrganization({ id, name: id.toUpperCase(), needs: [], offers: [], sectors: [] }),
      ),
      relationships: [
        link('s', 'o', 2018),
        link('o', 'x', 2019),
        link('s', 'n1', 2024),
        link('s', 'n2', 2024),
        link('o', 'n1', 2024),
        link('o', 'n2', 2024),
        link('n1', 'n2', 2024),
      ],
    });
  });

  afterAll(() => tmp.dispose());

  it("leaves out every relationship formed since, not only the source's", async () => {
    const matching = new MatchingService(tmp.store, undefined, { learnWeights: false });
    const links = (await tmp.store.relationshipsOf(['s'], null)).get('s') ?? [];
    const held = heldBack('s', links, new Rng(1));
    expect(held).toEqual({ partners: ['n1', 'n2'], formedBefore: 2024 });
    const signal = (c: { signals: { kind: string; value: number }[] } | undefined, kind: string) =>
      c?.signals.find((x) => x.kind === kind)?.value;

    const asOf = new Map(
      ((await matching.heldBackRanking('s', ['n1', 'n2'], 2024)) ?? []).map((c) => [c.id, c]),
    );
    // In 2024 o met n1 in the same project as s did: no earlier mutual connection, no activity.
    expect(asOf.get('n1')?.mutual).toEqual([]);
    expect(signal(asOf.get('n1'), 'NETWORK')).toBe(0);
    expect(signal(asOf.get('n1'), 'ACTIVITY')).toBe(0);
    expect(asOf.get('x')?.mutual.map((z) => z.id)).toEqual(['o']);

    // Hiding only the source's own relationships leaves o–n1 in: n1 looks introduced by o.
    const sourceOnly = new Map(
      ((await matching.heldBackRanking('s', ['n1', 'n2'])) ?? []).map((c) => [c.id, c]),
    );
    expect(sourceOnly.get('n1')?.mutual.map((z) => z.id)).toEqual(['o']);
    expect(signal(sourceOnly.get('n1'), 'NETWORK')).toBeGreaterThan(0);
    expect(signal(sourceOnly.get('n1'), 'ACTIVITY')).toBeGreaterThan(0);
  });
});

describe('fitting the signal weights to a generated graph', () => {
  let dir: string;
  let store: EmbeddedGraphStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weights-'));
    const file = join(dir, 'graph.ndjson');
    await writeEcosystem(generateEcosystem({ organizations: 1000, seed: 5 }), file, null);
    store = new EmbeddedGraphStore({ dataDir: join(dir, 'store') });
    await store.init();
    await importGraphFile(store, file, { now: '2026-01-01T00:00:00.000Z' });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a running fit on shutdown, at its next source, without fitting', async () => {
    const matching = new MatchingService(store);
    const reads = jest.spyOn(store, 'relationshipsOf');
    const running = matching.weightFit(); // draws 600 sources, one relationshipsOf each
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    matching.onModuleDestroy();
    const drawn = reads.mock.calls.length;
    expect(await running).toBeNull();
    // At most the source in flight was finished; nothing was fitted, nothing starts again.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(drawn + 1);
    expect(drawn).toBeLessThan(DEFAULT_WEIGHT_SAMPLING.sources);
    expect(matching.weightStatus()).toMatchObject({ fit: null, fitting: false });
    await matching.suggest({
      organizationId: (await store.organizationIds())[0] as string,
      first: 5,
    });
    expect(matching.weightStatus().fitting).toBe(false);
    reads.mockRestore();
  });

  it('draws the same held-back partners every time', async () => {
    const matching = new MatchingService(store, undefined, { learnWeights: false });
    const a = await matching.weightExamples(SAMPLING);
    expect(a.length).toBe(SAMPLING.sources);
    expect(await matching.weightExamples(SAMPLING)).toEqual(a);
    // Most held-back partners are retrieved; each example has one value per signal.
    expect(a.filter((e) => e.positives.length > 0).length).toBeGreaterThan(a.length / 5);
    for (const e of a) for (const v of e.values) expect(v).toHaveLength(SIGNAL_KINDS.length);
  });

  it('holds back the partners met since one cut-off year, every source seen as of then', async () => {
    const matching = new MatchingService(store, undefined, { learnWeights: false });
    const ranked = jest.spyOn(matching, 'heldBackRanking');
    const sampling = { ...SAMPLING, sources: 40 };
    await matching.weightExamples(sampling);
    const years = new Set(ranked.mock.calls.map(([, , year]) => year));
    // The generated graph's years: the newest 10 % of relationships begin in one year.
    const all = (await store.relationshipsOf(await store.organizationIds(), null)).values();
    const dated = [...all].flat().flatMap((r) => (r.since === null ? [] : [r.since]));
    const cut = cutYear(dated, 0, sampling.recentShare);
    expect(cut).not.toBeNull();
    expect([...years]).toEqual([cut]);
    for (const [source, partners] of ranked.mock.calls) {
      const links = (await store.relationshipsOf([source], null)).get(source) ?? [];
      expect(heldBackSince(source, links, cut as number)?.partners).toEqual(partners);
    }
    // Without a cut-off, each source's own latest year.
    ranked.mockClear();
    await matching.weightExamples({ ...sampling, recentShare: 0 });
    expect(new Set(ranked.mock.calls.map(([, , year]) => year)).size).toBeGreaterThan(1);
    ranked.mockRestore();
  });

  it('moves away from bad starting weights, and queries then use the fitted ones', async () => {
    const bad: Partial<SignalWeights> = { NETWORK: 0.01, GEOGRAPHY: 1 };
    const matching = new MatchingService(store, undefined, {
      weights: bad,
      weightSampling: SAMPLING,
    });
    // Before any fit, a query starts one in the background and uses the starting weights.
    expect(matching.currentWeights()).toEqual({ ...DEFAULT_WEIGHTS, ...bad });
    const fit = await matching.weightFit();
    expect(fit).not.toBeNull();
    expect(fit?.kept).toBe(true);
    expect(fit?.check.fitted.hits).toBeGreaterThanOrEqual(fit?.check.start.hits ?? 1);
    // From 1 % of the weight to a large share; geography gives up most of its 81 %.
    expect(fit?.weights.NETWORK).toBeGreaterThan(0.1);
    expect(fit?.weights.GEOGRAPHY).toBeLessThan(0.5);
    expect(matching.currentWeights()).toEqual(fit?.weights);
    // The generated graph's relationships have years: the status says from when.
    expect(matching.weightStatus().cutoffYear).toEqual(expect.any(Number));
    const [top] = (await matching.suggest({ organizationId: 'g-000001', first: 1 })).suggestions;
    for (const s of top?.signals ?? []) expect(s.weight).toBe(fit?.weights[s.kind]);
    // An explicit weight still overrides the fitted one.
    const [own] = (
      await matching.suggest({
        organizationId: 'g-000001',
        first: 1,
        weights: [{ kind: 'GEOGRAPHY', weight: 0.5 }],
      })
    ).suggestions;
    expect(own?.signals.find((s) => s.kind === 'GEOGRAPHY')?.weight).toBe(0.5);
  });

  it('starts no source once its time budget is spent, and then fits nothing', async () => {
    const matching = new MatchingService(store, undefined, {
      weightSampling: { ...SAMPLING, budgetMs: 0 },
    });
    expect(await matching.weightExamples()).toEqual([]);
    expect(await matching.weightFit()).toBeNull();
    expect(matching.currentWeights()).toEqual({ ...DEFAULT_WEIGHTS });
    // A budget that is not reached changes nothing.
    const unhurried = new MatchingService(store, undefined, { learnWeights: false });
    expect(await unhurried.weightExamples({ ...SAMPLING, budgetMs: 600_000 })).toEqual(
      await unhurried.weightExamples(SAMPLING),
    );
  });

  it('lets other work run while it fits (it yields to the event loop between sources)', async () => {
    const matching = new MatchingService(store, undefined, { learnWeights: false });
    let done = false;
    const fitting = matching.weightExamples(SAMPLING).then(() => (done = true));
    // A timer set now fires long before the 300 examples are done, not after them.
    const firedDuringFit = await new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(!done), 0),
    );
    expect(firedDuringFit).toBe(true);
    await fitting;
  });

  it('keeps serving the defaults when a fit fails, and tries again later', async () => {
    let failing = true;
    // The store itself, but listing organisations (the fit's first step) fails while `failing`.
    const flaky = Object.create(store) as EmbeddedGraphStore;
    flaky.organizationIds = () =>
      failing ? Promise.reject(new Error('store unavailable')) : store.organizationIds();
    const matching = new MatchingService(flaky, undefined, {
      weights: { NETWORK: 0.01, GEOGRAPHY: 1 },
      weightSampling: SAMPLING,
      weightRelearnMs: 0,
    });
    expect(await matching.weightFit()).toBeNull();
    expect(matching.currentWeights()).toEqual({ ...DEFAULT_WEIGHTS, NETWORK: 0.01, GEOGRAPHY: 1 });
    // Queries still work meanwhile.
    const r = await matching.suggest({ organizationId: 'g-000001', first: 3 });
    expect(r.suggestions.length).toBeGreaterThan(0);
    failing = false;
    const fit = await matching.weightFit(); // stale at once (relearn 0 ms): fitted again
    expect(fit?.kept).toBe(true);
  });

  it('serves the defaults when learning is off', async () => {
    const matching = new MatchingService(store, undefined, { learnWeights: false });
    expect(await matching.weightFit()).toBeNull();
    expect(matching.currentWeights()).toEqual({ ...DEFAULT_WEIGHTS });
    expect(matching.weightStatus().fitting).toBe(false);
  });
});

describe('which partners are held back', () => {
  const link = (from: string, to: string, since: number | null) =>
    aRelationship({ from, to, ...(since === null ? {} : { since }) });

  it('holds back the partners first met in the latest year, when every link has a year', () => {
    const links = [
      link('s', 'old', 2019),
      link('s', 'new1', 2024),
      link('new2', 's', 2024),
      link('s', 'mid', 2021),
      // An old partner with a new project is not new.
      link('s', 'old', 2024),
    ];
    // Ranked as the graph stood at the start of 2024.
    expect(heldBack('s', links, new Rng(1))).toEqual({
      partners: ['new1', 'new2'],
      formedBefore: 2024,
    });
  });

  it('holds back one partner at random when years are missing or all the same', () => {
    const undated = [link('s', 'a', null), link('s', 'b', 2020), link('s', 'c', 2021)];
    const one = heldBack('s', undated, new Rng(1));
    expect(one?.partners).toHaveLength(1);
    expect(one?.formedBefore).toBeNull(); // the rest of the graph as it is
    expect(['a', 'b', 'c']).toContain(one?.partners[0]);
    expect(heldBack('s', undated, new Rng(1))).toEqual(one); // seeded
    const sameYear = [link('s', 'a', 2020), link('s', 'b', 2020)];
    expect(heldBack('s', sameYear, new Rng(1))).toEqual({
      partners: [expect.any(String)],
      formedBefore: null,
    });
  });

  it('holds back, with a cut-off year, every partner first met in it or later', () => {
    const links = [
      link('s', 'old', 2019),
      link('s', 'old', 2024), // an old partner with a new project is not new
      link('s', 'new1', 2023),
      link('new2', 's', 2025),
      link('s', 'undated', null), // no year: counts as known before
      link('s', 'undated', 2024),
    ];
    expect(heldBackSince('s', links, 2023)).toEqual({
      partners: ['new1', 'new2'],
      formedBefore: 2023,
    });
    expect(heldBackSince('s', links, 2025)).toEqual({ partners: ['new2'], formedBefore: 2025 });
    expect(heldBackSince('s', links, 2026)).toBeNull();
    // A source with no earlier partner is an example too: what it is has to find them.
    expect(heldBackSince('s', [link('s', 'a', 2024)], 2020)).toEqual({
      partners: ['a'],
      formedBefore: 2020,
    });
  });

  it('puts the cut-off where the newest share of the dated relationships begins', () => {
    const years = [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010];
    expect(cutYear(years, 0, 0.1)).toBe(2010);
    expect(cutYear(years, 0, 0.25)).toBe(2008);
    expect(cutYear([...years].reverse(), 3, 0.25)).toBe(2008); // in any order
    // Mostly undated, one year only, or no share: no cut-off (per-source hold-backs instead).
    expect(cutYear(years, 11, 0.1)).toBeNull();
    expect(cutYear([2020, 2020, 2020], 0, 0.1)).toBeNull();
    expect(cutYear([], 0, 0.1)).toBeNull();
    expect(cutYear(years, 0, 0)).toBeNull();
  });

  it('holds back nobody from a source with fewer than two partners', () => {
    expect(heldBack('s', [link('s', 'a', 2020), link('a', 's', 2021)], new Rng(1))).toBeNull();
    expect(heldBack('s', [], new Rng(1))).toBeNull();
  });
});
