import { SIGNAL_KINDS, type CapabilityMatch, type SignalKind } from '../match.types';
import { buildReasons, type ReasonEvidence } from '../reasons';
import { aMutual, aPhrase, aProfile, aSector } from './match-profile.factory';

const alpha = aProfile({ id: 'alpha', name: 'Alpha' });
const beta = aProfile({ id: 'beta', name: 'Beta' });

function evidence(overrides: Partial<ReasonEvidence> = {}): ReasonEvidence {
  return {
    source: alpha,
    candidate: beta,
    matches: [],
    sharedSectors: [],
    sectorCounts: new Map(),
    peers: [],
    sharedWords: [],
    mutual: [],
    geography: { value: 0, place: null, sharedMarkets: [] },
    activity: 0,
    contributing: new Set(SIGNAL_KINDS),
    ...overrides,
  };
}

const match = (
  need: string,
  offer: string,
  neederId: string,
  offererId: string,
  similarity: number,
): CapabilityMatch => ({
  need: aPhrase(need),
  offer: aPhrase(offer),
  neederId,
  offererId,
  similarity,
});

const without = (kind: SignalKind): Set<SignalKind> =>
  new Set(SIGNAL_KINDS.filter((k) => k !== kind));

describe('buildReasons', () => {
  it('says nothing without evidence', () => {
    expect(buildReasons(evidence())).toEqual([]);
  });

  describe('complementarity', () => {
    const matches = [
      match('battery testing', 'cell testing', 'alpha', 'beta', 0.876),
      match('funding', 'seed funding', 'beta', 'alpha', 0.5),
      match('a', 'b', 'alpha', 'beta', 0.4),
      match('c', 'd', 'alpha', 'beta', 0.35),
    ];

    it('names who needs and who offers, for the three best matches', () => {
      expect(buildReasons(evidence({ matches }))).toEqual([
        'Alpha needs battery testing; Beta offers cell testing (similarity 0.88)',
        'Beta needs funding; Alpha offers seed funding (similarity 0.50)',
        'Alpha needs a; Beta offers b (similarity 0.40)',
      ]);
    });

    it('is silent when complementarity does not contribute', () => {
      expect(buildReasons(evidence({ matches, contributing: without('COMPLEMENTARITY') }))).toEqual(
        [],
      );
    });
  });

  describe('sectors', () => {
    it('calls a sector of at most 10 organisations a niche', () => {
      const sectorCounts = new Map([
        ['ev', 1],
        ['battery', 10],
        ['ai', 11],
      ]);
      const sharedSectors = [aSector('ev'), aSector('battery'), aSector('ai'), aSector('robotics')];
      expect(buildReasons(evidence({ sharedSectors, sectorCounts }))).toEqual([
        'Both are in Sector ev (a niche of 1 organisations), Sector battery (a niche of 10 organisations) and Sector ai',
      ]);
    });

    it('names a single sector, with no count when it is unknown', () => {
      expect(buildReasons(evidence({ sharedSectors: [aSector('ev')] }))).toEqual([
        'Both are in Sector ev',
      ]);
    });

    it('is silent when sectors do not contribute', () => {
      expect(
        buildReasons(evidence({ sharedSectors: [aSector('ev')], contributing: without('SECTOR') })),
      ).toEqual([]);
    });
  });

  describe('network', () => {
    it('names one mutual connection', () => {
      expect(buildReasons(evidence({ mutual: [aMutual('m1', 2)] }))).toEqual([
        '1 mutual connection: Org m1',
      ]);
    });

    it('names at most five, then counts the rest', () => {
      const mutual = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((id) => aMutual(id, 3));
      expect(buildReasons(evidence({ mutual }))).toEqual([
        '7 mutual connections: Org m1, Org m2, Org m3, Org m4, Org m5 and 2 more',
      ]);
    });

    it('is silent when the network does not contribute', () => {
      expect(
        buildReasons(evidence({ mutual: [aMutual('m1', 2)], contributing: without('NETWORK') })),
      ).toEqual([]);
    });
  });

  describe('geography', () => {
    it('says "at" a site and "in" a larger place', () => {
      const at = evidence({
        geography: { value: 1, place: { name: 'Science Park', kind: 'SITE' }, sharedMarkets: [] },
      });
      const within = evidence({
        geography: { value: 0.6, place: { name: 'Leeds', kind: 'CITY' }, sharedMarkets: [] },
      });
      expect(buildReasons(at)).toEqual(['Both are at Science Park']);
      expect(buildReasons(within)).toEqual(['Both are in Leeds']);
    });

    it('lists at most four shared markets', () => {
      const sharedMarkets = ['France', 'Germany', 'Italy', 'Spain', 'Sweden'];
      expect(
        buildReasons(evidence({ geography: { value: 0.5, place: null, sharedMarkets } })),
      ).toEqual(['Both are active in France, Germany, Italy and Spain']);
    });

    it('is silent when geography does not contribute', () => {
      const geography = {
        value: 0.6,
        place: { name: 'Leeds', kind: 'CITY' as const },
        sharedMarkets: ['France'],
      };
      expect(buildReasons(evidence({ geography, contributing: without('GEOGRAPHY') }))).toEqual([]);
    });
  });

  it('names the most similar pair of offers', () => {
    const peers = [
      { from: aPhrase('battery simulation'), to: aPhrase('cell modelling'), similarity: 0.75 },
      { from: aPhrase('x'), to: aPhrase('y'), similarity: 0.5 },
    ];
    expect(buildReasons(evidence({ peers }))).toEqual([
      'Similar offers: Alpha offers battery simulation, Beta offers cell modelling (similarity 0.75)',
    ]);
    expect(buildReasons(evidence({ peers, contributing: without('CAPABILITY') }))).toEqual([]);
  });

  it('lists at most five shared description words', () => {
    const sharedWords = ['electrolyte', 'battery', 'anode', 'cathode', 'cell', 'pack'];
    expect(buildReasons(evidence({ sharedWords }))).toEqual([
      'Their descriptions share: electrolyte, battery, anode, cathode, cell',
    ]);
    expect(buildReasons(evidence({ sharedWords, contributing: without('TEXT') }))).toEqual([]);
  });

  it('gives needs first, then sectors, network, place, markets, offers and words', () => {
    const reasons = buildReasons(
      evidence({
        matches: [match('n', 'o', 'alpha', 'beta', 1)],
        sharedSectors: [aSector('ev')],
        mutual: [aMutual('m1', 2)],
        geography: {
          value: 0.8,
          place: { name: 'Leeds', kind: 'CITY' },
          sharedMarkets: ['France'],
        },
        peers: [{ from: aPhrase('p'), to: aPhrase('q'), similarity: 0.5 }],
        sharedWords: ['anode'],
      }),
    );
    expect(reasons).toEqual([
      'Alpha needs n; Beta offers o (similarity 1.00)',
      'Both are in Sector ev',
      '1 mutual connection: Org m1',
      'Both are in Leeds',
      'Both are active in France',
      'Similar offers: Alpha offers p, Beta offers q (similarity 0.50)',
      'Their descriptions share: anode',
    ]);
  });
});

describe('the ACTIVITY reason', () => {
  const hub = aProfile({ id: 'beta', name: 'Beta', relationshipCount: 40 });

  it('names a hub’s relationships when ACTIVITY contributes', () => {
    expect(buildReasons(evidence({ candidate: hub, activity: 0.6 }))).toEqual([
      'Beta is well connected: 40 existing relationships',
    ]);
  });

  it('says nothing below √(organisations) relationships, or when ACTIVITY does not contribute', () => {
    expect(buildReasons(evidence({ candidate: hub, activity: 0.49 }))).toEqual([]);
    const without = new Set(SIGNAL_KINDS.filter((k) => k !== 'ACTIVITY'));
    expect(
      buildReasons(evidence({ candidate: hub, activity: 0.9, contributing: without })),
    ).toEqual([]);
  });
});
