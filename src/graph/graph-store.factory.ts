// Builds the configured GraphStore adapter. The only place that knows both adapters exist.
import type { AppConfig } from '../config/config';
import { EmbeddedGraphStore } from './embedded/embedded-graph-store';
import type { StoreLogger } from './embedded/sqlite-file';
import type { GraphStore } from './graph-store.port';
import { Neo4jGraphStore } from './neo4j/neo4j-graph-store';

export function createGraphStore(config: AppConfig, logger: StoreLogger): GraphStore {
  switch (config.graphStore) {
    case 'embedded':
      return new EmbeddedGraphStore({ dataDir: config.dataDir, logger });
    case 'neo4j':
      return new Neo4jGraphStore({ ...config.neo4j, logger });
  }
}
