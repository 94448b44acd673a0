// Organisation search semantics shared by both stores, so that they return the same pages:
// tokens, matching (every query term is a prefix of some token of name, aliases or description),
// ordering (tier, name, id) and opaque keyset cursors.
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';

/**
 * Lower-case runs of letters and digits. Apostrophes are dropped inside words ("Kong’s" → "kongs")
 * so that possessives do not leave one-letter tokens behind.
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Distinct query terms in first-seen order. */
export function queryTerms(search: string): string[] {
  return [...new Set(searchTokens(search))];
}

export interface SearchableOrganization {
  id: string;
  name: string;
  aliases: readonly string[];
  description: string | null;
}

/** The tokens a search can hit: name, aliases and description. */
export function documentTokens(o: SearchableOrganization): string[] {
  return [
    ...new Set([
      ...searchTokens(o.name),
      ...o.aliases.flatMap(searchTokens),
      ...searchTokens(o.description ?? ''),
    ]),
  ];
}

/** The tokens of the name and aliases only (tier 1). */
export function nameTokens(o: SearchableOrganization): string[] {
  return [...new Set([searchTokens(o.name), ...o.aliases.map(searchTokens)].flat())];
}

/** Exact-match keys of the name and aliases: lower-cased tokens joined by one space (tier 0). */
export function nameKeys(o: SearchableOrganization): string[] {
  return [...new Set([o.name, ...o.aliases].map((n) => searchTokens(n).join(' ')))];
}

/** Sort key of an organisation's name. */
export function sortName(name: string): string {
  return searchTokens(name).join(' ');
}

export const matchesAllTerms = (tokens: readonly string[], terms: readonly string[]): boolean =>
  terms.every((t) => tokens.some((x) => x.startsWith(t)));

/**
 * 0: the query is the name or an alias; 1: every term hits the name or an alias;
 * 2: some term only hits the description. Without a search every organisation is tier 0.
 */
export function searchTier(o: SearchableOrganization, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  if (nameKeys(o).includes(terms.join(' '))) return 0;
  return matchesAllTerms(nameTokens(o), terms) ? 1 : 2;
}

export interface SortKey {
  tier: number;
  name: string;
  id: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareSortKeys(a: SortKey, b: SortKey): number {
  return a.tier - b.tier || cmp(a.name, b.name) || cmp(a.id, b.id);
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.tier, key.name, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    ) {
      return { tier: value[0], name: value[1], id: value[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(DomainErrorCode.BAD_USER_INPUT, 'after: not a valid cursor', 'after');
}

/** Lucene query for the full-text index: every term as a prefix, special characters escaped. */
export function luceneQuery(terms: readonly string[]): string {
  return terms.map((t) => `+${t.replace(/[+\-&|!(){}[\]^"~*?:\\/]/gu, '\\$&')}*`).join(' ');
}
