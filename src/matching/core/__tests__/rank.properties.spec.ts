// Properties of the scoring core over random small ecosystems: range, additivity, monotonicity,
// symmetry, determinism and cold start. Profiles draw from small pools (sectors, words, places,
// mutual connections) so that overlaps and matches happen often.
import fc from 'fast-check';
import { ORGANIZATION_KINDS, type PlaceKind } from '../../../graph/graph.types';
import {
  SIGNAL_KINDS,
  type CandidateEvidence,
  type Corpus,
  type MatchProfile,
  type MutualConnection,
  type PlaceRef,
  type SignalKind,
  type SignalWeights,
} from '../match.types';
import { availableSignals, combine, rankCandidates } from '../rank';
import {
  activity,
  capabilityOverlap,
  complementarity,
  descriptionVector,
  geography,
  network,
  phraseVectors,
  sectorOverlap,
  textSimilarity,
} from '../signals';
import { MAX_WEIGHT } from '../weights';
import { aMutual, aPhrase, aProfile, aSector, terms } from './match-profile.factory';

const EPS = 1e-12;

const SECTORS = ['ai', 'battery', 'ev', 'logistics', 'robotics'];
const VOCABULARY = [
  'ai',
  'battery',
  'cell',
  'materials',
  'robot',
  'simulation',
  'testing',
  'vision',
];
const MUTUALS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const CANDIDATES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

/** A small place hierarchy: id → kind and the place it lies within. */
const PLACES: Record<string, { kind: PlaceKind; within: string | null }> = {
  uk: { kind: 'COUNTRY', within: null },
  de: { kind: 'COUNTRY', within: null },
  fr: { kind: 'COUNTRY', within: null },
  england: { kind: 'REGION', within: 'uk' },
  scotland: { kind: 'REGION', within: 'uk' },
  bavaria: { kind: 'REGION', within: 'de' },
  manchester: { kind: 'CITY', within: 'england' },
  leeds: { kind: 'CITY', within: 'england' },
  glasgow: { kind: 'CITY', within: 'scotland' },
  munich: { kind: 'CITY', within: 'bavaria' },
  'science-park': { kind: 'SITE', within: 'manchester' },
  'innovation-hub': { kind: 'SITE', within: 'manchester' },
  garching: { kind: 'SITE', within: 'munich' },
};
const PLACE_IDS = Object.keys(PLACES).sort();
const MARKET_IDS = ['uk', 'de', 'fr', 'england', 'bavaria'];

function placeRef(id: string): PlaceRef {
  const place = PLACES[id];
  if (!place) throw new Error(`unknown place ${id}`);
  return { id, name: id.toUpperCase(), kind: place.kind };
}

/** The places and every place they lie within, sorted by id. */
function closure(ids: readonly string[]): PlaceRef[] {
  const out = new Set<string>();
  for (const id of ids) {
    for (let at: string | null = id; at !== null; at = PLACES[at]?.within ?? null) out.add(at);
  }
  return [...out].sort().map(placeRef);
}

/** A phrase of 1–3 words; its id is its sorted words, so one id always has one set of terms. */
const phraseArb = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 3 })
  .map((words) => aPhrase([...words].sort().join(' ')));
const phrasesArb = fc.uniqueArray(phraseArb, { maxLength: 3, selector: (p) => p.id });

const profileArb = (id: string): fc.Arbitrary<MatchProfile> =>
  fc
    .record({
      kind: fc.constantFrom(...ORGANIZATION_KINDS),
      sectors: fc.subarray(SECTORS),
      offers: phrasesArb,
      needs: phrasesArb,
      description: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 6 }),
      locations: fc.subarray(PLACE_IDS, { maxLength: 2 }),
      markets: fc.subarray(MARKET_IDS, { maxLength: 3 }),
      relationshipCount: fc.nat({ max: 5 }),
    })
    .map((r) => {
      const descriptionTerms = terms(r.description.join(' '));
      return aProfile({
        id,
        kind: r.kind,
        sectors: r.sectors.map(aSector),
        offers: r.offers,
        needs: r.needs,
        descriptionTerms,
        descriptionWords: new Map([...descriptionTerms.keys()].map((t) => [t, t.toUpperCase()])),
        locations: r.locations.map(placeRef),
        locationClosure: closure(r.locations),
        markets: r.markets.map(placeRef),
        relationshipCount: r.relationshipCount,
      });
    });

const mutualArb: fc.Arbitrary<MutualConnection[]> = fc
  .uniqueArray(
    fc.record({ id: fc.constantFrom(...MUTUALS), degree: fc.integer({ min: 2, max: 40 }) }),
    {
      maxLength: 4,
      selector: (m) => m.id,
    },
  )
  .map((list) => list.map((m) => aMutual(m.id, m.degree)));

const dfArb = (pool: readonly string[]): fc.Arbitrary<Map<string, number>> =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom(...pool), fc.integer({ min: 0, max: 50 })), {
      selector: (e) => e[0],
    })
    .map((entries) => new Map(entries));

const corpusArb: fc.Arbitrary<Corpus> = fc.record({
  organizations: fc.integer({ min: 1, max: 50 }),
  capabilities: fc.integer({ min: 1, max: 50 }),
  descriptionDf: dfArb(VOCABULARY),
  capabilityDf: dfArb(VOCABULARY),
  sectorCounts: dfArb(SECTORS),
});

const weightArb = fc.oneof(fc.constant(0), fc.double({ min: 0, max: MAX_WEIGHT, noNaN: true }));
const weightsArb: fc.Arbitrary<SignalWeights> = fc.record({
  COMPLEMENTARITY: weightArb,
  SECTOR: weightArb,
  CAPABILITY: weightArb,
  TEXT: weightArb,
  NETWORK: weightArb,
  GEOGRAPHY: weightArb,
  ACTIVITY: weightArb,
});

const unitArb = fc.double({ min: 0, max: 1, noNaN: true });
const valuesArb: fc.Arbitrary<Record<SignalKind, number>> = fc.record({
  COMPLEMENTARITY: unitArb,
  SECTOR: unitArb,
  CAPABILITY: unitArb,
  TEXT: unitArb,
  NETWORK: unitArb,
  GEOGRAPHY: unitArb,
  ACTIVITY: unitArb,
});

const candidatesArb: fc.Arbitrary<CandidateEvidence[]> = fc
  .uniqueArray(fc.constantFrom(...CANDIDATES), { maxLength: 5 })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => fc.record({ profile: profileArb(id), mutual: mutualArb }))),
  );

const scenarioArb = fc.record({
  source: profileArb('s'),
  candidates: candidatesArb,
  corpus: corpusArb,
  weights: weightsArb,
});

/** The raw signal values of a pair, straight from the signal functions (before combine clamps). */
function rawSignals(
  s: MatchProfile,
  c: MatchProfile,
  mutual: readonly MutualConnection[],
  corpus: Corpus,
): Record<SignalKind, number> {
  const vectors = phraseVectors(corpus);
  return {
    COMPLEMENTARITY: complementarity(s, c, vectors).value,
    SECTOR: sectorOverlap(s, c, corpus).value,
    CAPABILITY: capabilityOverlap(s, c, vectors).value,
    TEXT: textSimilarity(descriptionVector(s, corpus), descriptionVector(c, corpus)).value,
    NETWORK: network(mutual).value,
    GEOGRAPHY: geography(s, c).value,
    ACTIVITY: activity(c.relationshipCount, corpus.organizations),
  };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('matching core properties', () => {
  it('keeps every signal value, contribution and score in [0, 1], contributions adding up to the score', () => {
    fc.assert(
      fc.property(scenarioArb, ({ source, candidates, corpus, weights }) => {
        const ranked = rankCandidates(source, candidates, corpus, weights);
        for (const { profile, mutual } of candidates) {
          for (const [kind, value] of Object.entries(rawSignals(source, profile, mutual, corpus))) {
            if (!(value >= 0 && value <= 1)) throw new Error(`${kind} = ${value}`);
          }
        }
        for (const r of ranked) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          for (const s of r.signals) {
            expect(s.value).toBeGreaterThanOrEqual(0);
            expect(s.value).toBeLessThanOrEqual(1);
            expect(s.contribution).toBeGreaterThanOrEqual(0);
            expect(s.contribution).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(sum(r.signals.map((s) => s.contribution)) - r.score)).toBeLessThanOrEqual(
            EPS,
          );
        }
      }),
    );
  });

  it('reports the values of the signal functions, in SIGNAL_KINDS order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ source, candidates, corpus, weights }) => {
        const ranked = new Map(
          rankCandidates(source, candidates, corpus, weights).map((r) => [r.id, r]),
        );
        for (const { profile, mutual } of candidates) {
          const signals = ranked.get(profile.id)?.signals ?? [];
          const raw = rawSignals(source, profile, mutual, corpus);
          expect(signals.map((s) => s.kind)).toEqual([...SIGNAL_KINDS]);
          expect(signals.map((s) => s.value)).toEqual(SIGNAL_KINDS.map((k) => raw[k]));
        }
      }),
    );
  });

  it('orders every candidate by score (desc), then id', () => {
    fc.assert(
      fc.property(scenarioArb, ({ source, candidates, corpus, weights }) => {
        const ranked = rankCandidates(source, candidates, corpus, weights);
        expect(ranked.map((r) => r.id).sort()).toEqual(candidates.map((c) => c.profile.id).sort());
        ranked.slice(1).forEach((r, i) => {
          const prev = ranked[i];
          if (!prev) throw new Error('unreachable');
          expect(prev.score > r.score || (prev.score === r.score && prev.id < r.id)).toBe(true);
        });
      }),
    );
  });

  it('returns exactly the full ranking’s top k when asked for k (the bound never prunes a winner)', () => {
    fc.assert(
      fc.property(
        fc.record({
          source: profileArb('s'),
          candidates: fc
            .uniqueArray(fc.constantFrom(...CANDIDATES), { minLength: 2 })
            .chain((ids) =>
              fc.tuple(
                ...ids.map((id) => fc.record({ profile: profileArb(id), mutual: mutualArb })),
              ),
            ),
          corpus: corpusArb,
          weights: weightsArb,
        }),
        fc.integer({ min: 0, max: 4 }),
        ({ source, candidates, corpus, weights }, k) => {
          const all = rankCandidates(source, candidates, corpus, weights);
          expect(rankCandidates(source, candidates, corpus, weights, k)).toEqual(all.slice(0, k));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same output for the same input, whatever the order of candidates and mutual connections', () => {
    fc.assert(
      fc.property(scenarioArb, ({ source, candidates, corpus, weights }) => {
        const once = rankCandidates(source, candidates, corpus, weights);
        expect(rankCandidates(source, candidates, corpus, weights)).toEqual(once);
        const reordered = [...candidates]
          .reverse()
          .map((c) => ({ profile: c.profile, mutual: [...c.mutual].reverse() }));
        expect(rankCandidates(source, reordered, corpus, weights)).toEqual(once);
      }),
    );
  });

  it('flags the signals the source has no data for as unavailable, with no contribution', () => {
    fc.assert(
      fc.property(scenarioArb, ({ source, candidates, corpus, weights }) => {
        const expected: Record<SignalKind, boolean> = {
          COMPLEMENTARITY: source.needs.length > 0 || source.offers.length > 0,
          SECTOR: source.sectors.length > 0,
          CAPABILITY: source.offers.length > 0,
          TEXT: source.descriptionTerms.size > 0,
          NETWORK: source.relationshipCount > 0,
          GEOGRAPHY: source.locationClosure.length > 0 || source.markets.length > 0,
          ACTIVITY: true,
        };
        expect(availableSignals(source)).toEqual(new Set(SIGNAL_KINDS.filter((k) => expected[k])));
        for (const r of rankCandidates(source, candidates, corpus, weights)) {
          for (const s of r.signals) {
            expect(s.available).toBe(expected[s.kind]);
            if (!s.available) expect(s.contribution).toBe(0);
          }
        }
      }),
    );
  });

  it('makes symmetric signals symmetric: swapping source and candidate changes no value', () => {
    fc.assert(
      fc.property(
        profileArb('a'),
        profileArb('b'),
        mutualArb,
        corpusArb,
        (a, b, mutual, corpus) => {
          const there = rawSignals(a, b, mutual, corpus);
          const back = rawSignals(b, a, mutual, corpus);
          for (const kind of [
            'SECTOR',
            'CAPABILITY',
            'TEXT',
            'COMPLEMENTARITY',
            'GEOGRAPHY',
          ] as const) {
            expect(Math.abs(there[kind] - back[kind])).toBeLessThanOrEqual(EPS);
          }
        },
      ),
    );
  });

  it('makes NETWORK depend only on the mutual connections', () => {
    fc.assert(
      fc.property(
        profileArb('a'),
        profileArb('b'),
        mutualArb,
        corpusArb,
        weightsArb,
        (a, b, mutual, corpus, weights) => {
          const networkOf = (s: MatchProfile, c: MatchProfile): number | undefined =>
            rankCandidates(s, [{ profile: c, mutual }], corpus, weights)[0]?.signals.find(
              (x) => x.kind === 'NETWORK',
            )?.value;
          const expected = network(mutual).value;
          expect(networkOf(a, b)).toBe(expected);
          expect(networkOf(b, a)).toBe(expected);
          expect(networkOf(aProfile({ id: 'x' }), aProfile({ id: 'y' }))).toBe(expected);
          expect(network([...mutual].reverse()).value).toBe(expected);
        },
      ),
    );
  });

  it('gives a profile compared with a copy of itself full SECTOR, CAPABILITY and TEXT', () => {
    fc.assert(
      fc.property(profileArb('a'), corpusArb, (a, corpus) => {
        const raw = rawSignals(a, { ...a, id: 'copy' }, [], corpus);
        if (a.sectors.length) expect(raw.SECTOR).toBe(1);
        if (a.offers.length) expect(raw.CAPABILITY).toBe(1);
        if (a.descriptionTerms.size) expect(raw.TEXT).toBeCloseTo(1, 12);
      }),
    );
  });

  it('never lowers the score when one signal value rises', () => {
    fc.assert(
      fc.property(
        valuesArb,
        weightsArb,
        fc.subarray([...SIGNAL_KINDS]),
        fc.constantFrom(...SIGNAL_KINDS),
        unitArb,
        (values, weights, available, kind, t) => {
          const set = new Set(available);
          const before = combine(values, weights, set).score;
          const raised = { ...values, [kind]: values[kind] + t * (1 - values[kind]) };
          expect(combine(raised, weights, set).score).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('removes the contribution of a signal weighted 0, as if it were unavailable', () => {
    fc.assert(
      fc.property(
        valuesArb,
        weightsArb,
        fc.subarray([...SIGNAL_KINDS]),
        fc.constantFrom(...SIGNAL_KINDS),
        (values, weights, available, kind) => {
          const zeroed = { ...weights, [kind]: 0 };
          const withZero = combine(values, zeroed, new Set(available));
          const without = combine(values, zeroed, new Set(available.filter((k) => k !== kind)));
          expect(withZero.signals.find((s) => s.kind === kind)?.contribution).toBe(0);
          expect(withZero.score).toBe(without.score);
          expect(withZero.signals.map((s) => s.contribution)).toEqual(
            without.signals.map((s) => s.contribution),
          );
        },
      ),
    );
  });

  it('removes a signal weighted 0 from every ranked candidate', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...SIGNAL_KINDS),
        ({ source, candidates, corpus, weights }, kind) => {
          for (const r of rankCandidates(source, candidates, corpus, { ...weights, [kind]: 0 })) {
            expect(r.signals.find((s) => s.kind === kind)?.contribution).toBe(0);
          }
        },
      ),
    );
  });
});
