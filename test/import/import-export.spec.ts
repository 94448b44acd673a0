// Bulk import and export against the embedded store: round trips (export → import into a fresh
// store gives identical profiles, relationships and files), idempotence, strict mode writing
// nothing, skip mode reporting line numbers, relationship ends from the file or the store, and a
// store failure that stops the import saying what was written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportGraphFile } from '../../src/graph-file/export-graph-file';
import type { GraphFileFormat } from '../../src/graph-file/graph-file-stream';
import {
  BadRecord,
  GraphImportError,
  importGraphFile,
  ImportOptions,
  ImportProgress,
} from '../../src/graph-file/import-graph-file';
import { EmbeddedGraphStore } from '../../src/graph/embedded/embedded-graph-store';
import type { GraphStore } from '../../src/graph/graph-store.port';
import type { GraphBatch, Relationship } from '../../src/graph/graph.types';
import { generateEcosystem } from '../../src/generator/ecosystem';
import { writeEcosystem } from '../../src/generator/write-ecosystem';

const SEED = resolve(__dirname, '..', '..', 'graph-seed', 'seed.json');
const NOW = '2026-02-03T04:05:06.000Z';

let root: string;
let counter = 0;
const stores: EmbeddedGraphStore[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'import-export-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const path = (name: string): string => join(root, `${counter++}-${name}`);

async function freshStore(): Promise<EmbeddedGraphStore> {
  const store = new EmbeddedGraphStore({ dataDir: path('data') });
  await store.init();
  stores.push(store);
  return store;
}

function writeLines(name: string, records: object[]): string {
  const file = path(name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

async function exported(store: GraphStore, format: GraphFileFormat = 'json'): Promise<string> {
  const file = path(`export.${format}`);
  await exportGraphFile(store, file, format, 17); // a small page size crosses page boundaries
  return readFileSync(file, 'utf8');
}

async function importing(
  store: GraphStore,
  file: string,
  options: ImportOptions = {},
): Promise<{ result: Awaited<ReturnType<typeof importGraphFile>>; bad: BadRecord[] }> {
  const bad: BadRecord[] = [];
  const result = await importGraphFile(store, file, {
    now: NOW,
    ...options,
    onBadRecord: (b) => bad.push(b),
  });
  return { result, bad };
}

/** Every organisation's profile and relationships, by id. */
async function snapshot(store: GraphStore): Promise<unknown> {
  const ids: string[] = [];
  for await (const page of store.exportGraph(1000))
    ids.push(...page.organizations.map((o) => o.id));
  const profiles = await store.getOrganizations(ids);
  const rels = await store.relationshipsOf(ids, null);
  return ids.map((id) => ({ profile: profiles.get(id), relationships: rels.get(id) }));
}

const org = (id: string, extra: Record<string, unknown> = {}): object => ({
  organization: { id, name: `Org ${id}`, kind: 'ENTERPRISE', ...extra },
});
const rel = (from: string, to: string, type = 'COLLABORATES_WITH'): object => ({
  relationship: { from, to, type },
});

describe('import and export', () => {
  it('imports the seed document and round-trips it through both formats', async () => {
    const first = await freshStore();
    const { result, bad } = await importing(first, SEED);
    expect(bad).toEqual([]);
    expect(result).toMatchObject({ organizations: 119, relationships: 129, places: 35, bad: 0 });
    const json = await exported(first, 'json');
    const ndjson = await exported(first, 'ndjson');
    expect(ndjson.split('\n').filter(Boolean)).toHaveLength(119 + 129 + 35);

    for (const [format, text] of [
      ['json', json],
      ['ndjson', ndjson],
    ] as const) {
      const file = path(`roundtrip.${format}`);
      writeFileSync(file, text);
      const second = await freshStore();
      const again = await importing(second, file, { now: '2030-01-01T00:00:00.000Z' });
      expect(again.bad).toEqual([]);
      expect(await snapshot(second)).toEqual(await snapshot(first));
      expect(await exported(second, 'json')).toBe(json);
    }
  });

  it('is idempotent: importing twice changes nothing', async () => {
    const store = await freshStore();
    await importing(store, SEED);
    const once = await exported(store);
    const stats = await store.stats(5);
    await importing(store, SEED, { now: '2031-01-01T00:00:00.000Z' });
    expect(await exported(store)).toBe(once);
    expect(await store.stats(5)).toEqual(stats);
  });

  it('gives the same graph whatever the batch sizes', async () => {
    const reference = await freshStore();
    await importing(reference, SEED);
    const small = await freshStore();
    const { result } = await importing(small, SEED, {
      batchOrganizations: 7,
      batchRelationships: 11,
    });
    expect(result.batches).toBeGreaterThan(20);
    expect(await exported(small)).toBe(await exported(reference));
  });

  it('imports a generated ecosystem with no bad records', async () => {
    const eco = generateEcosystem({ organizations: 300, seed: 4 });
    const file = path('generated.ndjson');
    const written = await writeEcosystem(eco, file, null);
    const store = await freshStore();
    const { result } = await importing(store, file, { strict: true });
    expect(result).toMatchObject({
      refused: false,
      bad: 0,
      organizations: 300,
      relationships: written.relationships,
      places: written.places,
    });
    expect((await store.stats(1)).relationshipCount).toBe(written.relationships);
  });
});

describe('bad records', () => {
  const mixed = (): string =>
    writeLines('mixed.ndjson', [
      { place: { name: 'Hong Kong', kind: 'CITY' } }, // 1
      org('a', { locations: ['Hong Kong'] }), // 2
      org('b'), // 3
      org('c'), // 4
      org('d'), // 5
      org('e'), // 6
      org('f', { kind: 'WIZARD' }), // 7
      rel('a', 'b'), // 8
      rel('a', 'x'), // 9
      rel('f', 'c', 'FUNDS'), // 10
      rel('c', 'd', 'SUPPLIES'), // 11
    ]);

  it('skips bad records and reports each with its line and reason', async () => {
    const store = await freshStore();
    const { result, bad } = await importing(store, mixed());
    expect(bad.map((b) => `line ${b.line}: ${b.message}`).sort()).toEqual([
      'line 10: relationships.from: organization "f" is not in the store or the file',
      'line 7: kind: Invalid option: expected one of "ENTERPRISE"|"LAB"|"UNIVERSITY"|"CLIENT"|"GOVERNMENT"|"FACILITY"|"INVESTOR"|"OTHER"',
      'line 9: relationships.to: organization "x" is not in the store or the file',
    ]);
    expect(result).toMatchObject({
      organizations: 5,
      relationships: 2,
      places: 1,
      bad: 3,
      refused: false,
    });
    expect((await store.existingIds(['a', 'e', 'f'])).size).toBe(2);
  });

  it('--strict writes nothing when one record is bad', async () => {
    const store = await freshStore();
    const { result, bad } = await importing(store, mixed(), { strict: true });
    expect(result).toMatchObject({
      refused: true,
      bad: 3,
      organizations: 0,
      relationships: 0,
      rows: 0,
    });
    expect(bad.map((b) => b.line).sort((x, y) => x - y)).toEqual([7, 9, 10]);
    expect(await store.isEmpty()).toBe(true);
    expect((await store.getPlaces(['hong-kong'])).size).toBe(0);
  });

  it('--strict checks relationship ends against the file and the store', async () => {
    const store = await freshStore();
    await importing(store, writeLines('base.ndjson', [org('stored')]));
    const file = writeLines('ends.ndjson', [
      org('new'),
      rel('new', 'stored'),
      rel('new', 'missing'),
    ]);
    const refused = await importing(store, file, { strict: true });
    expect(refused.result.refused).toBe(true);
    expect(refused.bad).toEqual([
      {
        line: 3,
        kind: 'relationship',
        message: 'relationships.to: organization "missing" is not in the store or the file',
      },
    ]);
    expect((await store.existingIds(['new'])).size).toBe(0);

    const ok = await importing(store, writeLines('ok.ndjson', [org('new'), rel('new', 'stored')]), {
      strict: true,
    });
    expect(ok.result).toMatchObject({ refused: false, organizations: 1, relationships: 1 });
  });

  it('reports an unreadable JSON line by its line number', async () => {
    const file = path('broken.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify(org('a'))}\n{"organization": {"id": "b",\n${JSON.stringify(org('c'))}\n`,
    );
    const { result, bad } = await importing(await freshStore(), file);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 2, kind: 'organization' });
    expect(bad[0]?.message).toMatch(/^invalid JSON/u);
    expect(result.organizations).toBe(2);
  });
});

describe('relationship ends', () => {
  it('accepts relationships before the organisations in a JSON document', async () => {
    const file = path('reversed.json');
    writeFileSync(
      file,
      JSON.stringify({
        relationships: [
          { from: 'a', to: 'b', type: 'SUPPLIES' },
          { from: 'b', to: 'c', type: 'FUNDS' },
        ],
        organizations: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), kind: 'LAB' })),
      }),
    );
    const store = await freshStore();
    const { result, bad } = await importing(store, file, { strict: true });
    expect(bad).toEqual([]);
    expect(result).toMatchObject({ organizations: 3, relationships: 2 });
  });

  it('refuses a relationship to an organisation that comes after the relationships (NDJSON)', async () => {
    const file = writeLines('late.ndjson', [
      org('a'),
      rel('a', 'b'),
      org('b'),
      rel('a', 'b', 'FUNDS'),
    ]);
    const { result, bad } = await importing(await freshStore(), file);
    expect(bad).toEqual([
      {
        line: 2,
        kind: 'relationship',
        message: 'relationships.to: organization "b" is not in the store or the file',
      },
    ]);
    expect(result).toMatchObject({ organizations: 2, relationships: 1 });
  });

  it('accepts ends that are already in the store', async () => {
    const store = await freshStore();
    await importing(store, writeLines('orgs.ndjson', [org('a'), org('b')]));
    const { result, bad } = await importing(
      store,
      writeLines('rels.ndjson', [rel('a', 'b'), rel('b', 'zz')]),
    );
    expect(bad.map((b) => b.line)).toEqual([2]);
    expect(result.relationships).toBe(1);
    const rels = await store.relationshipsOf(['a'], null);
    expect(rels.get('a')).toEqual<Relationship[]>([
      {
        from: 'a',
        to: 'b',
        type: 'COLLABORATES_WITH',
        since: null,
        description: null,
        source: null,
      },
    ]);
  });

  it('stops, bounded, when too many relationships wait for later organisations', async () => {
    const file = path('waiting.json');
    writeFileSync(
      file,
      JSON.stringify({
        relationships: ['b', 'c', 'd', 'e'].map((to) => ({ from: 'a', to, type: 'FUNDS' })),
        organizations: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: id, kind: 'LAB' })),
      }),
    );
    await expect(
      importing(await freshStore(), file, { maxWaitingRelationships: 3 }),
    ).rejects.toThrow(/more than 3 relationships come before the organisations they connect/u);
  });
});

describe('failures and progress', () => {
  it('names what was written when the store fails part way', async () => {
    const inner = await freshStore();
    let calls = 0;
    const failing: GraphStore = Object.assign(Object.create(inner) as GraphStore, {
      upsertBatch: (batch: GraphBatch) => {
        if (++calls === 3) return Promise.reject(new Error('disk full'));
        return inner.upsertBatch(batch);
      },
    });
    const file = writeLines(
      'many.ndjson',
      Array.from({ length: 10 }, (_, i) => org(`o${i}`)),
    );
    const error = await importing(failing, file, { batchOrganizations: 3 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphImportError);
    expect((error as GraphImportError).written).toEqual({
      organizations: 6,
      relationships: 0,
      places: 0,
      batches: 2,
    });
    expect((error as Error).message).toMatch(/disk full.*6 records were written/su);
    expect((await inner.stats(1)).organizationCount).toBe(6);
  });

  it('reports progress for the validation and import phases', async () => {
    const phases = new Set<string>();
    let last: ImportProgress | undefined;
    await importGraphFile(
      await freshStore(),
      SEED,
      { strict: true, batchOrganizations: 10 },
      (p) => {
        phases.add(p.phase);
        last = p;
      },
    );
    expect([...phases]).toEqual(['validate', 'import']);
    expect(last).toMatchObject({ phase: 'import', rows: 119 + 129 + 35, bad: 0 });
    expect(last?.bytesRead).toBe(last?.totalBytes);
  });
});
