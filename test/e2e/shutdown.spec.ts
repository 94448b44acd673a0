// Graceful shutdown of a real server process: on SIGTERM it stops accepting, lets the requests
// in flight finish, closes the store cleanly (the SQLite log is checkpointed and removed) and
// exits 0.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process';

jest.setTimeout(120_000);

describe('graceful shutdown (real server process)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'shutdown-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes in-flight requests, closes the store and exits 0 on SIGTERM', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    const query = 'query($id: ID!) { matchSuggestions(organizationId: $id, first: 20) { score } }';
    const inFlight = [
      'gotion',
      'westwell',
      'hkqai',
      'polyu',
      'hkust',
      'cityu',
      'hactl',
      'cainiao',
    ].flatMap((id) =>
      Array.from({ length: 4 }, () =>
        server.gql<{ matchSuggestions: unknown[] }>(query, { id }).then(
          (r) => ({ ok: Array.isArray(r.data?.matchSuggestions), errors: r.errors }),
          (e: unknown) => ({ ok: false, errors: [{ message: String(e) }] }),
        ),
      ),
    );
    // Let the requests reach the server, then ask it to stop while they are being served.
    await new Promise((r) => setTimeout(r, 30));
    const code = server.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(await code).toBe(0);
    const completed = results.filter((r) => r.ok).length;
    // Requests already accepted were answered in full; none got a server error.
    expect(completed).toBeGreaterThan(0);
    for (const r of results.filter((x) => !x.ok))
      expect(JSON.stringify(r.errors)).toMatch(/fetch failed|ECONNREFUSED|socket/i);
    // A clean close checkpoints the write-ahead log and removes it.
    expect(existsSync(join(dataDir, 'graph.sqlite-wal'))).toBe(false);
    // And a new server starts on the same data at once (the lock was released).
    const again = await startServerProcess({ DATA_DIR: dataDir });
    expect(await again.kill('SIGTERM')).toBe(0);
  });
});
