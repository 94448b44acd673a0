import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { runGraphStoreContract, type StoreHandle } from './graph-store.contract';
import { runMatchGraphContract } from './match-graph.contract';
import { aRelationship, anOrganization } from '../support/factories';

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

describe('embedded store on disk', () => {
  it('deletes an organisation’s relationships in both directions from the file, not only from memory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-delete-'));
    try {
      const first = new EmbeddedGraphStore({ dataDir });
      await first.init();
      for (const id of ['del-a', 'del-b', 'del-c'])
        await first.createOrganization(anOrganization({ id }));
      await first.connect(aRelationship({ from: 'del-a', to: 'del-b' }));
      await first.connect(aRelationship({ from: 'del-c', to: 'del-a', type: 'FUNDS' }));
      await first.connect(aRelationship({ from: 'del-b', to: 'del-c' }));
      expect(await first.deleteOrganization('del-a')).toBe(true);
      await first.close();

      const reopened = new EmbeddedGraphStore({ dataDir });
      await reopened.init();
      // A new organisation with the old id does not inherit the old relationships.
      await reopened.createOrganization(anOrganization({ id: 'del-a' }));
      const links = await reopened.relationshipsOf(['del-a', 'del-b', 'del-c'], null);
      expect(links.get('del-a')).toEqual([]);
      expect(links.get('del-b')?.map((r) => [r.from, r.to])).toEqual([['del-b', 'del-c']]);
      expect(links.get('del-c')?.map((r) => [r.from, r.to])).toEqual([['del-b', 'del-c']]);
      await reopened.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
