// Builds the configured GraphStore adapter. The only place that knows both adapters exist.
import type { AppConfig } from '../config/config';
import { EmbeddedGraphStore } from './embedded/embedded-graph-store';
import type { StoreLogger } from './embedded/sqlite-file';
import type { GraphStore } from './graph-store.port';

export function createGraphStore(config: AppConfig, logger: StoreLogger): GraphStore {
  switch (config.graphStore) {
    case 'embedded':
      return new EmbeddedGraphStore({ dataDir: config.dataDir, logger });
    case 'neo4j':
      throw new Error('neo4j adapter pending');
  }
}
