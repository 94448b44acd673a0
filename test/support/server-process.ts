// Runs the API as a real child process (as users run it), for crash and restart tests.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** http://127.0.0.1:PORT, for /health and /metrics. */
  base: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `src/main.ts` with the given environment; resolves once GraphQL answers. */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
  options: { token?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--require', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        RATE_LIMIT_PER_MINUTE: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  const url = `http://127.0.0.1:${port}/graphql`;
  // The server writes an ADMIN token into a fresh DATA_DIR at its first start.
  const tokenFile = env.DATA_DIR ? join(env.DATA_DIR, 'admin-token') : '';
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const token =
      options.token ??
      (tokenFile && existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  const server: ServerProcess = {
    url,
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    gql,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (exitCode !== undefined) throw new ServerExitedError(exitCode, out);
    try {
      const r = await gql('{ __typename }');
      if (r.data) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start within ${timeoutMs} ms:\n${out}`);
}

export class ServerExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`server exited with code ${code}:\n${output}`);
  }
}

/** Starts a server that is expected to refuse to start; returns its exit code and output. */
export async function expectStartupFailure(
  env: Record<string, string>,
): Promise<ServerExitedError> {
  try {
    const s = await startServerProcess(env);
    await s.kill('SIGKILL');
  } catch (e) {
    if (e instanceof ServerExitedError) return e;
    throw e;
  }
  throw new Error('the server started but was expected to refuse');
}
