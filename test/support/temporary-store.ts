// A fresh embedded store in a temporary directory, holding the given batch: for tests that need
// the real store (its indexes and candidate channels) but no server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import type { OrganizationWrite, Relationship } from '../../src/graph/graph.types';

export interface TemporaryStore {
  store: EmbeddedGraphStore;
  /** Closes the store and deletes its directory. */
  dispose: () => Promise<void>;
}

export async function temporaryStore(batch: {
  organizations: OrganizationWrite[];
  relationships: Relationship[];
}): Promise<TemporaryStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-test-'));
  const store = new EmbeddedGraphStore({ dataDir });
  const dispose = async (): Promise<void> => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await store.init();
    await store.upsertBatch({ places: [], ...batch });
  } catch (e) {
    await dispose().catch(() => undefined);
    throw e;
  }
  return { store, dispose };
}
