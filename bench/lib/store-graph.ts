// Reads the relationship graph of any GraphStore into a LinkGraph (for the baselines), and
// imports graph files into fresh temporary embedded stores (for evaluation and tuning).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import type { GraphStore } from '../../src/graph/graph-store.port';
import { importGraphFile, type ImportResult } from '../../src/graph-file/import-graph-file';
import { LinkGraph } from './baselines';

/** Every organisation and every related pair of the store (parallel relationships once). */
export async function readLinkGraph(store: GraphStore): Promise<LinkGraph> {
  const ids = await store.organizationIds();
  const pairs: [string, string][] = [];
  for (const id of ids) {
    for (const n of await store.neighbours(id)) if (id < n.id) pairs.push([id, n.id]);
  }
  return new LinkGraph(ids, pairs);
}

export interface TemporaryStore {
  store: EmbeddedGraphStore;
  imported: ImportResult;
  /** Closes the store and deletes its directory. */
  dispose(): Promise<void>;
}

/** A fresh embedded store in a temporary directory, holding the given graph file. */
export async function importIntoTemporaryStore(
  file: string,
  onProgress?: (rows: number) => void,
): Promise<TemporaryStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-eval-'));
  const store = new EmbeddedGraphStore({ dataDir });
  try {
    await store.init();
    const imported = await importGraphFile(
      store,
      file,
      {},
      onProgress && ((p) => onProgress(p.rows)),
    );
    return {
      store,
      imported,
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await store.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
