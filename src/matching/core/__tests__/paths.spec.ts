import { LINK_STRENGTH, rankPaths } from '../paths';
import { aLink, aPath } from './match-profile.factory';

describe('LINK_STRENGTH', () => {
  it('ranks collaboration above funding, supply, membership and support', () => {
    expect(LINK_STRENGTH).toEqual({
      COLLABORATES_WITH: 1,
      FUNDS: 0.9,
      SUPPLIES: 0.85,
      PART_OF: 0.8,
      SUPPORTS: 0.7,
    });
  });
});

describe('rankPaths', () => {
  it('multiplies over hops the soft-OR of the link strengths on each hop', () => {
    const path = aPath(
      ['s', 'x', 't'],
      [
        aLink('s', 'x', 'SUPPORTS', 2019),
        aLink('x', 's', 'PART_OF', 2021),
        aLink('x', 't', 'SUPPLIES', 2018),
      ],
    );
    const [ranked] = rankPaths([path]);
    // Hop s–x: 1 − (1 − 0.7)(1 − 0.8) = 0.94; hop x–t: 0.85.
    expect(ranked?.hops).toBe(2);
    expect(ranked?.strength).toBeCloseTo(0.94 * 0.85, 15);
    expect(ranked?.organizationIds).toEqual(['s', 'x', 't']);
    expect(ranked?.relationships).toEqual(path.relationships);
  });

  it("takes as recency the oldest hop's latest year", () => {
    const path = aPath(
      ['s', 'x', 't'],
      [
        aLink('s', 'x', 'SUPPORTS', 2019),
        aLink('x', 's', 'PART_OF', 2021),
        aLink('t', 'x', 'FUNDS', 2018),
      ],
    );
    expect(rankPaths([path])[0]?.recency).toBe(2018);
  });

  it('has no recency when a hop has no year', () => {
    const path = aPath(
      ['s', 'x', 't'],
      [aLink('s', 'x', 'FUNDS', 2020), aLink('x', 't', 'FUNDS', null)],
    );
    expect(rankPaths([path])[0]?.recency).toBeNull();
  });

  it('counts a link in either direction, and only on its own hop', () => {
    const path = aPath(
      ['s', 'x', 't'],
      [
        aLink('x', 's', 'FUNDS', 2020),
        aLink('t', 'x', 'SUPPORTS', 2021),
        aLink('s', 't', 'COLLABORATES_WITH', 2022),
      ],
    );
    const [ranked] = rankPaths([path]);
    expect(ranked?.strength).toBeCloseTo(0.9 * 0.7, 15);
    expect(ranked?.recency).toBe(2020);
  });

  it('gives a path of one organisation 0 hops, strength 1 and no recency', () => {
    expect(rankPaths([aPath(['s'], [])])).toEqual([
      { organizationIds: ['s'], relationships: [], hops: 0, strength: 1, recency: null },
    ]);
  });

  it('orders by hops, then strength, then recency (unknown last), then the id sequence', () => {
    const both = (
      mid: string,
      type: 'COLLABORATES_WITH' | 'SUPPORTS',
      y1: number | null,
      y2: number | null,
    ) =>
      aPath(['s', mid, 't'], [aLink('s', mid, 'COLLABORATES_WITH', y1), aLink(mid, 't', type, y2)]);
    const paths = [
      both('a', 'COLLABORATES_WITH', 2020, 2020), // 2 hops, strength 1, recency 2020
      both('b', 'SUPPORTS', 2024, 2024), // 2 hops, strength 0.7
      aPath(['s', 't'], [aLink('s', 't', 'SUPPORTS', null)]), // 1 hop, weak, no year
      both('e', 'COLLABORATES_WITH', null, 2023), // 2 hops, strength 1, no recency
      both('c', 'COLLABORATES_WITH', 2022, 2023), // 2 hops, strength 1, recency 2022
      both('d', 'COLLABORATES_WITH', null, null), // as e; s-d-t before s-e-t
    ];
    expect(rankPaths(paths).map((p) => p.organizationIds.join('-'))).toEqual([
      's-t',
      's-c-t',
      's-a-t',
      's-d-t',
      's-e-t',
      's-b-t',
    ]);
  });

  it('gives the same order whatever the input order', () => {
    const paths = [
      aPath(['s', 'b', 't'], [aLink('s', 'b', 'FUNDS'), aLink('b', 't', 'FUNDS')]),
      aPath(['s', 'a', 't'], [aLink('s', 'a', 'FUNDS'), aLink('a', 't', 'FUNDS')]),
      aPath(['s', 'c', 't'], [aLink('s', 'c', 'FUNDS'), aLink('c', 't', 'FUNDS')]),
    ];
    const ids = (list: typeof paths): string[] =>
      rankPaths(list).map((p) => p.organizationIds.join('-'));
    expect(ids(paths)).toEqual(['s-a-t', 's-b-t', 's-c-t']);
    expect(ids([...paths].reverse())).toEqual(ids(paths));
  });
});
