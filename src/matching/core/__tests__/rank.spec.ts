import { SIGNAL_KINDS, type SignalKind, type SignalWeights } from '../match.types';
import { availableSignals, combine, rankCandidates } from '../rank';

import {
  aCorpus,
  aMutual,
  aPhrase,
  aPlace,
  aProfile,
  aSector,
  terms,
} from './match-profile.factory';

// Fixed weights for exact values: the production defaults are tuned and may change.
const DEFAULT_WEIGHTS: SignalWeights = {
  COMPLEMENTARITY: 0.4,
  SECTOR: 0.15,
  CAPABILITY: 0.05,
  TEXT: 0.1,
  NETWORK: 0.2,
  GEOGRAPHY: 0.1,
  ACTIVITY: 0,
};

const { exp, log } = Math;

const values = (v: Partial<Record<SignalKind, number>>): Record<SignalKind, number> => ({
  COMPLEMENTARITY: 0,
  SECTOR: 0,
  CAPABILITY: 0,
  TEXT: 0,
  NETWORK: 0,
  GEOGRAPHY: 0,
  ACTIVITY: 0,
  ...v,
});

const contributionOf = (
  signals: { kind: SignalKind; contribution: number }[],
  kind: SignalKind,
): number | undefined => signals.find((s) => s.kind === kind)?.contribution;

describe('availableSignals', () => {
  it('holds only ACTIVITY (a property of the candidate) for a profile without data', () => {
    expect(availableSignals(aProfile({ id: 's' }))).toEqual(new Set(['ACTIVITY']));
  });

  it.each<[string, Parameters<typeof aProfile>[0], SignalKind[]]>([
    ['needs', { id: 's', needs: [aPhrase('a')] }, ['COMPLEMENTARITY']],
    ['offers', { id: 's', offers: [aPhrase('a')] }, ['COMPLEMENTARITY', 'CAPABILITY']],
    ['sectors', { id: 's', sectors: [aSector('ev')] }, ['SECTOR']],
    ['a description', { id: 's', descriptionTerms: terms('battery') }, ['TEXT']],
    ['relationships', { id: 's', relationshipCount: 1 }, ['NETWORK']],
    ['locations', { id: 's', locationClosure: [aPlace('uk', 'COUNTRY')] }, ['GEOGRAPHY']],
    ['markets', { id: 's', markets: [aPlace('uk', 'COUNTRY')] }, ['GEOGRAPHY']],
  ])('follows from %s', (_label, overrides, expected) => {
    expect(availableSignals(aProfile(overrides))).toEqual(new Set([...expected, 'ACTIVITY']));
  });
});

describe('combine', () => {
  const some = new Set<SignalKind>(['COMPLEMENTARITY', 'SECTOR', 'NETWORK']);
  const v = values({
    COMPLEMENTARITY: 0.5,
    SECTOR: 1,
    CAPABILITY: 0.2,
    TEXT: 0.3,
    NETWORK: 0.8,
    GEOGRAPHY: 0.6,
  });

  it('normalises the weights over the available signals', () => {
    const { score, signals } = combine(v, DEFAULT_WEIGHTS, some);
    // Available weights 0.4 + 0.15 + 0.2 = 0.75.
    expect(contributionOf(signals, 'COMPLEMENTARITY')).toBeCloseTo((0.4 * 0.5) / 0.75, 15);
    expect(contributionOf(signals, 'SECTOR')).toBeCloseTo((0.15 * 1) / 0.75, 15);
    expect(contributionOf(signals, 'NETWORK')).toBeCloseTo((0.2 * 0.8) / 0.75, 15);
    expect(score).toBeCloseTo((0.2 + 0.15 + 0.16) / 0.75, 15);
  });

  it('keeps the value and weight of an unavailable signal but gives it no contribution', () => {
    const { signals } = combine(v, DEFAULT_WEIGHTS, some);
    expect(signals.map((s) => s.kind)).toEqual([...SIGNAL_KINDS]);
    expect(signals.find((s) => s.kind === 'TEXT')).toEqual({
      kind: 'TEXT',
      value: 0.3,
      weight: 0.1,
      contribution: 0,
      available: false,
    });
    expect(signals.filter((s) => s.available).map((s) => s.kind)).toEqual([
      'COMPLEMENTARITY',
      'SECTOR',
      'NETWORK',
    ]);
  });

  it('is 1 when every available signal is 1, whatever the weights', () => {
    const weights: SignalWeights = {
      COMPLEMENTARITY: 3,
      SECTOR: 0,
      CAPABILITY: 7,
      TEXT: 1,
      NETWORK: 2,
      GEOGRAPHY: 5,
      ACTIVITY: 4,
    };
    const all = values({
      COMPLEMENTARITY: 1,
      SECTOR: 1,
      CAPABILITY: 1,
      TEXT: 1,
      NETWORK: 1,
      GEOGRAPHY: 1,
      ACTIVITY: 1,
    });
    expect(combine(all, weights, new Set(SIGNAL_KINDS)).score).toBeCloseTo(1, 15);
  });

  it('clamps values into [0, 1]', () => {
    const { signals } = combine(
      values({ SECTOR: 1.5, TEXT: -0.2 }),
      DEFAULT_WEIGHTS,
      new Set(SIGNAL_KINDS),
    );
    expect(signals.find((s) => s.kind === 'SECTOR')?.value).toBe(1);
    expect(signals.find((s) => s.kind === 'TEXT')?.value).toBe(0);
  });

  it('scores 0 when nothing is available or every available weight is 0', () => {
    expect(combine(v, DEFAULT_WEIGHTS, new Set()).score).toBe(0);
    const zeroSector = { ...DEFAULT_WEIGHTS, SECTOR: 0 };
    expect(combine(v, zeroSector, new Set<SignalKind>(['SECTOR'])).score).toBe(0);
  });
});

describe('rankCandidates', () => {
  const corpus = aCorpus({
    organizations: 10,
    sectorCounts: new Map([
      ['ev', 2],
      ['ai', 5],
    ]),
  });
  const source = aProfile({
    id: 's',
    name: 'Source',
    sectors: [aSector('ev')],
    relationshipCount: 3,
  });
  // Only SECTOR (0.15) and NETWORK (0.2) are available to this source.
  const both = 0.15 + 0.2;

  it('scores and orders candidates by the weighted signals the source has', () => {
    const ranked = rankCandidates(
      source,
      [
        { profile: aProfile({ id: 'a', sectors: [aSector('ev'), aSector('ai')] }), mutual: [] },
        { profile: aProfile({ id: 'c' }), mutual: [] },
        {
          profile: aProfile({ id: 'b', sectors: [aSector('ev')] }),
          mutual: [aMutual('m2', 3), aMutual('m1', 2)],
        },
      ],
      corpus,
      DEFAULT_WEIGHTS,
    );
    const sectorA = log(6) / (log(6) + log(3));
    const networkB = 1 - exp(-(1 / log(2) + 1 / log(3)));
    expect(ranked.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(ranked[0]?.score).toBeCloseTo((0.15 * 1 + 0.2 * networkB) / both, 15);
    expect(ranked[1]?.score).toBeCloseTo((0.15 * sectorA) / both, 15);
    expect(ranked[2]?.score).toBe(0);
  });

  it('scales NETWORK by the tenth largest Adamic–Adar among the candidates when it is above 1', () => {
    // Twelve candidates sharing 2 to 13 partners of degree e² (each counts 1/2): AA 1 to 6.5.
    const candidates = Array.from({ length: 12 }, (_, i) => ({
      profile: aProfile({ id: `c${String(i).padStart(2, '0')}` }),
      mutual: Array.from({ length: i + 2 }, (_, j) => aMutual(`m${j}`, exp(2))),
    }));
    const networkOf = (list: typeof candidates): number[] =>
      rankCandidates(source, list, corpus, DEFAULT_WEIGHTS).map(
        (r) => r.signals.find((x) => x.kind === 'NETWORK')?.value as number,
      );
    // Tenth largest: 4 shared partners, AA 2.
    expect(networkOf(candidates)).toEqual(
      [...candidates].reverse().map((c) => 1 - exp(-c.mutual.length / 2 / 2)),
    );
    // With only nine above 1, the scale is 1.
    const sparse = candidates.slice(0, 10);
    expect(networkOf(sparse)[0]).toBeCloseTo(1 - exp(-11 / 2), 15);
  });

  it('explains a suggestion with its evidence', () => {
    const [b] = rankCandidates(
      source,
      [
        {
          profile: aProfile({ id: 'b', sectors: [aSector('ev')] }),
          mutual: [aMutual('m2', 3), aMutual('m1', 2)],
        },
      ],
      corpus,
      DEFAULT_WEIGHTS,
    );
    expect(b?.sharedSectors).toEqual([aSector('ev')]);
    expect(b?.mutual.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(b?.reasons).toEqual([
      'Both are in Sector ev (a niche of 2 organisations)',
      '2 mutual connections: Org m1, Org m2',
    ]);
  });

  it('breaks ties by id', () => {
    const same = (id: string): { profile: ReturnType<typeof aProfile>; mutual: [] } => ({
      profile: aProfile({ id, sectors: [aSector('ev')] }),
      mutual: [],
    });
    const ranked = rankCandidates(
      source,
      [same('z'), same('x'), same('y')],
      corpus,
      DEFAULT_WEIGHTS,
    );
    expect(ranked.map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(new Set(ranked.map((r) => r.score))).toEqual(new Set([0.15 / both]));
  });

  it('scores every candidate 0, without reasons, for a source without data', () => {
    const [c] = rankCandidates(
      aProfile({ id: 's' }),
      [{ profile: aProfile({ id: 'c', sectors: [aSector('ev')] }), mutual: [aMutual('m', 2)] }],
      corpus,
      DEFAULT_WEIGHTS,
    );
    expect(c?.score).toBe(0);
    // Only ACTIVITY is available (weighted 0 here): nothing contributes.
    expect(c?.signals.every((s) => s.available === (s.kind === 'ACTIVITY'))).toBe(true);
    expect(c?.signals.every((s) => s.contribution === 0)).toBe(true);
    // The values are still computed, for display.
    expect(c?.signals.find((s) => s.kind === 'NETWORK')?.value).toBeCloseTo(
      1 - exp(-1 / log(2)),
      15,
    );
    expect(c?.reasons).toEqual([]);
  });

  it('ranks by how connected the candidates are when only ACTIVITY is weighted, and says so', () => {
    const ranked = rankCandidates(
      aProfile({ id: 's' }),
      [
        { profile: aProfile({ id: 'quiet', relationshipCount: 1 }), mutual: [] },
        { profile: aProfile({ id: 'busy', relationshipCount: 6 }), mutual: [] },
        { profile: aProfile({ id: 'fair', relationshipCount: 2 }), mutual: [] },
        { profile: aProfile({ id: 'alone' }), mutual: [] },
      ],
      corpus,
      { ...DEFAULT_WEIGHTS, ACTIVITY: 0.5 },
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['busy', log(7) / log(1 + corpus.organizations)],
      ['fair', log(3) / log(1 + corpus.organizations)],
      ['quiet', log(2) / log(1 + corpus.organizations)],
      ['alone', 0],
    ]);
    expect(ranked[0]?.reasons).toEqual(['Org busy is well connected: 6 existing relationships']);
    // Below √(organisations) relationships (here 2 < √11 − 1), not worth a sentence.
    expect(ranked.slice(1).map((r) => r.reasons)).toEqual([[], [], []]);
  });

  it('leaves out the evidence of a signal weighted 0', () => {
    const [b] = rankCandidates(
      source,
      [{ profile: aProfile({ id: 'b', sectors: [aSector('ev')] }), mutual: [aMutual('m1', 2)] }],
      corpus,
      { ...DEFAULT_WEIGHTS, SECTOR: 0 },
    );
    expect(contributionOf(b?.signals ?? [], 'SECTOR')).toBe(0);
    expect(b?.score).toBeCloseTo(1 - exp(-1 / log(2)), 15);
    expect(b?.reasons).toEqual(['1 mutual connection: Org m1']);
  });

  it('matches needs to offers through shared capability nodes', () => {
    const needy = aProfile({ id: 's', name: 'Source', needs: [aPhrase('battery simulation')] });
    const [c] = rankCandidates(
      needy,
      [
        {
          profile: aProfile({ id: 'c', name: 'Cand', offers: [aPhrase('battery simulation')] }),
          mutual: [],
        },
      ],
      corpus,
      DEFAULT_WEIGHTS,
    );
    expect(c?.score).toBe(1);
    expect(c?.capabilityMatches.map((m) => [m.neederId, m.offererId, m.similarity])).toEqual([
      ['s', 'c', 1],
    ]);
    expect(c?.reasons).toEqual([
      'Source needs battery simulation; Cand offers battery simulation (similarity 1.00)',
    ]);
  });
});
