import fc from 'fast-check';
import type { Phrase } from '../match.types';
import { cosine } from '../vectors';
import {
  activity,
  bestMatches,
  bestMatchesBothWays,
  capabilityOverlap,
  complementarity,
  descriptionVector,
  GEOGRAPHY_LEVELS,
  geography,
  MATCH_THRESHOLD,
  network,
  NETWORK_SCALE_RANK,
  networkScale,
  networkValue,
  phraseVectors,
  sectorOverlap,
  softOr,
  textSimilarity,
} from '../signals';
import {
  aCorpus,
  aMutual,
  aPhrase,
  aPlace,
  aProfile,
  aSector,
  terms,
} from './match-profile.factory';

const { exp, log, sqrt } = Math;

// With no document frequencies every term has the same idf, so a phrase vector weighs its terms
// equally and cosines are plain set ratios: {a b}·{a c} = 1/2, {a b}·{a b c} = 2/√6 = √(2/3).
const uniform = aCorpus({ capabilities: 10, capabilityDf: new Map() });
const R = sqrt(2 / 3);

describe('softOr', () => {
  it('is 1 − Π(1 − s)', () => {
    expect(softOr([])).toBe(0);
    expect(softOr([0.5])).toBe(0.5);
    expect(softOr([0.5, 0.5])).toBe(0.75);
    expect(softOr([0.3, 0.6])).toBeCloseTo(1 - 0.7 * 0.4, 15);
    expect(softOr([1, 0.2])).toBe(1);
  });

  it('clamps each value into [0, 1] and does not depend on their order', () => {
    expect(softOr([2])).toBe(1);
    expect(softOr([-1])).toBe(0);
    expect(softOr([0.1, 0.7, 0.3])).toBe(softOr([0.7, 0.3, 0.1]));
  });
});

describe('bestMatches', () => {
  const vectors = phraseVectors(uniform);

  it('keeps, for each phrase, its best match at or above the threshold', () => {
    const from = [aPhrase('a b'), aPhrase('p q r s')];
    const to = [aPhrase('a c'), aPhrase('a b c'), aPhrase('p t u v')];
    const matches = bestMatches(from, to, vectors);
    // "p q r s" · "p t u v" = 1/4, below the threshold.
    expect(MATCH_THRESHOLD).toBe(0.3);
    expect(matches.map((m) => [m.from.id, m.to.id])).toEqual([['a-b', 'a-b-c']]);
    expect(matches[0]?.similarity).toBeCloseTo(R, 15);
  });

  it('accepts a similarity of 1/3 but not 1/4', () => {
    expect(
      bestMatches([aPhrase('a b c')], [aPhrase('a d e')], vectors).map((m) => m.similarity),
    ).toEqual([expect.closeTo(1 / 3, 15) as number]);
    expect(bestMatches([aPhrase('a b c d')], [aPhrase('a e f g')], vectors)).toEqual([]);
  });

  it('gives the same capability node on both sides the similarity 1', () => {
    const shared = aPhrase('anything', 'cap-1');
    expect(bestMatches([shared], [shared], vectors).map((m) => m.similarity)).toEqual([1]);
  });

  it('breaks ties by the id of the matched phrase', () => {
    const matches = bestMatches(
      [aPhrase('a b')],
      [aPhrase('a c', 'z-offer'), aPhrase('a d', 'a-offer')],
      vectors,
    );
    expect(matches.map((m) => m.to.id)).toEqual(['a-offer']);
  });

  // The definition: every pair compared, in the order of `to`. bestMatches compares a phrase only
  // with those sharing a term and must give the same matches, similarities equal to the last bit.
  const everyPair = (
    from: readonly Phrase[],
    to: readonly Phrase[],
    v: ReturnType<typeof phraseVectors>,
  ) =>
    from.flatMap((x) => {
      let best: { from: string; to: string; similarity: number } | null = null;
      for (const y of to) {
        const similarity = x.id === y.id ? 1 : cosine(v.get(x), v.get(y));
        if (
          similarity >= MATCH_THRESHOLD &&
          (!best ||
            similarity > best.similarity ||
            (similarity === best.similarity && y.id < best.to))
        )
          best = { from: x.id, to: y.id, similarity };
      }
      return best ? [best] : [];
    });

  it('matches what comparing every pair gives, on random phrase lists', () => {
    const words = 'a b c d e f g h'.split(' ');
    // Ids come from the words, as capability ids do: the same id is the same phrase (an empty one
    // has no terms and still matches itself).
    const phrase = fc
      .uniqueArray(fc.constantFrom(...words), { maxLength: 4 })
      .map((ws) => aPhrase(ws.join(' ')));

    // Skewed document frequencies, so that terms weigh differently.
    const corpus = aCorpus({
      capabilities: 50,
      capabilityDf: new Map(words.map((w, i) => [w, 1 + i * 6])),
    });
    fc.assert(
      fc.property(
        fc.array(phrase, { maxLength: 12 }),
        fc.array(phrase, { maxLength: 12 }),
        (from, to) => {
          const v = phraseVectors(corpus);
          const got = bestMatches(from, to, v).map((m) => ({
            from: m.from.id,
            to: m.to.id,
            similarity: m.similarity,
          }));
          expect(got).toEqual(everyPair(from, to, phraseVectors(corpus)));
          const [forth, back] = bestMatchesBothWays(from, to, v);
          const ids = (ms: typeof forth) =>
            ms.map((m) => ({ from: m.from.id, to: m.to.id, similarity: m.similarity }));
          expect(ids(forth)).toEqual(got);
          expect(ids(back)).toEqual(everyPair(to, from, phraseVectors(corpus)));
          // The index built for `to` is reused within a run and gives the same again.
          expect(bestMatches(from, to, v).map((m) => m.similarity)).toEqual(
            got.map((m) => m.similarity),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('complementarity', () => {
  const source = aProfile({
    id: 's',
    needs: [aPhrase('a b'), aPhrase('d e')],
    offers: [aPhrase('x y z')],
  });
  const candidate = aProfile({
    id: 'c',
    offers: [aPhrase('a c'), aPhrase('d e f')],
    needs: [aPhrase('x y')],
  });

  it("soft-ORs the source's needs answered by the candidate", () => {
    const oneWay = aProfile({ id: 'c', offers: candidate.offers });
    const { value } = complementarity(source, oneWay, phraseVectors(uniform));
    expect(value).toBeCloseTo(1 - (1 - 0.5) * (1 - R), 15);
  });

  it("soft-ORs the candidate's needs answered by the source", () => {
    const otherWay = aProfile({ id: 'c', needs: candidate.needs });
    const { value } = complementarity(source, otherWay, phraseVectors(uniform));
    expect(value).toBeCloseTo(R, 15);
  });

  it('combines both directions with a soft-OR', () => {
    const { value, matches } = complementarity(source, candidate, phraseVectors(uniform));
    const sourceSide = 1 - (1 - 0.5) * (1 - R);
    const candidateSide = R;
    expect(value).toBeCloseTo(1 - (1 - sourceSide) * (1 - candidateSide), 15);
    expect(value).toBeCloseTo(1 - 0.5 * (1 - R) ** 2, 15);
    // Most similar first; the tie between d-e and x-y goes to the smaller need id.
    expect(matches.map((m) => [m.need.id, m.offer.id, m.neederId, m.offererId])).toEqual([
      ['d-e', 'd-e-f', 's', 'c'],
      ['x-y', 'x-y-z', 'c', 's'],
      ['a-b', 'a-c', 's', 'c'],
    ]);
  });

  it('is the same with source and candidate swapped', () => {
    const there = complementarity(source, candidate, phraseVectors(uniform));
    const back = complementarity(candidate, source, phraseVectors(uniform));
    expect(back.value).toBe(there.value);
  });

  it('is 0 without needs', () => {
    const noNeeds = aProfile({ id: 's', offers: [aPhrase('a b')] });
    expect(
      complementarity(
        noNeeds,
        aProfile({ id: 'c', offers: [aPhrase('a b')] }),
        phraseVectors(uniform),
      ).value,
    ).toBe(0);
  });
});

describe('capabilityOverlap', () => {
  it('averages the soft-ORs of best matches in both directions', () => {
    const s = aProfile({ id: 's', offers: [aPhrase('a b')] });
    const c = aProfile({ id: 'c', offers: [aPhrase('a c'), aPhrase('a b d')] });
    const { value, pairs } = capabilityOverlap(s, c, phraseVectors(uniform));
    // s → c: "a b" best matches "a b d" (√(2/3)); c → s: "a c" (1/2) and "a b d" (√(2/3)).
    expect(value).toBeCloseTo((R + (1 - (1 - 0.5) * (1 - R))) / 2, 15);
    expect(pairs.map((p) => [p.from.id, p.to.id])).toEqual([['a-b', 'a-b-d']]);
  });

  it('is 1 for the same offered capability node', () => {
    const shared = aPhrase('a b');
    const s = aProfile({ id: 's', offers: [shared] });
    const c = aProfile({ id: 'c', offers: [shared] });
    expect(capabilityOverlap(s, c, phraseVectors(uniform)).value).toBe(1);
  });
});

describe('sectorOverlap', () => {
  const corpus = aCorpus({
    organizations: 10,
    sectorCounts: new Map([
      ['ev', 2],
      ['battery', 4],
      ['ai', 9],
    ]),
  });

  it('is the weighted Jaccard of the sectors, each weighted by idf of its count', () => {
    const s = aProfile({ id: 's', sectors: [aSector('ev'), aSector('battery')] });
    const c = aProfile({ id: 'c', sectors: [aSector('ev'), aSector('ai')] });
    const { value, shared } = sectorOverlap(s, c, corpus);
    // ev: ln(1 + 10/2) = ln 6; battery: ln(1 + 10/4) = ln 3.5; ai: ln(1 + 10/9) = ln(19/9).
    expect(value).toBeCloseTo(log(6) / (log(6) + log(3.5) + log(19 / 9)), 15);
    expect(shared).toEqual([aSector('ev')]);
  });

  it('is 1 for the same sectors, listing the rarest first', () => {
    const s = aProfile({ id: 's', sectors: [aSector('ai'), aSector('ev'), aSector('battery')] });
    const c = aProfile({ id: 'c', sectors: [aSector('battery'), aSector('ai'), aSector('ev')] });
    const { value, shared } = sectorOverlap(s, c, corpus);
    expect(value).toBe(1);
    expect(shared.map((x) => x.id)).toEqual(['ev', 'battery', 'ai']);
  });

  it('counts a sector missing from the corpus counts as held by one organisation', () => {
    const s = aProfile({ id: 's', sectors: [aSector('quantum'), aSector('ai')] });
    const c = aProfile({ id: 'c', sectors: [aSector('quantum')] });
    expect(sectorOverlap(s, c, corpus).value).toBeCloseTo(log(11) / (log(11) + log(19 / 9)), 15);
  });

  it('is 0 when either side has no sectors', () => {
    const s = aProfile({ id: 's', sectors: [aSector('ev')] });
    expect(sectorOverlap(s, aProfile({ id: 'c' }), corpus)).toEqual({ value: 0, shared: [] });
    expect(sectorOverlap(aProfile({ id: 'a' }), aProfile({ id: 'b' }), corpus).value).toBe(0);
  });
});

describe('textSimilarity', () => {
  it('is the cosine of the description TF-IDF vectors', () => {
    const corpus = aCorpus({
      organizations: 10,
      descriptionDf: new Map([
        ['battery', 2],
        ['materials', 1],
        ['simulation', 5],
      ]),
    });
    const s = aProfile({ id: 's', descriptionTerms: terms('battery simulation') });
    const c = aProfile({ id: 'c', descriptionTerms: terms('materials simulation') });
    const { value, sharedTerms } = textSimilarity(
      descriptionVector(s, corpus),
      descriptionVector(c, corpus),
    );
    expect(value).toBeCloseTo(
      log(3) ** 2 / (sqrt(log(6) ** 2 + log(3) ** 2) * sqrt(log(11) ** 2 + log(3) ** 2)),
      15,
    );
    expect(sharedTerms).toEqual(['simulation']);
  });
});

describe('network', () => {
  it('is 0 without mutual connections', () => {
    expect(network([])).toEqual({ value: 0, adamicAdar: 0 });
  });

  it('is 1 − e^(−AA) with AA = Σ 1 / ln(degree)', () => {
    const { value, adamicAdar } = network([aMutual('m1', 2), aMutual('m2', 3)]);
    expect(adamicAdar).toBeCloseTo(1 / log(2) + 1 / log(3), 15);
    expect(value).toBeCloseTo(1 - exp(-(1 / log(2) + 1 / log(3))), 15);
  });

  it('weighs a hub less than a small connector', () => {
    expect(network([aMutual('hub', 100)]).value).toBeLessThan(network([aMutual('small', 3)]).value);
  });

  it('reads a degree below 2 as 2', () => {
    expect(network([aMutual('m', 1)]).adamicAdar).toBe(1 / log(2));
    expect(network([aMutual('m', 0)]).adamicAdar).toBe(1 / log(2));
  });

  it('does not depend on the order of the list', () => {
    const list = [aMutual('m1', 2), aMutual('m2', 3), aMutual('m3', 7)];
    expect(network([...list].reverse())).toEqual(network(list));
  });

  it('divides Adamic–Adar by the scale before squashing it', () => {
    const list = [aMutual('m1', 2), aMutual('m2', 3)];
    const aa = 1 / log(2) + 1 / log(3);
    expect(network(list, 4)).toEqual({ value: 1 - exp(-aa / 4), adamicAdar: aa });
  });
});

describe('networkScale', () => {
  const tenth = NETWORK_SCALE_RANK;

  it('is 1 while fewer than ten candidates have Adamic–Adar above 1', () => {
    expect(networkScale([])).toBe(1);
    expect(networkScale([...Array<number>(tenth - 1).fill(8), 1, 1, 0.5])).toBe(1);
  });

  it('is the tenth largest Adamic–Adar when that is above 1, whatever the order', () => {
    const values = Array.from({ length: 25 }, (_, i) => 0.5 + i * 0.4);
    const expected = [...values].sort((a, b) => b - a)[tenth - 1];
    expect(networkScale(values)).toBe(expected);
    expect(networkScale([...values].reverse())).toBe(expected);
    expect(networkScale([...values.slice(7), ...values.slice(0, 7)])).toBe(expected);
  });

  it('keeps the network telling dense candidates apart', () => {
    // Ten candidates sharing 6 to 15 partners of degree 10: 1 − e^(−AA) puts them all within
    // 0.93–0.998; divided by the tenth largest, they spread over 0.63–0.92.
    const aa = Array.from({ length: 10 }, (_, i) => (6 + i) / log(10));
    const scale = networkScale(aa);
    expect(scale).toBe(aa[0]);
    const plain = aa.map((x) => networkValue(x));
    const scaled = aa.map((x) => networkValue(x, scale));
    expect(Math.max(...plain) - Math.min(...plain)).toBeLessThan(0.08);
    expect(Math.max(...scaled) - Math.min(...scaled)).toBeGreaterThan(0.28);
  });
});

describe('geography', () => {
  // uk (COUNTRY) ⊃ england (REGION) ⊃ manchester, leeds (CITY); manchester ⊃ msp (SITE).
  const uk = aPlace('uk', 'COUNTRY', 'United Kingdom');
  const england = aPlace('england', 'REGION', 'England');
  const manchester = aPlace('manchester', 'CITY', 'Manchester');
  const leeds = aPlace('leeds', 'CITY', 'Leeds');
  const msp = aPlace('msp', 'SITE', 'Manchester Science Park');
  const de = aPlace('de', 'COUNTRY', 'Germany');
  const fr = aPlace('fr', 'COUNTRY', 'France');
  const us = aPlace('us', 'COUNTRY', 'United States');
  const at = (...closure: (typeof uk)[]): typeof closure => closure;

  it('has the levels SITE 1, CITY 0.6, REGION 0.35, COUNTRY 0.25', () => {
    expect(GEOGRAPHY_LEVELS).toEqual({ SITE: 1, CITY: 0.6, REGION: 0.35, COUNTRY: 0.25 });
  });

  it.each([
    ['the same site', at(msp, manchester, england, uk), at(msp, manchester, england, uk), 1, msp],
    [
      'the same city',
      at(msp, manchester, england, uk),
      at(manchester, england, uk),
      0.6,
      manchester,
    ],
    ['the same region', at(manchester, england, uk), at(leeds, england, uk), 0.35, england],
    ['the same country', at(manchester, uk), at(leeds, uk), 0.25, uk],
    ['nowhere in common', at(manchester, england, uk), at(de), 0, null],
  ])('scores %s by the most specific shared place', (_label, sClosure, cClosure, level, place) => {
    const s = aProfile({ id: 's', locationClosure: sClosure });
    const c = aProfile({ id: 'c', locationClosure: cClosure });
    const result = geography(s, c);
    expect(result.value).toBe(level);
    expect(result.place).toEqual(place && { name: place.name, kind: place.kind });
    expect(result.sharedMarkets).toEqual([]);
  });

  it('adds shared markets as 1 − (1 − level)(1 − 0.5 · jaccard)', () => {
    const s = aProfile({
      id: 's',
      locationClosure: at(manchester, england, uk),
      markets: [de, fr],
    });
    const c = aProfile({ id: 'c', locationClosure: at(leeds, england, uk), markets: [us, fr] });
    const result = geography(s, c);
    // Region level 0.35; markets {de, fr} and {fr, us}: jaccard 1/3.
    expect(result.value).toBeCloseTo(1 - (1 - 0.35) * (1 - 0.5 * (1 / 3)), 15);
    expect(result.sharedMarkets).toEqual(['France']);
  });

  it('gives markets alone at most 0.5', () => {
    const s = aProfile({ id: 's', markets: [de, fr] });
    const c = aProfile({ id: 'c', markets: [fr, de] });
    const result = geography(s, c);
    expect(result.value).toBe(0.5);
    expect(result.place).toBeNull();
    expect(result.sharedMarkets).toEqual(['France', 'Germany']);
  });

  it('breaks a tie between places of one level by name', () => {
    const zurich = aPlace('zz', 'CITY', 'Zurich');
    const aachen = aPlace('aa', 'CITY', 'Aachen');
    const s = aProfile({ id: 's', locationClosure: at(zurich, aachen) });
    const c = aProfile({ id: 'c', locationClosure: at(aachen, zurich) });
    expect(geography(s, c).place).toEqual({ name: 'Aachen', kind: 'CITY' });
    expect(geography(c, s).place).toEqual({ name: 'Aachen', kind: 'CITY' });
  });
});

describe('activity', () => {
  it('is log(1 + relationships) / log(1 + organisations): 0 with none, 1 related to all', () => {
    expect(activity(0, 1000)).toBe(0);
    expect(activity(9, 999)).toBeCloseTo(Math.log(10) / Math.log(1000), 15);
    expect(activity(999, 999)).toBe(1);
    expect(activity(5000, 999)).toBe(1); // parallel relationships can exceed the organisations
    expect(activity(3, 0)).toBe(1);
  });

  it('grows with the relationships', () => {
    let last = -1;
    for (const d of [0, 1, 2, 5, 10, 50, 100]) {
      expect(activity(d, 10_000)).toBeGreaterThan(last);
      last = activity(d, 10_000);
    }
  });
});
