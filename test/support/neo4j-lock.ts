// One Neo4j suite at a time. The Neo4j suites share the test server's one database (Community
// has no other), and some assert graph-wide figures (stats: organisations before and after a
// write): with two Jest workers another suite's writes could land in between. The lock is a file
// created exclusively, per server, holding the owner's pid; a lock whose owner is gone is taken
// over. Embedded suites never take it, so they still run beside the Neo4j ones.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POLL_MS = 100;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits for the lock of the Neo4j server at `uri`; resolves to its release. */
export async function lockNeo4j(uri: string, timeoutMs: number): Promise<() => void> {
  const path = join(
    tmpdir(),
    `partner-matchmaking-neo4j-${uri.replace(/[^a-z0-9]+/giu, '-')}.lock`,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(path, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    // An owner that died (or a half-written file whose owner died) leaves the lock to the next.
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${path} (pid ${owner})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
