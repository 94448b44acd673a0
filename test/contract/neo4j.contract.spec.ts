// The store contract against a real Neo4j (the test server, or NEO4J_URI). Data is isolated by
// unique ids, never by wiping, so one server serves every test.
import { Neo4jGraphStore } from '../../src/graph/neo4j/neo4j-graph-store';
import { describeNeo4j, neo4jEnv } from '../support/neo4j-env';
import { runGraphStoreContract } from './graph-store.contract';
import { runMatchGraphContract } from './match-graph.contract';

describeNeo4j('Neo4j adapter', () => {
  const open = async () => {
    const env = neo4jEnv!;
    const store = new Neo4jGraphStore({
      uri: env.uri,
      user: env.user,
      password: env.password,
      database: env.database,
    });
    await store.init();
    return { store, dispose: () => store.close() };
  };
  runGraphStoreContract('neo4j', open);
  runMatchGraphContract('neo4j', open);
});
