// Whether the Neo4j suites run in this Jest run (global-setup decides), and how to reach Neo4j.
import { lockNeo4j } from './neo4j-lock';

export const neo4jEnv = process.env.NEO4J_URI
  ? {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    }
  : null;

/** The longest a Neo4j suite waits for the others (they run one at a time, see neo4j-lock). */
const LOCK_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * describe() when Neo4j is available, holding the Neo4j lock (one Neo4j suite at a time) from
 * before the suite's own beforeAll to after its own afterAll; else describe.skip() with a
 * visible note.
 */
export const describeNeo4j = (name: string, fn: () => void): void => {
  const env = neo4jEnv;
  if (env) {
    describe(name, () => {
      let release: (() => void) | null = null;
      beforeAll(async () => {
        release = await lockNeo4j(env.uri, LOCK_TIMEOUT_MS);
      }, LOCK_TIMEOUT_MS + 10_000);
      fn();
      afterAll(() => release?.());
    });
  } else {
    console.warn(`SKIPPED (no Neo4j): ${name}`);
    describe.skip(name, fn);
  }
};
