import { Rng } from '../../../generator/prng';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../../graph/graph.types';
import {
  learnLinkStrengths,
  mutualStrength,
  pairKey,
  primaryType,
  type WedgeObservation,
} from '../link-strength';
import { LINK_STRENGTH, linkStrength } from '../paths';

/** n wedges of the pair at centres of the given degree, `closed` of them closed. */
function wedges(
  a: RelationshipType,
  b: RelationshipType,
  n: number,
  closed: number,
  centreDegree = 10,
): WedgeObservation[] {
  return Array.from({ length: n }, (_, i) => ({
    centreDegree,
    typesA: [a],
    typesB: [b],
    closed: i < closed,
  }));
}

describe('link-type strengths learned from wedges', () => {
  it('gives every pair its fixed-table value when no wedge is closed', () => {
    const m = learnLinkStrengths([...wedges('SUPPORTS', 'SUPPORTS', 50, 0)]);
    for (const p of m.pairs.values()) {
      expect(p.strength).toBeCloseTo(LINK_STRENGTH[p.types[0]] * LINK_STRENGTH[p.types[1]], 12);
    }
    expect(m.pairs.size).toBe(15); // every unordered pair of the five types
  });

  it('counts 1 for pairs that close as often as their centres’ degrees predict', () => {
    const m = learnLinkStrengths([
      ...wedges('COLLABORATES_WITH', 'COLLABORATES_WITH', 20000, 2000),
      ...wedges('SUPPORTS', 'SUPPORTS', 20000, 2000),
    ]);
    // (the prior pulls each a little: 5 expected closures' worth against 2,000)
    expect(m.pairs.get(pairKey('SUPPORTS', 'SUPPORTS'))?.strength).toBeCloseTo(1, 1);
    expect(m.pairs.get(pairKey('COLLABORATES_WITH', 'COLLABORATES_WITH'))?.strength).toBeCloseTo(
      1,
      1,
    );
    expect(m.closedShare).toBeCloseTo(0.1, 12);
  });

  it('discounts a pair that rarely closes and keeps the prior for a pair hardly seen', () => {
    const m = learnLinkStrengths([
      ...wedges('COLLABORATES_WITH', 'COLLABORATES_WITH', 5000, 1000),
      ...wedges('SUPPORTS', 'SUPPORTS', 5000, 20),
      ...wedges('FUNDS', 'PART_OF', 3, 0),
    ]);
    const supports = m.pairs.get(pairKey('SUPPORTS', 'SUPPORTS'));
    const collab = m.pairs.get(pairKey('COLLABORATES_WITH', 'COLLABORATES_WITH'));
    expect(supports?.strength).toBeLessThan(0.1 + 1e-12);
    expect(collab?.strength).toBeGreaterThan(1.5);
    const rare = m.pairs.get(pairKey('PART_OF', 'FUNDS'));
    expect(rare?.observed).toBe(3);
    expect(rare?.strength).toBeCloseTo(rare?.prior ?? 0, 1);
  });

  it('weighs each wedge by its centre’s degree, as Adamic–Adar does', () => {
    // Hubs close fewer of their wedges; Adamic–Adar expects that much and no less.
    const hubRate = 1 / Math.log(1000);
    const smallRate = 1 / Math.log(10);
    const m = learnLinkStrengths([
      ...wedges('SUPPORTS', 'SUPPORTS', 10000, Math.round(10000 * 0.3 * hubRate), 1000),
      ...wedges('COLLABORATES_WITH', 'SUPPLIES', 10000, Math.round(10000 * 0.3 * smallRate), 10),
    ]);
    expect(m.pairs.get(pairKey('SUPPORTS', 'SUPPORTS'))?.strength).toBeCloseTo(1, 1);
    expect(m.pairs.get(pairKey('SUPPLIES', 'COLLABORATES_WITH'))?.strength).toBeCloseTo(1, 1);
  });

  it('counts a link of several types as its strongest', () => {
    expect(primaryType(['SUPPORTS', 'COLLABORATES_WITH'])).toBe('COLLABORATES_WITH');
    expect(primaryType(['SUPPORTS', 'PART_OF'])).toBe('PART_OF');
    expect(primaryType([])).toBeNull();
    expect(pairKey('SUPPORTS', 'FUNDS')).toBe(pairKey('FUNDS', 'SUPPORTS'));
  });

  it('uses the fixed table without a model, and the learned pair with one', () => {
    expect(mutualStrength(null, ['SUPPORTS', 'FUNDS'], ['SUPPLIES'])).toBeCloseTo(
      linkStrength(['SUPPORTS', 'FUNDS']) * linkStrength(['SUPPLIES']),
      12,
    );
    const m = learnLinkStrengths([
      ...wedges('COLLABORATES_WITH', 'COLLABORATES_WITH', 5000, 1000),
      ...wedges('SUPPORTS', 'SUPPORTS', 5000, 20),
    ]);
    expect(mutualStrength(m, ['SUPPORTS'], ['SUPPORTS'])).toBe(
      m.pairs.get(pairKey('SUPPORTS', 'SUPPORTS'))?.strength,
    );
    expect(mutualStrength(m, [], ['SUPPORTS'])).toBe(0);
  });

  it('properties: symmetric in the two ends, within bounds, unchanged by the order of wedges', () => {
    const rng = new Rng(11);
    const pick = (): RelationshipType[] =>
      RELATIONSHIP_TYPES.filter(() => rng.chance(0.3)).slice(0, 1 + rng.int(2));
    for (let round = 0; round < 50; round++) {
      const obs: WedgeObservation[] = Array.from({ length: 1 + rng.int(400) }, () => ({
        centreDegree: 2 + rng.int(500),
        typesA: pick(),
        typesB: pick(),
        closed: rng.chance(0.2),
      }));
      const m = learnLinkStrengths(obs);
      const swapped = learnLinkStrengths(
        obs.map((o) => ({ ...o, typesA: o.typesB, typesB: o.typesA })),
      );
      const reversed = learnLinkStrengths([...obs].reverse());
      for (const [key, p] of m.pairs) {
        expect(p.strength).toBeGreaterThanOrEqual(0.1);
        expect(p.strength).toBeLessThanOrEqual(3);
        expect(swapped.pairs.get(key)?.strength).toBeCloseTo(p.strength, 12);
        expect(reversed.pairs.get(key)?.strength).toBeCloseTo(p.strength, 9);
        if (p.observed === 0) expect(p.strength).toBeCloseTo(p.prior, 12);
      }
    }
  });
});
