// Lucene details of the full-text indexes: terms are indexed by the whitespace analyzer, so what
// is stored is exactly what is looked up, except that Lucene cuts tokens of more than 255 UTF-16
// units into pieces. Such terms are stored and queried by a shorter prefix.

/** Longest term kept whole; comfortably under Lucene's 255-unit token limit. */
export const INDEX_TERM_MAX = 200;

/** The term itself, or its first INDEX_TERM_MAX units (never half a surrogate pair). */
export function indexTerm(term: string): string {
  if (term.length <= INDEX_TERM_MAX) return term;
  const cut = term.slice(0, INDEX_TERM_MAX);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/gu;

/** An exact-term query: the (shortened) term, quoted and escaped, so no query syntax applies. */
export function exactTermQuery(term: string): string {
  return `"${indexTerm(term).replace(SPECIAL, '\\$&')}"`;
}

/** The stored form of a term list: distinct shortened terms joined by single spaces. */
export function termText(terms: readonly string[]): string {
  return [...new Set(terms.map(indexTerm))].join(' ');
}
