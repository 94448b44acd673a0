// Neo4j for the benchmark: the server given by NEO4J_URI, or a fresh test server (the real Neo4j
// Community of test/neo4j-server) per graph size; and the exhaustive Cypher baseline. This is
// benchmark tooling, so it talks to Neo4j through the driver directly: the product's Cypher stays
// in src/graph/neo4j, and the baseline query is not part of the product.
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { RELATIONSHIP_TYPES } from '../../src/graph/graph.types';
import { memoryOf, type MemoryUse } from './server';

import { canLaunch, startNeo4j } from '../../test/support/neo4j-launcher';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Where it came from, for the report. */
  description: string;
  /** The JVM's memory when we launched it; null for an external server. */
  memory(): MemoryUse | null;
  stop(): Promise<void>;
}

/** NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) when set, else null. */
export function externalNeo4j(env: NodeJS.ProcessEnv = process.env): Neo4jTarget | null {
  if (!env.NEO4J_URI) return null;
  return {
    uri: env.NEO4J_URI,
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    database: env.NEO4J_DATABASE ?? 'neo4j',
    description: `external Neo4j at ${env.NEO4J_URI}`,
    memory: () => null,
    stop: () => Promise.resolve(),
  };
}

export function canLaunchNeo4j(): boolean {
  return canLaunch();
}

/** A fresh Neo4j Community test server in a temporary directory (deleted on stop). */
export async function launchNeo4j(
  memory: { heap: string; pageCache: string },
  log: (m: string) => void,
): Promise<Neo4jTarget> {
  const password = `bench-${randomBytes(8).toString('hex')}`;
  const server = await startNeo4j({
    password,
    heap: memory.heap,
    pageCache: memory.pageCache,
    log: (m) => (m.includes(' ERROR ') ? log(m) : undefined),
  });
  return {
    uri: server.uri,
    user: server.user,
    password,
    database: 'neo4j',
    description: `Neo4j Community 5.26 test server (test/neo4j-server; heap ${memory.heap}, page cache ${memory.pageCache}, serial GC), fresh per size`,
    memory: () => memoryOf(server.pid),
    stop: () => server.stop(),
  };
}

export function connect(target: Neo4jTarget): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    maxConnectionPoolSize: 4,
  });
}

export async function countOrganizations(driver: Driver, database: string): Promise<number> {
  const res = await driver.executeQuery(
    'MATCH (o:Organization) RETURN count(o) AS n',
    {},
    { database },
  );
  return Number(res.records[0]?.get('n') ?? 0);
}

/** Deletes every node, in batches (only with --neo4j-wipe: it empties the whole database). */
export async function wipe(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

const ORG_RELS = RELATIONSHIP_TYPES.join('|');

/**
 * The straightforward exhaustive query: every organisation that is not the source or a partner,
 * scored by shared sectors + shared capability nodes (offered or needed) + common partners,
 * top k by (score desc, id). No candidate generation, no text analysis: what a first Cypher
 * version of "who should this organisation meet" looks like.
 */
export const EXHAUSTIVE_CYPHER = `
MATCH (s:Organization {id: $id})
MATCH (c:Organization)
WHERE c <> s AND NOT EXISTS { (s)-[:${ORG_RELS}]-(c) }
WITH s, c,
  COUNT { (s)-[:IN_SECTOR]->(:Sector)<-[:IN_SECTOR]-(c) } AS sectors,
  COUNT { (s)-[:OFFERS|NEEDS]->(:Capability)<-[:OFFERS|NEEDS]-(c) } AS capabilities,
  COUNT { MATCH (s)-[:${ORG_RELS}]-(z:Organization)-[:${ORG_RELS}]-(c) RETURN DISTINCT z } AS common
WITH c, sectors + capabilities + common AS score
WHERE score > 0
RETURN c.id AS id
ORDER BY score DESC, id
LIMIT $k`;

export async function cypherExhaustive(
  driver: Driver,
  database: string,
  id: string,
  k: number,
): Promise<string[]> {
  const res = await driver.executeQuery(
    EXHAUSTIVE_CYPHER,
    { id, k: neo4j.int(k) },
    { database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => String(r.get('id')));
}
