// Document frequencies of analysed terms, kept up to date by every write: (:Term {id, descDf, capDf})
// counts the organisations whose description holds the term and the capabilities whose phrase does,
// so that matching reads them by index instead of counting full-text hits.
CREATE CONSTRAINT term_id IF NOT EXISTS FOR (t:Term) REQUIRE t.id IS UNIQUE;
