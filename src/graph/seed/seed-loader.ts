// Loads the seed graph file into a store in one idempotent batch.
import { readGraphDocument } from '../../graph-file/read-graph-file';
import type { GraphStore } from '../graph-store.port';
import type { BatchResult } from '../graph.types';

export async function loadSeed(store: GraphStore, seedFile: string): Promise<BatchResult> {
  const batch = readGraphDocument(seedFile);
  return store.upsertBatch(batch);
}
