import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import { STORE_FILE } from '../../src/graph/embedded/sqlite-file';
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

  /** Opens the store in dataDir, runs f, closes it. */
  async function withStore<T>(
    dataDir: string,
    f: (s: EmbeddedGraphStore) => Promise<T>,
  ): Promise<T> {
    const store = new EmbeddedGraphStore({ dataDir });
    await store.init();
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }

  const relationshipRows = (dataDir: string): unknown[] => {
    const db = new Database(join(dataDir, STORE_FILE), { readonly: true });
    try {
      return db
        .prepare('SELECT from_id, to_id, type, since, source FROM relationship ORDER BY row')
        .raw()
        .all();
    } finally {
      db.close();
    }
  };

  it('updates and deletes relationships by their row: the file says what memory says', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-rows-'));
    try {
      await withStore(dataDir, async (s) => {
        await s.upsertBatch({
          places: [],
          organizations: ['row-a', 'row-b', 'row-c'].map((id) => anOrganization({ id })),
          relationships: [
            aRelationship({ from: 'row-a', to: 'row-b', since: 2020 }),
            aRelationship({ from: 'row-b', to: 'row-c', type: 'FUNDS' }),
          ],
        });
        // The symmetric one given the other way round updates the stored row in place.
        await s.upsertBatch({
          places: [],
          organizations: [],
          relationships: [aRelationship({ from: 'row-b', to: 'row-a', since: 2021, source: 'x' })],
        });
        expect(await s.disconnect({ from: 'row-b', to: 'row-c', type: 'FUNDS' })).toBe(true);
        await s.connect(aRelationship({ from: 'row-c', to: 'row-a', type: 'SUPPLIES' }));
      });
      expect(relationshipRows(dataDir)).toEqual([
        ['row-a', 'row-b', 'COLLABORATES_WITH', 2021, 'x'],
        ['row-c', 'row-a', 'SUPPLIES', null, null],
      ]);
      await withStore(dataDir, async (s) => {
        const links = await s.relationshipsOf(['row-a'], null);
        expect(links.get('row-a')?.map((r) => [r.from, r.to, r.type, r.since])).toEqual([
          ['row-a', 'row-b', 'COLLABORATES_WITH', 2021],
          ['row-c', 'row-a', 'SUPPLIES', null],
        ]);
        // The copies handed out are plain relationships.
        expect(Object.keys(links.get('row-a')?.[0] ?? {}).sort()).toEqual([
          'description',
          'from',
          'since',
          'source',
          'to',
          'type',
        ]);
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('upgrades a schema-1 file (relationships keyed WITHOUT ROWID) and keeps every row', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-schema1-'));
    try {
      // A store as schema 1 wrote it, with the write lock and WAL as the store leaves them.
      const db = new Database(join(dataDir, STORE_FILE));
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1');
        CREATE TABLE organization (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
        CREATE TABLE relationship (
          from_id TEXT NOT NULL, to_id TEXT NOT NULL, type TEXT NOT NULL,
          since INTEGER, description TEXT, source TEXT,
          PRIMARY KEY (from_id, to_id, type)) WITHOUT ROWID;
        CREATE INDEX relationship_to ON relationship (to_id);
      `);
      db.close();
      await withStore(dataDir, async (s) => {
        for (const id of ['old-a', 'old-b', 'old-c'])
          await s.createOrganization(anOrganization({ id }));
      });
      // Put relationships in the old table directly (the store above already upgraded it: undo).
      const old = new Database(join(dataDir, STORE_FILE));
      old.exec(`
        DROP TABLE relationship;
        CREATE TABLE relationship (
          from_id TEXT NOT NULL, to_id TEXT NOT NULL, type TEXT NOT NULL,
          since INTEGER, description TEXT, source TEXT,
          PRIMARY KEY (from_id, to_id, type)) WITHOUT ROWID;
        INSERT INTO relationship VALUES ('old-a', 'old-b', 'FUNDS', 2019, 'seed round', 'article');
        INSERT INTO relationship VALUES ('old-c', 'old-a', 'COLLABORATES_WITH', NULL, NULL, NULL);
        UPDATE meta SET value = '1' WHERE key = 'schema';
      `);
      old.close();

      await withStore(dataDir, async (s) => {
        const links = await s.relationshipsOf(['old-a'], null);
        expect(links.get('old-a')).toEqual([
          aRelationship({ from: 'old-c', to: 'old-a' }),
          aRelationship({
            from: 'old-a',
            to: 'old-b',
            type: 'FUNDS',
            since: 2019,
            description: 'seed round',
            source: 'article',
          }),
        ]);
        // Rows found by number after the upgrade: a delete reaches the file.
        expect(await s.deleteOrganization('old-c')).toBe(true);
      });
      const check = new Database(join(dataDir, STORE_FILE), { readonly: true });
      expect(check.prepare(`SELECT value FROM meta WHERE key = 'schema'`).pluck().get()).toBe('2');
      check.close();
      expect(relationshipRows(dataDir)).toEqual([['old-a', 'old-b', 'FUNDS', 2019, 'article']]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps the latest of duplicate relationship rows and removes the others from the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-dupes-'));
    try {
      await withStore(dataDir, async (s) => {
        for (const id of ['dup-a', 'dup-b']) await s.createOrganization(anOrganization({ id }));
        await s.connect(aRelationship({ from: 'dup-a', to: 'dup-b', source: 'first' }));
      });
      const db = new Database(join(dataDir, STORE_FILE));
      db.exec(`INSERT INTO relationship (from_id, to_id, type, source)
               VALUES ('dup-b', 'dup-a', 'COLLABORATES_WITH', 'second')`);
      db.close();
      await withStore(dataDir, async (s) => {
        const links = await s.relationshipsOf(['dup-a'], null);
        expect(links.get('dup-a')?.map((r) => r.source)).toEqual(['second']);
      });
      expect(relationshipRows(dataDir)).toEqual([
        ['dup-b', 'dup-a', 'COLLABORATES_WITH', null, 'second'],
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
