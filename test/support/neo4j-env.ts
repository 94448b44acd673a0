// Whether the Neo4j suites run in this Jest run (global-setup decides), and how to reach Neo4j.
export const neo4jEnv = process.env.NEO4J_URI
  ? {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    }
  : null;

/** describe() when Neo4j is available, else describe.skip() with a visible note. */
export const describeNeo4j = (name: string, fn: () => void): void => {
  if (neo4jEnv) {
    describe(name, fn);
  } else {
    console.warn(`SKIPPED (no Neo4j): ${name}`);
    describe.skip(name, fn);
  }
};
