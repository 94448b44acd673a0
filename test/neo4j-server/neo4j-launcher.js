'use strict';
/**
 * Builds and runs the real Neo4j Community test server (see README.md in this folder).
 * Node builtins only, so it works before `npm install` and from `.ci/run`.
 *
 * Library:
 *   const { canLaunch, ensureBuilt, startNeo4j } = require('./test/neo4j-server/neo4j-launcher.js');
 *   const neo = await startNeo4j({ password: 'test-password-123' });
 *   // neo.uri === 'bolt://127.0.0.1:<port>', neo.user === 'neo4j'
 *   await neo.stop();
 *
 * CLI:
 *   node test/neo4j-server/neo4j-launcher.js start [--port 7687] [--password X] [--data-dir D]
 *   prints `NEO4J_URI=bolt://127.0.0.1:PORT` once ready, stays in the foreground until
 *   SIGTERM/SIGINT and then stops Neo4j cleanly.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DIR = __dirname;
const POM = path.join(DIR, 'pom.xml');
const SRC = path.join(DIR, 'src');
const TARGET = path.join(DIR, 'target');
const JAR = path.join(TARGET, 'neo4j-test-server.jar');
const LIB = path.join(TARGET, 'lib');
const LOCK = path.join(TARGET, '.build-lock');
const DEFAULT_PASSWORD = 'test-password-123';
const STOP_GRACE_MS = 30_000;

/**
 * JVM flags. The --add-opens Neo4j wants are in the jar manifest (Add-Opens), so only
 * memory/GC flags are needed here: a bounded heap, and the serial GC, which has the
 * smallest footprint and no GC threads competing with the tests on a 2-core CI box.
 */
const JVM_FLAGS = ['-Xmx512m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];

/**
 * @typedef {(message: string) => void} LogFn
 *
 * @typedef {object} Neo4jServer
 * @property {string} uri        bolt://127.0.0.1:<port>
 * @property {'neo4j'} user
 * @property {string} password
 * @property {number} port
 * @property {number} pid        pid of the java process
 * @property {string | undefined} dataDir  the --data-dir given, or undefined for a temp dir
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 *           settles when the java process has exited (never rejects)
 * @property {() => Promise<void>} stop  SIGTERM, wait for exit (SIGKILL after 30 s)
 * @property {() => Promise<void>} kill  SIGKILL (crash simulation), wait for exit
 *
 * @typedef {object} StartOptions
 * @property {string} [password]   neo4j user's password, >= 8 chars (default 'test-password-123')
 * @property {number} [port]       Bolt port; 0 (default) picks a free one
 * @property {string} [dataDir]    persistent home/data dir; default: a temp dir deleted on stop
 * @property {number} [timeoutMs]  how long to wait for readiness (default 180000)
 * @property {LogFn} [log]         receives build output and the server's stderr lines
 * @property {string[]} [jvmArgs]  extra JVM flags, appended after the defaults
 * @property {string} [pageCache]  page cache size such as '512m' (default 64m; benchmarks want more)
 * @property {string} [heap]       JVM heap such as '2g' (default 512m)
 */

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
let exitHookInstalled = false;

/** @param {string} cmd */
function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, cmd), fs.constants.X_OK);
      return true;
    } catch {
      /* try next */
    }
  }
  return false;
}

/** @returns {boolean} true when `java` and `mvn` are on PATH. */
function canLaunch() {
  return onPath('java') && onPath('mvn');
}

/** @param {string} p @returns {number} newest mtime (ms) of a file or of any file below a dir */
function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

function isFresh() {
  if (!fs.existsSync(JAR) || !fs.existsSync(LIB)) return false;
  return fs.statSync(JAR).mtimeMs >= Math.max(newestMtime(POM), newestMtime(SRC));
}

/** @param {number} ms */
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the server with Maven when the jar is missing or older than pom.xml / the sources.
 * Several test processes may call this at once, so the build is guarded by a lock directory.
 * @param {{ log?: LogFn }} [opts]
 * @returns {string} absolute path of the runnable jar
 */
function ensureBuilt({ log = () => {} } = {}) {
  if (isFresh()) return JAR;
  fs.mkdirSync(TARGET, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
      // A lock older than 20 minutes belongs to a build that died; take it over.
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 20 * 60_000)
          fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* lock vanished meanwhile */
      }
      sleepSync(500);
    }
  }
  try {
    if (isFresh()) return JAR; // another process built it while we waited
    log(`neo4j-launcher: building ${JAR} with Maven (first build downloads ~130 MB)`);
    const started = Date.now();
    const res = spawnSync('mvn', ['-q', '-B', '-f', POM, 'package', '-DskipTests'], {
      cwd: DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${res.stdout || ''}${res.stderr || ''}`.trim();
    if (res.error || res.status !== 0 || !fs.existsSync(JAR)) {
      throw new Error(
        `neo4j-launcher: Maven build failed (${res.error ? res.error.message : `exit ${res.status}`})\n` +
          output.split('\n').slice(-40).join('\n'),
      );
    }
    // mvn keeps an up-to-date jar's old mtime; touch it so the freshness check is stable.
    const now = new Date();
    fs.utimesSync(JAR, now, now);
    log(`neo4j-launcher: built in ${Math.round((Date.now() - started) / 1000)} s`);
    return JAR;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Children left running when Node exits get SIGTERM (Java then deletes its temp dir). */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });
}

/**
 * Starts a Neo4j server and resolves once it accepts Bolt connections.
 * Call again with the same `dataDir` and `port` to restart on the same data.
 * @param {StartOptions} [opts]
 * @returns {Promise<Neo4jServer>}
 */
async function startNeo4j({
  password = DEFAULT_PASSWORD,
  port = 0,
  dataDir,
  timeoutMs = 180_000,
  log = () => {},
  jvmArgs = [],
  pageCache,
  heap,
} = {}) {
  if (typeof password !== 'string' || password.length < 8) {
    throw new Error('neo4j-launcher: password must be a string of at least 8 characters');
  }
  const jar = ensureBuilt({ log });
  // --stop-on-stdin-eof: the server stops when our end of its stdin closes, i.e. when this
  // Node process dies in any way (even SIGKILL), so no orphaned server keeps port and memory.
  const sized = [
    ...(heap ? [`-Xmx${heap}`] : []),
    ...(pageCache ? [`-Dneo4j.pagecache=${pageCache}`, `-Dneo4j.txmax=${pageCache}`] : []),
  ];
  const args = [
    ...JVM_FLAGS,
    ...sized,
    ...jvmArgs,
    '-jar',
    jar,
    '--port',
    String(port),
    '--password',
    password,
    '--stop-on-stdin-eof',
  ];
  if (dataDir) args.push('--data-dir', path.resolve(dataDir));

  const child = spawn('java', args, { cwd: DIR, stdio: ['pipe', 'pipe', 'pipe'], detached: false });
  running.add(child);
  installExitHook();

  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    // spawn failure (e.g. java vanished): no 'exit' follows, so settle here.
    child.once('error', () => {
      running.delete(child);
      resolve({ code: null, signal: null });
    });
  });

  /** @type {string[]} */
  const stderrTail = [];
  let stderrBuf = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderrBuf += chunk;
    const lines = stderrBuf.split('\n');
    stderrBuf = lines.pop() || '';
    for (const line of lines) {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
      log(`[neo4j ${child.pid}] ${line}`);
    }
  });

  const uri = await new Promise((resolve, reject) => {
    let stdoutBuf = '';
    const fail = (/** @type {string} */ why) => {
      clearTimeout(timer);
      reject(new Error(`neo4j-launcher: ${why}\n${[...stderrTail, stderrBuf].join('\n').trim()}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`Neo4j not ready after ${timeoutMs} ms`);
    }, timeoutMs);
    child.once('error', (e) => fail(`cannot start java: ${e.message}`));
    exited.then(({ code, signal }) =>
      fail(`Neo4j exited before ready (code ${code}, signal ${signal})`),
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdoutBuf += chunk;
      const m = /^NEO4J_READY (bolt:\/\/\S+)$/m.exec(stdoutBuf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });

  // Don't let a forgotten server keep the test process alive; the exit hook SIGTERMs it.
  child.unref();
  /** @type {any} */ (child.stdin).unref?.();
  /** @type {any} */ (child.stdout).unref?.();
  /** @type {any} */ (child.stderr).unref?.();

  /** @param {NodeJS.Signals} signal */
  const terminate = async (signal) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.ref(); // keep Node alive until the server is really gone
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  return {
    uri,
    user: 'neo4j',
    password,
    port: Number(new URL(uri.replace(/^bolt:/, 'http:')).port),
    pid: /** @type {number} */ (child.pid),
    dataDir,
    exited,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
  };
}

/** @param {string[]} argv */
async function cli(argv) {
  const [cmd, ...rest] = argv;
  if (cmd !== 'start') {
    process.stderr.write(
      'usage: node neo4j-launcher.js start [--port 7687] [--password X] [--data-dir D] [--page-cache 512m] [--heap 2g]\n',
    );
    process.exit(2);
  }
  /** @type {StartOptions} */
  const opts = { port: 7687, log: (m) => process.stderr.write(`${m}\n`) };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--port') opts.port = Number(value);
    else if (flag === '--password') opts.password = value;
    else if (flag === '--data-dir') opts.dataDir = value;
    else if (flag === '--page-cache') opts.pageCache = value;
    else if (flag === '--heap') opts.heap = value;
    else throw new Error(`unknown argument: ${flag}`);
  }
  // Register before starting so a stop request during startup is not lost.
  /** @type {Neo4jServer | undefined} */
  let server;
  let stopping = false;
  const onSignal = () => {
    stopping = true;
    if (server) server.stop().catch(() => {});
    else process.exit(1); // startup in progress: the exit hook SIGTERMs the child
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  server = await startNeo4j(opts);
  process.stdout.write(`NEO4J_URI=${server.uri}\n`);
  const keepAlive = setInterval(() => {}, 1 << 30);
  const { code, signal } = await server.exited;
  clearInterval(keepAlive);
  if (!stopping)
    process.stderr.write(
      `neo4j-launcher: Neo4j exited unexpectedly (code ${code}, signal ${signal})\n`,
    );
  process.exit(stopping && code === 0 ? 0 : 1);
}

module.exports = { canLaunch, ensureBuilt, startNeo4j, JAR_PATH: JAR, DEFAULT_PASSWORD };

if (require.main === module) {
  cli(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
