// The embedded store under crashes, as a user would see them: a real server process killed with
// SIGKILL mid-stream of mutations keeps every acknowledged write; a torn log tail is dropped with
// a warning; a corrupt file or a second process on the same DATA_DIR stops startup clearly.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectStartupFailure, startServerProcess } from '../support/server-process';

jest.setTimeout(180_000);

const CREATE = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CONNECT = `mutation($f: ID!, $t: ID!) { connectOrganizations(input: { fromId: $f, toId: $t, type: COLLABORATES_WITH }) { type } }`;
const UPDATE = `mutation($id: ID!, $d: String) { updateOrganization(id: $id, input: { description: $d }) { id } }`;

describe('embedded store durability (real server process)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write after kill -9 mid-stream, then drops a torn log tail with a warning', async () => {
    const env = { DATA_DIR: dataDir, SEED_ON_EMPTY: 'true' };
    const first = await startServerProcess(env);
    const created: string[] = [];
    const connected: [string, string][] = [];
    const described = new Map<string, string>();
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const id = `crash-${w}-${i}`;
        try {
          const r = await first.gql<{ createOrganization: { id: string } }>(CREATE, {
            i: {
              id,
              name: `Crash probe ${w} ${i}`,
              kind: 'ENTERPRISE',
              offers: [`capability ${i % 7}`],
            },
          });
          if (r.data?.createOrganization.id !== id) continue;
          created.push(id);
          if (i > 0) {
            const prev = `crash-${w}-${i - 1}`;
            const c = await first.gql<{ connectOrganizations: { type: string } }>(CONNECT, {
              f: prev,
              t: id,
            });
            if (c.data?.connectOrganizations.type) connected.push([prev, id]);
            const text = `revision ${i}`;
            const u = await first.gql<{ updateOrganization: { id: string } }>(UPDATE, {
              id: prev,
              d: text,
            });
            if (u.data?.updateOrganization.id === prev) described.set(prev, text);
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = [0, 1, 2, 3, 4, 5].map(worker);
    // Kill while requests are in flight, once a good number has been acknowledged.
    while (created.length < 150) await new Promise((r) => setTimeout(r, 20));
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(existsSync(join(dataDir, 'graph.sqlite-wal'))).toBe(true);

    // A crash mid-write can leave a torn frame right after the log's last good frame: make one.
    // (The log is reused after checkpoints, so its current generation may end before the file.)
    const wal = join(dataDir, 'graph.sqlite-wal');
    const bytes = readFileSync(wal);
    const pageSize = bytes.readUInt32BE(8);
    const salts = bytes.subarray(16, 24);
    let end = 32;
    while (end + 24 + pageSize <= bytes.length && bytes.subarray(end + 8, end + 16).equals(salts))
      end += 24 + pageSize;
    const frameHeader = Buffer.alloc(24);
    frameHeader.writeUInt32BE(1, 0);
    salts.copy(frameHeader, 8); // this log generation's salts, so the frame looks like ours
    const fd = openSync(wal, 'r+');
    writeSync(fd, Buffer.concat([frameHeader, Buffer.alloc(1000, 7)]), 0, 1024, end);
    closeSync(fd);

    const second = await startServerProcess(env);
    try {
      expect(second.output()).toMatch(/torn or uncommitted final transaction/);
      for (const id of created) {
        const r = await second.gql<{
          organization: {
            id: string;
            description: string | null;
            relationships: { from: { id: string }; to: { id: string } }[];
          } | null;
        }>(
          `query($id: ID!) { organization(id: $id) { id description relationships(first: 500) { from { id } to { id } } } }`,
          { id },
        );
        expect(r.data?.organization?.id).toBe(id);
        const d = described.get(id);
        if (d) expect(r.data?.organization?.description).toBe(d);
      }
      for (const [a, b] of connected) {
        const r = await second.gql<{ organization: { relationships: { to: { id: string } }[] } }>(
          `query($id: ID!) { organization(id: $id) { relationships(type: COLLABORATES_WITH) { to { id } } } }`,
          { id: a },
        );
        expect(r.data?.organization.relationships.map((x) => x.to.id)).toContain(b);
      }
      // Nothing else changed: the seed once, the acknowledged creates, at most one in-flight
      // create per worker that committed without its answer reaching the client.
      const seed = JSON.parse(
        readFileSync(join(__dirname, '..', '..', 'graph-seed', 'seed.json'), 'utf8'),
      ) as { organizations: unknown[] };
      const stats = await second.gql<{ ecosystemStats: { organizationCount: number } }>(
        `{ ecosystemStats { organizationCount } }`,
      );
      const count = stats.data?.ecosystemStats.organizationCount ?? 0;
      expect(count).toBeGreaterThanOrEqual(seed.organizations.length + created.length);
      expect(count).toBeLessThanOrEqual(seed.organizations.length + created.length + 6);
    } finally {
      await second.kill('SIGTERM');
    }
    expect(created.length).toBeGreaterThanOrEqual(150);
  });

  it('refuses a second process on the same DATA_DIR', async () => {
    const env = { DATA_DIR: dataDir, SEED_ON_EMPTY: 'false' };
    const first = await startServerProcess(env);
    try {
      const failure = await expectStartupFailure(env);
      expect(failure.code).not.toBe(0);
      expect(failure.output).toMatch(/in use by another process/);
      // The first one still serves.
      expect((await first.gql('{ __typename }')).data).toBeDefined();
    } finally {
      expect(await first.kill('SIGTERM')).toBe(0);
    }
  });

  it('stops with a clear message on a corrupt store file and never replaces it', async () => {
    const file = join(dataDir, 'graph.sqlite');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('not a database at all'), Buffer.alloc(5000, 1)]),
    );
    const digest = (): string => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = digest();
    const failure = await expectStartupFailure({ DATA_DIR: dataDir });
    expect(failure.code).not.toBe(0);
    expect(failure.output).toMatch(/is not a SQLite database/);
    expect(digest()).toBe(before);
    expect(statSync(file).size).toBe(5021);
  });

  it('stops with a clear message when a page of the database is damaged', async () => {
    const env = { DATA_DIR: dataDir, SEED_ON_EMPTY: 'true' };
    const s = await startServerProcess(env);
    expect(await s.kill('SIGTERM')).toBe(0);
    const file = join(dataDir, 'graph.sqlite');
    const bytes = readFileSync(file);
    // Scribble over the pages after the header page, where the tables live.
    for (let i = 4096 + 100; i < Math.min(bytes.length, 4096 * 6); i += 3) bytes[i] = 0xff;
    writeFileSync(file, bytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const failure = await expectStartupFailure(env);
    expect(failure.output).toMatch(/corrupt or unreadable/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(digest);
  });
});
