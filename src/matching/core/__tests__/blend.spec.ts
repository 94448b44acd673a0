import {
  blendCandidates,
  blendEstimates,
  type ChannelLists,
  coverageAgainst,
  knownValuesAgainst,
  termCoverage,
  termGroup,
} from '../blend';
import type { Corpus, MatchProfile, PlaceRef } from '../match.types';
import { activity, geography, sectorOverlap } from '../signals';
import { DEFAULT_WEIGHTS } from '../weights';
import { channelsOf } from '../../../graph/match-graph.types';

// The weights the service blends with by default.
const weights = DEFAULT_WEIGHTS;

const empty = {
  sector: [],
  needsAnswered: [],
  offersWanted: [],
  network: [],
  text: [],
  active: [],
};
const lists = (
  channels: Partial<Record<keyof typeof empty, [string, number][]>>,
  totals = { sector: 1000, needsAnswered: 1000, offersWanted: 1000, text: 1000, active: 10_000 },
): ChannelLists => {
  const all = channelsOf({ ...empty, ...channels });
  return { ids: all, scores: all.scores, totals };
};

describe('blendCandidates', () => {
  it("estimates the active channel's candidates by their ACTIVITY, unless known exactly", () => {
    const l = lists({
      active: [
        ['hub', 500],
        ['busy', 40],
      ],
    });
    const estimates = blendEstimates(l, weights);
    expect(estimates.get('hub')).toBeCloseTo(weights.ACTIVITY * activity(500, 10_000), 12);
    expect(estimates.get('busy')).toBeCloseTo(weights.ACTIVITY * activity(40, 10_000), 12);
    const known = blendEstimates(l, weights, (id) =>
      id === 'hub' ? { sector: 0, geography: 0, complementarity: 0, activity: 0.1 } : undefined,
    );
    expect(known.get('hub')).toBeCloseTo(weights.ACTIVITY * 0.1, 12);
    // Only in the active channel: kept as its head, even when others estimate higher.
    const withOthers = lists({
      active: [['hub', 500]],
      network: [
        ['w1', 3000],
        ['w2', 3000],
      ],
    });
    expect(blendCandidates(withOthers, weights, { keep: 1, perChannel: 1 })).toEqual(['hub', 'w1']);
  });

  it('prefers a candidate good on several signals to one that leads a single weak channel', () => {
    const l = lists({
      // "solo" tops the text channel; "broad" is only fourth in three channels.
      text: [['solo', 1000]],
      sector: [
        ['s1', 1000],
        ['s2', 1000],
        ['s3', 1000],
        ['broad', 900],
      ],
      needsAnswered: [
        ['n1', 1000],
        ['n2', 1000],
        ['n3', 1000],
        ['broad', 900],
      ],
      network: [
        ['w1', 3000],
        ['w2', 3000],
        ['w3', 3000],
        ['broad', 500],
      ],
    });
    const estimates = blendEstimates(l, weights);
    expect(estimates.get('broad')).toBeGreaterThan(estimates.get('solo')!);
    expect(estimates.get('broad')).toBeGreaterThan(estimates.get('s1')!);
    expect(blendCandidates(l, weights, { keep: 4, perChannel: 0 })).toEqual([
      'broad',
      'w1',
      'w2',
      'w3',
    ]);
  });

  it('always keeps the head of every channel, sorted by id and without duplicates', () => {
    const l = lists({
      text: [
        ['t', 1],
        ['x', 1],
      ],
      network: [
        ['x', 5000],
        ['y', 4000],
      ],
      sector: [['x', 1000]],
    });
    expect(blendCandidates(l, weights, { keep: 0, perChannel: 1 })).toEqual(['t', 'x']);
    expect(blendCandidates(l, weights, { keep: 1, perChannel: 1 })).toEqual(['t', 'x']);
    expect(blendCandidates(l, weights, { keep: 10, perChannel: 0 })).toEqual(['t', 'x', 'y']);
  });

  it('breaks ties by id', () => {
    const l = lists({
      sector: [
        ['b', 500],
        ['a', 500],
        ['c', 500],
      ],
    });
    expect(blendCandidates(l, weights, { keep: 2, perChannel: 0 })).toEqual(['a', 'b']);
  });

  it('uses the exact sector and geography values it is given', () => {
    const l = lists({
      network: [
        ['near', 700],
        ['far', 700],
      ],
    });
    const known = (id: string) =>
      id === 'near' ? { sector: 0.5, geography: 1 } : { sector: 0, geography: 0 };
    const e = blendEstimates(l, weights, known);
    expect(e.get('near')! - e.get('far')!).toBeCloseTo(
      weights.SECTOR * 0.5 + weights.GEOGRAPHY,
      12,
    );
    expect(blendCandidates(l, weights, { keep: 1, perChannel: 0 }, known)).toEqual(['near']);
  });

  it('adds how connected a candidate is, with the ACTIVITY weight, when it is known', () => {
    const l = lists({
      network: [
        ['busy', 700],
        ['quiet', 700],
      ],
    });
    const known = (id: string) => ({
      sector: 0,
      geography: 0,
      activity: id === 'busy' ? 0.8 : 0.1,
    });
    const heavy = { ...weights, ACTIVITY: 0.5 };
    const e = blendEstimates(l, heavy, known);
    expect(e.get('busy')! - e.get('quiet')!).toBeCloseTo(0.5 * 0.7, 12);
    expect(blendCandidates(l, heavy, { keep: 1, perChannel: 0 }, known)).toEqual(['busy']);
    // Weighted 0 (the default), it changes nothing.
    const flat = blendEstimates(l, { ...weights, ACTIVITY: 0 }, known);
    expect(flat.get('busy')).toBe(flat.get('quiet'));
  });
});

describe('knownValuesAgainst', () => {
  const place = (id: string, kind: PlaceRef['kind']): PlaceRef => ({ id, name: id, kind });
  const profile = (
    id: string,
    sectors: string[],
    closure: PlaceRef[],
    markets: string[],
  ): MatchProfile => ({
    id,
    name: id,
    kind: 'ENTERPRISE',
    sectors: sectors.map((s) => ({ id: s, name: s })),
    offers: [],
    needs: [],
    descriptionTerms: new Map(),
    descriptionWords: new Map(),
    locations: closure.slice(0, 1),
    locationClosure: closure,
    markets: markets.map((m) => place(m, 'COUNTRY')),
    relationshipCount: 0,
  });
  const facets = (p: MatchProfile) => ({
    sectorIds: p.sectors.map((s) => s.id),
    locations: p.locations,
    marketIds: p.markets.map((m) => m.id),
  });
  const corpus: Corpus = {
    organizations: 1000,
    capabilities: 0,
    descriptionDf: new Map(),
    capabilityDf: new Map(),
    sectorCounts: new Map([
      ['ev', 10],
      ['batteries', 40],
      ['fintech', 300],
      ['ai', 900],
    ]),
  };
  const hk = place('hk', 'COUNTRY');
  const source = profile(
    's',
    ['ev', 'batteries', 'ai'],
    [place('park', 'SITE'), place('shatin', 'REGION'), hk],
    ['cn', 'sg'],
  );
  const candidates = [
    profile('a', ['ev', 'fintech'], [place('park', 'SITE'), place('shatin', 'REGION'), hk], ['cn']),
    profile('b', ['ai'], [place('tower', 'SITE'), place('central', 'CITY'), hk], []),
    profile('c', [], [], ['sg', 'cn', 'us']),
    profile('d', ['ev', 'batteries', 'ai', 'ev'], [place('elsewhere', 'COUNTRY')], []),
  ];

  // Each profile's one location lies within the rest of its closure.
  const chains = new Map(
    [source, ...candidates]
      .filter((p) => p.locations.length > 0)
      .map((p) => [(p.locations[0] as PlaceRef).id, p.locationClosure]),
  );

  it('gives the values of sectorOverlap and geography', () => {
    const valuesOf = knownValuesAgainst(
      facets(source),
      corpus.organizations,
      corpus.sectorCounts,
      chains,
    );
    for (const c of candidates) {
      const v = valuesOf(facets(c));
      expect(v.sector).toBeCloseTo(sectorOverlap(source, c, corpus).value, 12);
      expect(v.geography).toBeCloseTo(geography(source, c).value, 12);
    }
  });
});

describe('termCoverage', () => {
  const phrase = (...terms: string[]) => ({ terms: new Map(terms.map((t) => [t, 1])) });
  const groups = [
    termGroup(
      new Map([
        ['battery', 300],
        ['simul', 100],
      ]),
    ),
    termGroup(new Map([['robot', 50]])),
  ];

  it('is the best share of one source phrase that one candidate phrase holds', () => {
    expect(termCoverage(groups, [phrase('battery', 'design')])).toBeCloseTo(0.75, 12);
    // A whole small need beats part of a large one: coverage is per phrase, not of all terms.
    expect(termCoverage(groups, [phrase('battery'), phrase('robot', 'arm')])).toBe(1);
    expect(termCoverage(groups, [phrase('simul')])).toBeCloseTo(0.25, 12);
    expect(termCoverage(groups, [phrase('finance')])).toBe(0);
    expect(termCoverage(groups, [])).toBe(0);
    expect(termCoverage([], [phrase('battery')])).toBe(0);
  });

  it('is what coverageAgainst computes with its index, on random groups and phrases', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const terms = (k: number): string[] =>
      Array.from({ length: k }, () => vocabulary[next(8)] as string);
    for (let round = 0; round < 200; round++) {
      const randomGroups = Array.from({ length: next(4) }, () =>
        termGroup(new Map(terms(1 + next(4)).map((t) => [t, 1 + next(500)]))),
      );
      const phrases = Array.from({ length: next(4) }, () => phrase(...terms(1 + next(4))));
      expect(coverageAgainst(randomGroups)(phrases)).toBe(termCoverage(randomGroups, phrases));
    }
    const indexed = coverageAgainst(groups);
    // The index is reusable: one candidate's phrases leave nothing behind for the next.
    expect(indexed([phrase('battery', 'design')])).toBeCloseTo(0.75, 12);
    expect(indexed([phrase('simul')])).toBeCloseTo(0.25, 12);
    expect(indexed([])).toBe(0);
  });
});
