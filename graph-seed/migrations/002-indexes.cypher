// Search candidates. `searchText` holds the organisation's documentTokens (src/graph/search.ts)
// joined by single spaces, already lower-cased and split exactly as the shared search semantics
// split text; the whitespace analyzer therefore indexes exactly those tokens. The standard analyzer
// would split them again (e.g. every Han character on its own) and prefix queries would miss.
CREATE FULLTEXT INDEX organization_search IF NOT EXISTS
FOR (o:Organization) ON EACH [o.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } };
// Listing pages are ordered by (sortName, id) with a keyset cursor: the index provides the order.
CREATE RANGE INDEX organization_sort_name IF NOT EXISTS FOR (o:Organization) ON (o.sortName);
// Kind filters and the per-kind counts of the dashboard statistics.
CREATE RANGE INDEX organization_kind IF NOT EXISTS FOR (o:Organization) ON (o.kind);
