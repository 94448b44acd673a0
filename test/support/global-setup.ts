// Decides where the Neo4j suites run: NEO4J_URI when set; otherwise the real Neo4j test server
// (test/neo4j-server) built and started here when java and mvn exist; otherwise the Neo4j suites
// are skipped, loudly, and under CI=true that is a failure.
import {
  Neo4jServer,
  startNeo4j,
  canLaunch,
  ensureBuilt,
  DEFAULT_PASSWORD,
} from './neo4j-launcher';

declare global {
  var __NEO4J_SERVER__: Neo4jServer | undefined;
}

const banner = (lines: string[]): void => {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '*'.repeat(width);
  process.stderr.write(
    `\n${bar}\n${lines.map((l) => `* ${l.padEnd(width - 4)} *`).join('\n')}\n${bar}\n\n`,
  );
};

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    process.env.NEO4J_USER ??= 'neo4j';
    process.env.NEO4J_PASSWORD ??= DEFAULT_PASSWORD;
    process.stderr.write(`\nNeo4j suites run against NEO4J_URI=${process.env.NEO4J_URI}\n`);
    return;
  }
  if (process.env.SKIP_NEO4J !== 'true' && canLaunch()) {
    process.stderr.write('\nBuilding and starting the Neo4j test server (test/neo4j-server)…\n');
    ensureBuilt({ log: (m: string) => process.stderr.write(`${m}\n`) });
    const server = await startNeo4j({ password: DEFAULT_PASSWORD });
    globalThis.__NEO4J_SERVER__ = server;
    process.env.NEO4J_URI = server.uri;
    process.env.NEO4J_USER = server.user;
    process.env.NEO4J_PASSWORD = server.password;
    process.stderr.write(`Neo4j test server ready at ${server.uri}\n`);
    return;
  }
  const why =
    process.env.SKIP_NEO4J === 'true' ? 'SKIP_NEO4J=true' : 'java and mvn are not both on PATH';
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but the Neo4j suites cannot run (${why}); refusing to skip them.`);
  }
  banner([
    'NEO4J SUITES SKIPPED',
    `No NEO4J_URI, and ${why}.`,
    'Only the embedded store was tested. Set NEO4J_URI or install a JDK and Maven.',
  ]);
}
