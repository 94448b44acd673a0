// Typed access to the plain-JS launcher of the Neo4j test server (test/neo4j-server).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../neo4j-server/neo4j-launcher.js') as {
  canLaunch(this: void): boolean;
  ensureBuilt(this: void, options?: { log?: (m: string) => void }): string;
  startNeo4j(
    this: void,
    options?: {
      password?: string;
      port?: number;
      dataDir?: string;
      timeoutMs?: number;
      log?: (m: string) => void;
      /** JVM heap (-Xmx) and page cache, e.g. '1g' and '512m', for benchmarks. */
      heap?: string;
      pageCache?: string;
    },
  ): Promise<Neo4jServer>;
  DEFAULT_PASSWORD: string;
};

export interface Neo4jServer {
  uri: string;
  user: 'neo4j';
  password: string;
  port: number;
  pid: number;
  dataDir: string | undefined;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export const { canLaunch, ensureBuilt, startNeo4j, DEFAULT_PASSWORD } = launcher;
