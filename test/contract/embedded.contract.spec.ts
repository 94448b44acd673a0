import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { runGraphStoreContract, type StoreHandle } from './graph-store.contract';
import { runMatchGraphContract } from './match-graph.contract';

/** A fresh store in a temporary directory per test. */
async function open(): Promise<StoreHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'contract-embedded-'));
  const store = new EmbeddedGraphStore({ dataDir });
  await store.init();
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

runGraphStoreContract('embedded', open);
runMatchGraphContract('embedded', open);
