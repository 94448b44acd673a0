// Candidate channels of matching. `descTerms` (organisations) and `terms` (capabilities) hold the
// matching analyzer's terms joined by single spaces; the whitespace analyzer indexes exactly those
// terms, so an exact-term query finds the nodes holding a term without scanning them all.
CREATE FULLTEXT INDEX organization_description_terms IF NOT EXISTS
FOR (o:Organization) ON EACH [o.descTerms]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } };
CREATE FULLTEXT INDEX capability_terms IF NOT EXISTS
FOR (c:Capability) ON EACH [c.terms]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } };
// Which analyzer produced the stored terms: a changed analyzer triggers a recomputation at start.
CREATE CONSTRAINT analyzer_state_id IF NOT EXISTS FOR (s:AnalyzerState) REQUIRE s.id IS UNIQUE;
