// TF-IDF vectors over analysed terms and their cosine similarity. IDF comes from corpus-wide
// document frequencies (held by the store), so a rare shared term ("electrolyte") weighs more than
// a common one ("ai"), and scores do not depend on which candidates happen to be compared.

export type Vector = Map<string, number>;

/** ln(1 + n / df): always positive; an unseen term (df 0) counts as seen once. */
export function idf(n: number, df: number | undefined): number {
  return Math.log(1 + Math.max(n, 1) / Math.max(df ?? 0, 1));
}

/** Unit-length TF-IDF vector, terms in sorted order so that sums are computed in one order. */
export function tfidf(
  counts: ReadonlyMap<string, number>,
  n: number,
  df: ReadonlyMap<string, number>,
): Vector {
  const terms = [...counts.keys()].sort();
  const raw = terms.map((t) => (counts.get(t) ?? 0) * idf(n, df.get(t)));
  let norm = 0;
  for (const x of raw) norm += x * x;
  norm = Math.sqrt(norm);
  const out: Vector = new Map();
  if (norm === 0) return out;
  terms.forEach((t, i) => out.set(t, (raw[i] as number) / norm));
  return out;
}

/** Cosine of two unit vectors, in [0, 1] (weights are non-negative). */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const shared = [...small.keys()].filter((t) => large.has(t)).sort();
  let dot = 0;
  for (const t of shared) dot += (small.get(t) as number) * (large.get(t) as number);
  return Math.min(1, Math.max(0, dot));
}

/** The shared terms of two vectors, by combined weight (desc), then term. */
export function sharedTerms(a: Vector, b: Vector): string[] {
  return [...a.keys()]
    .filter((t) => b.has(t))
    .sort(
      (x, y) =>
        (a.get(y) as number) * (b.get(y) as number) - (a.get(x) as number) * (b.get(x) as number) ||
        (x < y ? -1 : 1),
    );
}
