import { cosine, idf, sharedTerms, tfidf } from '../vectors';
import { terms } from './match-profile.factory';

const { log, sqrt } = Math;

describe('idf', () => {
  it('is ln(1 + n / df)', () => {
    expect(idf(10, 2)).toBe(log(6));
    expect(idf(10, 10)).toBe(log(2));
    expect(idf(10, 4)).toBe(log(3.5));
  });

  it('counts an unseen term (df 0 or missing) as seen once', () => {
    expect(idf(10, 0)).toBe(log(11));
    expect(idf(10, undefined)).toBe(log(11));
  });

  it('treats an empty corpus as one document, so it stays positive', () => {
    expect(idf(0, 0)).toBe(log(2));
    expect(idf(0, 5)).toBe(log(1.2));
  });

  it('weighs a rare term more than a common one', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 50));
  });
});

describe('tfidf', () => {
  const df = new Map([
    ['battery', 2],
    ['materials', 1],
    ['simulation', 5],
  ]);

  it('gives a unit vector of count × idf, terms in sorted order', () => {
    const v = tfidf(terms('simulation battery'), 10, df);
    const norm = sqrt(log(6) ** 2 + log(3) ** 2);
    expect([...v.keys()]).toEqual(['battery', 'simulation']);
    expect(v.get('battery')).toBeCloseTo(log(6) / norm, 15);
    expect(v.get('simulation')).toBeCloseTo(log(3) / norm, 15);
  });

  it('multiplies by the term count', () => {
    const v = tfidf(terms('battery battery simulation'), 10, df);
    const norm = sqrt((2 * log(6)) ** 2 + log(3) ** 2);
    expect(v.get('battery')).toBeCloseTo((2 * log(6)) / norm, 15);
    expect(v.get('simulation')).toBeCloseTo(log(3) / norm, 15);
  });

  it('gives one term the weight 1', () => {
    expect(tfidf(terms('electrolyte'), 10, df)).toEqual(new Map([['electrolyte', 1]]));
  });

  it('gives an empty vector for no terms', () => {
    expect(tfidf(new Map(), 10, df).size).toBe(0);
  });
});

describe('cosine', () => {
  const df = new Map([
    ['battery', 2],
    ['materials', 1],
    ['simulation', 5],
  ]);

  it('is the idf-weighted overlap of two two-term phrases', () => {
    // battery simulation · materials simulation: only "simulation" (idf ln 3) is shared.
    const a = tfidf(terms('battery simulation'), 10, df);
    const b = tfidf(terms('materials simulation'), 10, df);
    const expected =
      log(3) ** 2 / (sqrt(log(6) ** 2 + log(3) ** 2) * sqrt(log(11) ** 2 + log(3) ** 2));
    expect(cosine(a, b)).toBeCloseTo(expected, 15);
    expect(expected).toBeCloseTo(0.2177, 4);
  });

  it('is 1/2 for {a, b} · {a, c} when every term weighs the same', () => {
    const a = tfidf(terms('a b'), 10, new Map());
    const b = tfidf(terms('a c'), 10, new Map());
    expect(cosine(a, b)).toBeCloseTo(0.5, 15);
  });

  it('is 1 for identical vectors, 0 for disjoint or empty ones', () => {
    const a = tfidf(terms('battery simulation'), 10, df);
    expect(cosine(a, a)).toBeCloseTo(1, 15);
    expect(cosine(a, tfidf(terms('materials'), 10, df))).toBe(0);
    expect(cosine(a, new Map())).toBe(0);
    expect(cosine(new Map(), new Map())).toBe(0);
  });

  it('is symmetric, whichever vector is the smaller', () => {
    const a = tfidf(terms('battery simulation'), 10, df);
    const b = tfidf(terms('materials simulation battery'), 10, df);
    expect(cosine(a, b)).toBe(cosine(b, a));
  });

  it('never leaves [0, 1], even for vectors that are not unit length', () => {
    const big = new Map([['x', 3]]);
    expect(cosine(big, big)).toBe(1);
  });
});

describe('sharedTerms', () => {
  it('orders the shared terms by combined weight, then by term', () => {
    const a = new Map([
      ['ai', 0.2],
      ['battery', 0.5],
      ['cell', 0.5],
      ['zinc', 0.6],
    ]);
    const b = new Map([
      ['ai', 0.9],
      ['battery', 0.4],
      ['cell', 0.4],
      ['other', 1],
    ]);
    // ai 0.18, battery 0.2, cell 0.2 (tie → by term); zinc is not shared.
    expect(sharedTerms(a, b)).toEqual(['battery', 'cell', 'ai']);
  });
});
