// Runs the real API as a child process (as users run it) for the benchmark: from the compiled
// build when it is current, else from source through ts-node; reports its resident memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/support/server-process';

export const ROOT = join(__dirname, '..', '..');
const DIST_MAIN = join(ROOT, 'dist', 'main.js');

export type ServerMode = 'dist' | 'source';

/**
 * Node flags the API runs with (package.json `start`, the Dockerfile): a 32 MiB young generation.
 * Queries allocate many short-lived maps; at 100k organisations 300 in-process queries took 57
 * scavenges instead of 114. On this shared machine the latency gain is within the noise: p50 9.7,
 * 13.8 and 14.3 ms without, 10.8, 10.9 and 11.1 ms with, in alternating runs.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `dist` when dist/main.js is newer than every file under src/, else `source`. */
export function pickServerMode(wanted: ServerMode | 'auto'): { mode: ServerMode; why: string } {
  if (wanted !== 'auto') return { mode: wanted, why: 'as asked' };
  if (!existsSync(DIST_MAIN))
    return { mode: 'source', why: 'no dist/main.js (run npm run build for the compiled server)' };
  if (statSync(DIST_MAIN).mtimeMs < newestSourceMtime(join(ROOT, 'src'))) {
    return {
      mode: 'source',
      why: 'dist/ is older than src/ (run npm run build for the compiled server)',
    };
  }
  return { mode: 'dist', why: 'dist/ is current' };
}

export interface MemoryUse {
  /** Resident set now, MiB. */
  rssMiB: number;
  /** Peak resident set since start (VmHWM), MiB. */
  peakMiB: number;
}

/** From /proc (Linux); null elsewhere or after exit. */
export function memoryOf(pid: number): MemoryUse | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

export interface ApiServer {
  url: string;
  origin: string;
  pid: number;
  mode: ServerMode;
  startSeconds: number;
  memory(): MemoryUse | null;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the API with the given environment; resolves once /health/ready answers 200. */
export async function startApi(
  env: Record<string, string>,
  mode: ServerMode,
  timeoutMs = 300_000,
): Promise<ApiServer> {
  const port = await freePort();
  const args = [
    ...SERVER_NODE_FLAGS,
    ...(mode === 'dist'
      ? [DIST_MAIN]
      : ['--require', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')]),
  ];
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const server: ApiServer = {
    url: `${origin}/graphql`,
    origin,
    pid: child.pid as number,
    mode,
    startSeconds: 0,
    memory: () => memoryOf(child.pid as number),
    output: () => out,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  while (Date.now() - started < timeoutMs) {
    if (exitCode !== undefined)
      throw new Error(`the API exited with code ${exitCode} during startup:\n${out.slice(-4000)}`);
    try {
      const res = await fetch(`${origin}/health/ready`);
      if (res.ok) {
        server.startSeconds = (Date.now() - started) / 1000;
        return server;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`the API was not ready within ${timeoutMs / 1000} s:\n${out.slice(-4000)}`);
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}
