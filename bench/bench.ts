// `npm run bench -- [--sizes 1000,10000,100000] [--neo4j-sizes N,...] [--store embedded|neo4j|both] [--duration 10]
//   [--sources 50] [--warmup 3] [--seed 42] [--server auto|dist|source] [--exhaustive-budget 120]
//   [--neo4j-heap 1g] [--neo4j-page-cache 512m] [--neo4j-wipe] [--weights '{"NETWORK":0.8}'] [--out FILE]`
//
// For each store and size: generates a graph (cached in bench/.work), imports it (rows/s), then,
// in-process on the same store, times MatchingService.suggest against the exhaustive baseline
// (suggestExhaustive: the same core over every organisation; for Neo4j also a plain Cypher query
// comparing the source with every organisation) and measures recall@10 of the exhaustive top 10
// in ours. Then it starts the real API on that store and measures over HTTP with autocannon
// (warm-up first): matchSuggestions and organization at concurrency 1 and 16, and the server's
// memory. Results: bench/results/bench-<time>.md/.json and bench/results/latest.md.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenService } from '../src/auth/token.service';
import { EmbeddedGraphStore } from '../src/graph/embedded/embedded-graph-store';
import type { GraphStore } from '../src/graph/graph-store.port';
import { Neo4jGraphStore } from '../src/graph/neo4j/neo4j-graph-store';
import { importGraphFile, type ImportResult } from '../src/graph-file/import-graph-file';
import { SIGNAL_KINDS, type SignalWeights } from '../src/matching/core/match.types';
import { DEFAULT_WEIGHTS } from '../src/matching/core/weights';
import { MatchingService } from '../src/matching/matching.service';
import { limitsForStore } from '../src/matching/matching.config';
import { parseWeights } from './eval';
import { ensureGraph } from './lib/graphs';
import { sampleIds } from './lib/holdout';
import { measureLoad, type LoadResult } from './lib/load';
import { describeMachine, machineLine, type MachineDescription } from './lib/machine';
import { mean, overlapRecall, percentile } from './lib/metrics';
import {
  canLaunchNeo4j,
  connect,
  countOrganizations,
  cypherExhaustive,
  externalNeo4j,
  launchNeo4j,
  type Neo4jTarget,
  wipe,
} from './lib/neo4j';
import {
  commandLine,
  count,
  fixed,
  log,
  markdownTable,
  RESULTS_DIR,
  stamp,
  writeResults,
} from './lib/report';
import {
  type ApiServer,
  graphql,
  type MemoryUse,
  pickServerMode,
  type ServerMode,
  startApi,
  SERVER_NODE_FLAGS,
} from './lib/server';

type StoreKind = 'embedded' | 'neo4j';
const K = 10;
const CONCURRENCY = [1, 16] as const;
const IN_PROCESS_WARM_UP = 10;
const ISSUER = 'partner-matchmaking';

const MATCH_QUERY = `query Bench($id: ID!, $weights: [SignalWeight!]) { matchSuggestions(organizationId: $id, first: ${K}, weights: $weights) { organization { id name } score reasons } }`;
const ORGANIZATION_QUERY = `query Bench($id: ID!) { organization(id: $id) { id name kind description sectors { name } offers { name } needs { name } locations { name } } }`;

interface Args {
  sizes: number[];
  /** Sizes for Neo4j (default: --sizes); its imports are much slower. */
  neo4jSizes: number[];
  stores: StoreKind[];
  duration: number;
  warmup: number;
  sources: number;
  seed: number;
  server: ServerMode | 'auto';
  exhaustiveBudget: number;
  neo4jHeap: string;
  neo4jPageCache: string;
  neo4jWipe: boolean;
  /** Weights other than the defaults, in-process and on every HTTP request (null: defaults). */
  weights: Partial<SignalWeights> | null;
  out: string;
  /** Also copy the Markdown to bench/results/latest.md (when --out is not given). */
  latest: boolean;
}

function parseCommandLine(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      'neo4j-sizes': { type: 'string' },
      store: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      sources: { type: 'string', default: '50' },
      seed: { type: 'string', default: '42' },
      server: { type: 'string', default: 'auto' },
      'exhaustive-budget': { type: 'string', default: '120' },
      'neo4j-heap': { type: 'string', default: '1g' },
      'neo4j-page-cache': { type: 'string', default: '512m' },
      'neo4j-wipe': { type: 'boolean', default: false },
      weights: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string, min: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  const sizeList = (text: string, name: string): number[] => {
    const sizes = text.split(',').map((s) => Number(s.trim()));
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 10))
      throw new Error(`--${name}: comma-separated organisation counts ≥ 10`);
    return sizes;
  };
  const sizes = sizeList(values.sizes ?? '', 'sizes');
  const neo4jSizes = values['neo4j-sizes'] ? sizeList(values['neo4j-sizes'], 'neo4j-sizes') : sizes;
  const store = values.store ?? 'both';
  if (!['embedded', 'neo4j', 'both'].includes(store))
    throw new Error('--store must be embedded, neo4j or both');
  const server = values.server ?? 'auto';
  if (!['auto', 'dist', 'source'].includes(server))
    throw new Error('--server must be auto, dist or source');
  for (const name of ['neo4j-heap', 'neo4j-page-cache'] as const) {
    if (!/^\d+[mg]$/u.test(values[name] ?? '')) throw new Error(`--${name} like 512m or 1g`);
  }
  return {
    sizes,
    neo4jSizes,
    stores: store === 'both' ? ['embedded', 'neo4j'] : [store as StoreKind],
    duration: num(values.duration, 'duration', 1),
    warmup: num(values.warmup, 'warmup', 0),
    sources: Math.floor(num(values.sources, 'sources', 1)),
    seed: Math.floor(num(values.seed, 'seed', 0)),
    server: server as Args['server'],
    exhaustiveBudget: num(values['exhaustive-budget'], 'exhaustive-budget', 1),
    neo4jHeap: values['neo4j-heap'],
    neo4jPageCache: values['neo4j-page-cache'],
    neo4jWipe: values['neo4j-wipe'] ?? false,
    weights: values.weights ? parseWeights(values.weights) : null,
    out: values.out ?? join(RESULTS_DIR, `bench-${stamp()}`),
    latest: values.out === undefined,
  };
}

// ── in-process: ours against the exhaustive baselines ───────────────────────

interface InProcess {
  /** Sources timed for our suggest (each once more after the exhaustive runs: both warm). */
  sources: number;
  oursP50Ms: number;
  oursMeanMs: number;
  candidatesMean: number;
  exhaustive: { sources: number; p50Ms: number; meanMs: number };
  /** Exhaustive p50 / our p50, over the same sources. */
  speedUp: number;
  /** Mean over sources of |exhaustive top 10 ∩ our top 10| / |exhaustive top 10|. */
  recall: { mean: number; min: number; n: number };
  cypher: { sources: number; p50Ms: number; speedUp: number; overlapWithExhaustive: number } | null;
  /** The signal weights fitted to this graph before timing (null: too small, or --weights). */
  weightFit: { ms: number; kept: boolean; weights: SignalWeights } | null;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await f();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function compareInProcess(
  store: GraphStore,
  sources: readonly string[],
  warmUp: readonly string[],
  budgetSeconds: number,
  cypher: ((id: string) => Promise<string[]>) | null,
  weights: Partial<SignalWeights> | null,
): Promise<InProcess> {
  // The limits the API runs this store with (MatchingModule).
  const matching = new MatchingService(store, undefined, {
    limits: limitsForStore(store instanceof Neo4jGraphStore ? 'neo4j' : 'embedded'),
    ...(weights ? { weights } : {}),
  });
  // The fit runs in the background in the API; here it is awaited, so that no timing includes it
  // and both sides rank with the same weights.
  const fitStarted = Date.now();
  const fit = await matching.weightFit();
  const weightFit = fit && { ms: Date.now() - fitStarted, kept: fit.kept, weights: fit.weights };
  if (weightFit)
    log(`  weights ${weightFit.kept ? 'fitted' : 'kept at the defaults'} in ${weightFit.ms} ms`);
  for (const id of warmUp) await matching.suggest({ organizationId: id, first: K });
  const ours = new Map<string, string[]>();
  const oursMs: number[] = [];
  let candidates = 0;
  for (const id of sources) {
    const { value, ms } = await timed(() => matching.suggest({ organizationId: id, first: K }));
    ours.set(
      id,
      value.suggestions.map((s) => s.id),
    );
    oursMs.push(ms);
    candidates += value.candidateCount;
  }
  // The baseline gets an untimed first query too (it fills the analysis cache for everyone).
  const first = warmUp[0] ?? sources[0];
  if (first) await matching.suggestExhaustive({ organizationId: first, first: K });
  const exhaustiveMs: number[] = [];
  const oursSameMs: number[] = [];
  const recalls: number[] = [];
  const exhaustiveTop = new Map<string, string[]>();
  const deadline = Date.now() + budgetSeconds * 1000;
  for (const [i, id] of sources.entries()) {
    if (i >= 5 && Date.now() > deadline) break;
    const { value, ms } = await timed(() =>
      matching.suggestExhaustive({ organizationId: id, first: K }),
    );
    const top = value.suggestions.map((s) => s.id);
    exhaustiveTop.set(id, top);
    exhaustiveMs.push(ms);
    oursSameMs.push(oursMs[i] as number);
    const r = overlapRecall(ours.get(id) ?? [], top, K);
    if (r !== null) recalls.push(r);
    log(`    exhaustive ${exhaustiveMs.length}/${sources.length}: ${ms.toFixed(0)} ms`);
  }
  // Ours again, now that the baseline has warmed the analysis cache too: both sides warm.
  for (const [i, id] of sources.entries()) {
    oursMs[i] = (await timed(() => matching.suggest({ organizationId: id, first: K }))).ms;
    if (i < oursSameMs.length) oursSameMs[i] = oursMs[i];
  }
  let cypherResult: InProcess['cypher'] = null;
  if (cypher) {
    const cypherMs: number[] = [];
    const overlaps: number[] = [];
    if (first) await cypher(first);
    const cypherDeadline = Date.now() + budgetSeconds * 1000;
    for (const [i, id] of sources.entries()) {
      if (i >= 5 && Date.now() > cypherDeadline) break;
      const { value, ms } = await timed(() => cypher(id));
      cypherMs.push(ms);
      const ex = exhaustiveTop.get(id);
      const o = ex ? overlapRecall(value, ex, K) : null;
      if (o !== null) overlaps.push(o);
    }
    const p50 = percentile(cypherMs, 0.5);
    cypherResult = {
      sources: cypherMs.length,
      p50Ms: p50,
      speedUp: p50 / percentile(oursMs.slice(0, cypherMs.length), 0.5),
      overlapWithExhaustive: mean(overlaps).mean,
    };
  }
  const exP50 = percentile(exhaustiveMs, 0.5);
  return {
    sources: sources.length,
    oursP50Ms: percentile(oursMs, 0.5),
    oursMeanMs: mean(oursMs).mean,
    candidatesMean: candidates / Math.max(1, sources.length),
    exhaustive: { sources: exhaustiveMs.length, p50Ms: exP50, meanMs: mean(exhaustiveMs).mean },
    speedUp: exP50 / percentile(oursSameMs, 0.5),
    recall: {
      mean: mean(recalls).mean,
      min: recalls.length ? Math.min(...recalls) : Number.NaN,
      n: recalls.length,
    },
    cypher: cypherResult,
    weightFit,
  };
}

// ── HTTP ──────────────────────────────────────────────────────────────────────

interface HttpResults {
  match: LoadResult[];
  organization: LoadResult[];
}

async function measureHttp(
  api: ApiServer,
  token: string,
  sources: readonly string[],
  args: Args,
): Promise<HttpResults> {
  const weights = args.weights
    ? SIGNAL_KINDS.map((kind) => ({ kind, weight: { ...DEFAULT_WEIGHTS, ...args.weights }[kind] }))
    : null;
  const bodies = (query: string) =>
    sources.map((id) =>
      JSON.stringify({ query, variables: query === MATCH_QUERY ? { id, weights } : { id } }),
    );
  // Every request must be a real answer, not a GraphQL error with status 200.
  for (const id of sources) {
    const r = await graphql<{ matchSuggestions: unknown[] }>(api.url, token, MATCH_QUERY, {
      id,
      weights,
    });
    if (r.errors?.length || !Array.isArray(r.data?.matchSuggestions))
      throw new Error(`matchSuggestions(${id}) failed: ${JSON.stringify(r.errors ?? r)}`);
    const o = await graphql<{ organization: { id: string } | null }>(
      api.url,
      token,
      ORGANIZATION_QUERY,
      { id },
    );
    if (o.errors?.length || o.data?.organization?.id !== id)
      throw new Error(`organization(${id}) failed: ${JSON.stringify(o.errors ?? o)}`);
  }
  const results: HttpResults = { match: [], organization: [] };
  for (const [name, query] of [
    ['match', MATCH_QUERY],
    ['organization', ORGANIZATION_QUERY],
  ] as const) {
    for (const concurrency of CONCURRENCY) {
      const r = await measureLoad({
        url: api.url,
        token,
        bodies: bodies(query),
        concurrency,
        durationSeconds: args.duration,
        warmUpSeconds: args.warmup,
      });
      log(
        `    ${name} c=${concurrency}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.requestsPerSecond.toFixed(0)} req/s (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`,
      );
      results[name].push(r);
    }
  }
  return results;
}

// ── one store, one size ───────────────────────────────────────────────────────

interface SizeResult {
  store: StoreKind;
  organizations: number;
  relationships: number;
  places: number;
  graphFile: string;
  import: ImportSummary;
  inProcess: InProcess;
  server: {
    mode: ServerMode;
    startSeconds: number;
    memory: MemoryUse | null;
    neo4jMemory: MemoryUse | null;
    neo4j: string | null;
  };
  http: HttpResults;
}

interface ImportSummary {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bad: number;
  /** Places and organisations come first in generated files, then relationships. */
  phases: { organizationsSeconds: number; relationshipsSeconds: number };
}

/** importGraphFile, with the time spent before the first relationship batch recorded. */
async function timedImport(
  store: GraphStore,
  file: string,
): Promise<{ result: ImportResult; summary: ImportSummary }> {
  let organizationsMs = 0;
  const result = await importGraphFile(store, file, {}, (p) => {
    if (p.relationships === 0) organizationsMs = p.elapsedMs;
  });
  const seconds = result.elapsedMs / 1000;
  log(
    `  imported ${result.rows} rows in ${seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s; organisations and places ${(organizationsMs / 1000).toFixed(1)} s)`,
  );
  return {
    result,
    summary: {
      rows: result.rows,
      seconds,
      rowsPerSecond: result.rowsPerSecond,
      bad: result.bad,
      phases: {
        organizationsSeconds: organizationsMs / 1000,
        relationshipsSeconds: seconds - organizationsMs / 1000,
      },
    },
  };
}

async function apiEnvironment(): Promise<{ env: Record<string, string>; token: string }> {
  const secret = randomBytes(32).toString('hex');
  const token = await new TokenService(new TextEncoder().encode(secret), ISSUER).issue({
    subject: 'bench',
    role: 'ADMIN',
    ttlSeconds: 6 * 3600,
  });
  return {
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_JWT_SECRET: secret,
      AUTH_ISSUER: ISSUER,
      SEED_ON_EMPTY: 'false',
    },
    token,
  };
}

function chooseSources(
  ids: readonly string[],
  args: Args,
): { sources: string[]; warmUp: string[] } {
  const sources = sampleIds(ids, args.sources, args.seed);
  const chosen = new Set(sources);
  return {
    sources,
    warmUp: sampleIds(
      ids.filter((id) => !chosen.has(id)),
      IN_PROCESS_WARM_UP,
      args.seed + 1,
    ),
  };
}

async function runEmbedded(file: string, mode: ServerMode, args: Args): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-bench-'));
  try {
    const store = new EmbeddedGraphStore({ dataDir });
    await store.init();
    let imported: ImportResult;
    let importSummary: ImportSummary;
    let inProcess: InProcess;
    let sources: string[];
    try {
      log(`  import into the embedded store…`);
      ({ result: imported, summary: importSummary } = await timedImport(store, file));
      const picked = chooseSources(await store.organizationIds(), args);
      sources = picked.sources;
      log(`  in-process: ours vs exhaustive on ${sources.length} sources`);
      inProcess = await compareInProcess(
        store,
        sources,
        picked.warmUp,
        args.exhaustiveBudget,
        null,
        args.weights,
      );
    } finally {
      await store.close(); // the API takes the store's exclusive lock next
    }
    const { env, token } = await apiEnvironment();
    log(`  starting the API (${mode})…`);
    const api = await startApi({ ...env, GRAPH_STORE: 'embedded', DATA_DIR: dataDir }, mode);
    return await measureApi(api, token, sources, args, null, {
      store: 'embedded',
      organizations: imported.organizations,
      relationships: imported.relationships,
      places: imported.places,
      graphFile: file,
      import: importSummary,
      inProcess,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Measures the running API over HTTP, records its memory (and Neo4j's), and stops it. */
async function measureApi(
  api: ApiServer,
  token: string,
  sources: string[],
  args: Args,
  neo4jTarget: Neo4jTarget | null,
  measured: Omit<SizeResult, 'server' | 'http'>,
): Promise<SizeResult> {
  try {
    log(`  API ready in ${api.startSeconds.toFixed(1)} s`);
    const fitSeconds = await waitForWeightFit(api, token);
    log(`  the API's weight fit was done ${fitSeconds.toFixed(1)} s after it was ready`);
    const http = await measureHttp(api, token, sources, args);
    return {
      ...measured,
      server: {
        mode: api.mode,
        startSeconds: api.startSeconds,
        memory: api.memory(),
        neo4jMemory: neo4jTarget?.memory() ?? null,
        neo4j: neo4jTarget?.description ?? null,
      },
      http,
    };
  } finally {
    await api.stop();
  }
}

/**
 * Waits until the API has fitted its signal weights to the graph (started at bootstrap, in the
 * background): measuring meanwhile would time the fit's queries as well as ours.
 */
async function waitForWeightFit(
  api: ApiServer,
  token: string,
  timeoutMs = 900_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const r = await graphql<{ signalWeights: { fitting: boolean; fittedAt: string | null } }>(
      api.url,
      token,
      '{ signalWeights { fitting fittedAt } }',
      {},
    );
    const w = r.data?.signalWeights;
    if (!w) throw new Error(`signalWeights failed: ${JSON.stringify(r.errors ?? r)}`);
    if (w.fittedAt && !w.fitting) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs)
      throw new Error('the API did not fit its weights in time');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function provideNeo4j(args: Args): Promise<Neo4jTarget> {
  const external = externalNeo4j();
  if (!external) return launchNeo4j({ heap: args.neo4jHeap, pageCache: args.neo4jPageCache }, log);
  const driver = connect(external);
  try {
    const n = await countOrganizations(driver, external.database);
    if (n > 0) {
      if (!args.neo4jWipe)
        throw new Error(
          `${external.description} holds ${n} organisations; the benchmark needs an empty database (pass --neo4j-wipe to empty it: everything in it is deleted)`,
        );
      log(`  wiping ${external.description} (--neo4j-wipe)…`);
      await wipe(driver, external.database);
    }
  } finally {
    await driver.close();
  }
  return external;
}

async function runNeo4j(file: string, mode: ServerMode, args: Args): Promise<SizeResult> {
  log(`  starting Neo4j…`);
  const target = await provideNeo4j(args);
  const scratch = mkdtempSync(join(tmpdir(), 'pm-bench-neo4j-'));
  try {
    const store = new Neo4jGraphStore({
      uri: target.uri,
      user: target.user,
      password: target.password,
      database: target.database,
    });
    const driver = connect(target);
    let imported: ImportResult;
    let importSummary: ImportSummary;
    let inProcess: InProcess;
    let sources: string[];
    try {
      await store.init();
      log(`  import into Neo4j (${target.description})…`);
      ({ result: imported, summary: importSummary } = await timedImport(store, file));
      const picked = chooseSources(await store.organizationIds(), args);
      sources = picked.sources;
      log(`  in-process: ours vs exhaustive (core and Cypher) on ${sources.length} sources`);
      inProcess = await compareInProcess(
        store,
        sources,
        picked.warmUp,
        args.exhaustiveBudget,
        (id) => cypherExhaustive(driver, target.database, id, K),
        args.weights,
      );
    } finally {
      await driver.close();
      await store.close();
    }
    const { env, token } = await apiEnvironment();
    log(`  starting the API (${mode})…`);
    const api = await startApi(
      {
        ...env,
        GRAPH_STORE: 'neo4j',
        NEO4J_URI: target.uri,
        NEO4J_USER: target.user,
        NEO4J_PASSWORD: target.password,
        NEO4J_DATABASE: target.database,
        DATA_DIR: scratch,
      },
      mode,
    );
    return await measureApi(api, token, sources, args, target, {
      store: 'neo4j',
      organizations: imported.organizations,
      relationships: imported.relationships,
      places: imported.places,
      graphFile: file,
      import: importSummary,
      inProcess,
    });
  } finally {
    await target.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ── report ────────────────────────────────────────────────────────────────────

interface Target {
  name: string;
  store: StoreKind;
  /** The measured value at a size (NaN when not measured). */
  value: (r: SizeResult) => number;
  unit: '' | 'ms' | 'req/s' | 'rows/s' | '×';
  /** Met when the value is at most (latency) or at least (the rest) the limit. */
  bound: 'atMost' | 'atLeast';
  limit: number;
}

const TARGET_SIZE = 100_000;
const at = (r: SizeResult, name: 'match' | 'organization', c: number) =>
  r.http[name].find((x) => x.concurrency === c);

const p50AtC1 = (r: SizeResult) => at(r, 'match', 1)?.p50 ?? NaN;
const importRate = (r: SizeResult) => r.import.rowsPerSecond;
const speedUp = (r: SizeResult) => r.inProcess.speedUp;
const recall = (r: SizeResult) => r.inProcess.recall.mean;

const target = (
  store: StoreKind,
  name: string,
  value: Target['value'],
  bound: Target['bound'],
  limit: number,
  unit: Target['unit'],
): Target => ({ store, name, value, bound, limit, unit });

/** The issue's targets at 100k organisations, in report order. */
const TARGETS: Target[] = [
  target('embedded', 'matchSuggestions p50, c=1', p50AtC1, 'atMost', 5, 'ms'),
  target(
    'embedded',
    'matchSuggestions throughput, c=16',
    (r) => at(r, 'match', 16)?.requestsPerSecond ?? NaN,
    'atLeast',
    300,
    'req/s',
  ),
  target('embedded', 'import', importRate, 'atLeast', 100_000, 'rows/s'),
  target('embedded', 'speed-up over exhaustive (same core)', speedUp, 'atLeast', 10, '×'),
  target('embedded', 'recall@10 of exhaustive top 10', recall, 'atLeast', 0.95, ''),
  target('neo4j', 'matchSuggestions p50, c=1', p50AtC1, 'atMost', 25, 'ms'),
  target('neo4j', 'import', importRate, 'atLeast', 20_000, 'rows/s'),
  target('neo4j', 'speed-up over exhaustive (same core)', speedUp, 'atLeast', 10, '×'),
  target(
    'neo4j',
    'speed-up over exhaustive Cypher',
    (r) => r.inProcess.cypher?.speedUp ?? NaN,
    'atLeast',
    10,
    '×',
  ),
  target('neo4j', 'recall@10 of exhaustive top 10', recall, 'atLeast', 0.95, ''),
];

const meets = (t: Target, v: number): boolean =>
  Number.isFinite(v) && (t.bound === 'atMost' ? v <= t.limit : v >= t.limit);

const goal = (t: Target): string => {
  const n =
    t.unit === 'rows/s' || t.unit === 'req/s'
      ? `${count(t.limit)} ${t.unit}`
      : t.unit === '×'
        ? `${t.limit}×`
        : `${t.limit}${t.unit ? ` ${t.unit}` : ''}`;
  return `${t.bound === 'atMost' ? '≤' : '≥'} ${n}`;
};

const formatValue = (v: number, unit: string) =>
  unit === 'rows/s' || unit === 'req/s'
    ? `${count(v)} ${unit}`
    : unit === '×'
      ? `${fixed(v, 1)}×`
      : unit === 'ms'
        ? `${fixed(v, 2)} ms`
        : fixed(v, 3);

function targetRows(results: readonly SizeResult[]): (string | number)[][] {
  return TARGETS.map((t) => {
    const mine = results
      .filter((r) => r.store === t.store)
      .sort((a, b) => a.organizations - b.organizations);
    const exact = mine.find((r) => r.organizations === TARGET_SIZE);
    const largest = mine[mine.length - 1];
    if (exact) {
      const v = t.value(exact);
      return [t.store, t.name, goal(t), formatValue(v, t.unit), meets(t, v) ? 'met' : 'missed'];
    }
    if (!largest) return [t.store, t.name, goal(t), 'not run', 'not measured'];
    const v = t.value(largest);
    return [
      t.store,
      t.name,
      goal(t),
      `${formatValue(v, t.unit)} at ${count(largest.organizations)} orgs`,
      `not measured at 100k (${meets(t, v) ? 'met' : 'missed'} at ${count(largest.organizations)})`,
    ];
  });
}

function resultRows(results: readonly SizeResult[]): (string | number)[][] {
  return results.map((r) => {
    const m1 = at(r, 'match', 1);
    const m16 = at(r, 'match', 16);
    const o1 = at(r, 'organization', 1);
    const o16 = at(r, 'organization', 16);
    const rss = r.server.memory
      ? `${fixed(r.server.memory.rssMiB, 0)} (peak ${fixed(r.server.memory.peakMiB, 0)})`
      : '—';
    return [
      r.store,
      count(r.organizations),
      count(r.relationships),
      `${count(r.import.rowsPerSecond)} (${fixed(r.import.phases.organizationsSeconds, 1)} + ${fixed(r.import.phases.relationshipsSeconds, 1)} s)`,
      `${fixed(m1?.p50, 2)} / ${fixed(m1?.p99, 2)}`,
      fixed(m1?.requestsPerSecond, 0),
      `${fixed(m16?.p50, 2)} / ${fixed(m16?.p99, 2)}`,
      fixed(m16?.requestsPerSecond, 0),
      `${fixed(o1?.p50, 2)} / ${fixed(o16?.p50, 2)}`,
      `${fixed(o1?.requestsPerSecond, 0)} / ${fixed(o16?.requestsPerSecond, 0)}`,
      rss + (r.server.neo4jMemory ? `; Neo4j ${fixed(r.server.neo4jMemory.rssMiB, 0)}` : ''),
    ];
  });
}

function baselineRows(results: readonly SizeResult[]): (string | number)[][] {
  return results.map((r) => {
    const p = r.inProcess;
    return [
      r.store,
      count(r.organizations),
      `${fixed(p.oursP50Ms, 2)} (${p.sources})`,
      fixed(p.candidatesMean, 0),
      `${fixed(p.exhaustive.p50Ms, 1)} (${p.exhaustive.sources})`,
      `${fixed(p.speedUp, 1)}×`,
      `${fixed(p.recall.mean, 3)} (min ${fixed(p.recall.min, 2)}, n ${p.recall.n})`,
      p.cypher ? `${fixed(p.cypher.p50Ms, 1)} (${p.cypher.sources})` : '—',
      p.cypher ? `${fixed(p.cypher.speedUp, 1)}×` : '—',
      p.cypher ? fixed(p.cypher.overlapWithExhaustive, 2) : '—',
    ];
  });
}

interface Report {
  command: string;
  machine: MachineDescription;
  settings: Omit<Args, 'out' | 'latest'> & {
    serverMode: ServerMode;
    serverModeWhy: string;
    neo4j: string | null;
  };
  results: SizeResult[];
  skipped: string[];
  totalMinutes: number;
}

function markdown(r: Report): string {
  const s = r.settings;
  return [
    '## Benchmark',
    '',
    `Generated graphs (seed ${s.seed}, the generator's default of about 10 relationships per organisation), imported through \`importGraphFile\`, then the real API ` +
      `(\`node ${SERVER_NODE_FLAGS.join(' ')} ${s.serverMode === 'dist' ? 'dist/main.js' : '-r ts-node/register src/main.ts'}\`, NODE_ENV=production, LOG_LEVEL=warn, rate limit off) over HTTP with autocannon: ` +
      `${s.warmup} s warm-up, then ${s.duration} s measured per row, cycling through ${s.sources} sampled source organisations; ` +
      `matchSuggestions(first: ${K}) with organization { id name } score reasons; signal weights: ${s.weights ? `${JSON.stringify(s.weights)} over the defaults, in-process and per request` : 'the defaults'}. The load generator runs on the same 2 cores as the server.`,
    '',
    markdownTable(
      [
        'store',
        'orgs',
        'relationships',
        'import rows/s (orgs + rels s)',
        'match p50 / p99 ms, c=1',
        'req/s c=1',
        'match p50 / p99 ms, c=16',
        'req/s c=16',
        'organization p50 ms c=1 / c=16',
        'organization req/s c=1 / c=16',
        'API RSS MiB',
      ],
      resultRows(r.results),
    ),
    '',
    `In-process on the same store, the same core: our suggest against the exhaustive baseline (suggestExhaustive scores every organisation; one untimed query first, then each source once; ours timed again afterwards, so both run with a warm analysis cache), ` +
      `recall@${K} = share of the exhaustive top ${K} found in ours, averaged over sources; (n) = sources measured (the exhaustive runs stop after ${s.exhaustiveBudget} s, at least 5). ` +
      `For Neo4j also a plain Cypher query comparing the source with every organisation (shared sectors + shared capabilities + common partners).`,
    '',
    markdownTable(
      [
        'store',
        'orgs',
        'ours p50 ms (n)',
        'candidates',
        'exhaustive p50 ms (n)',
        'speed-up',
        `recall@${K}`,
        'Cypher exhaustive p50 ms (n)',
        'speed-up vs Cypher',
        'Cypher top-10 ∩ exhaustive',
      ],
      baselineRows(r.results),
    ),
    '',
    '### Targets (100k organisations, about 1M relationships, 2 cores)',
    '',
    markdownTable(['store', 'measure', 'target', 'measured', 'status'], targetRows(r.results)),
    ...(r.skipped.length ? ['', ...r.skipped.map((x) => `Skipped: ${x}`)] : []),
    '',
    `Machine: ${machineLine(r.machine)}. Neo4j: ${s.neo4j ?? 'not run'}. Whole run ${r.totalMinutes.toFixed(1)} min.`,
    '',
    `Command: \`${r.command}\``,
  ].join('\n');
}

// ── main ─────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const { mode, why } = pickServerMode(args.server);
  log(`server: ${mode} (${why}); machine: ${machineLine(machine)}`);
  const results: SizeResult[] = [];
  const skipped: string[] = [];
  let neo4jDescription: string | null = null;
  for (const store of args.stores) {
    if (store === 'neo4j' && !externalNeo4j() && !canLaunchNeo4j()) {
      skipped.push(
        'neo4j: NEO4J_URI is not set and java / mvn are not on the PATH to launch the test server',
      );
      continue;
    }
    for (const size of store === 'neo4j' ? args.neo4jSizes : args.sizes) {
      log(`${store}, ${size.toLocaleString('en-GB')} organisations`);
      const graph = await ensureGraph({ organizations: size, seed: args.seed });
      log(
        `  graph ${graph.graph}${graph.generated ? ` (generated in ${graph.seconds.toFixed(1)} s)` : ' (cached)'}`,
      );
      try {
        const r =
          store === 'embedded'
            ? await runEmbedded(graph.graph, mode, args)
            : await runNeo4j(graph.graph, mode, args);
        neo4jDescription ??= r.server.neo4j;
        results.push(r);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log(`  FAILED: ${e instanceof Error ? (e.stack ?? message) : message}`);
        skipped.push(
          `${store} at ${size.toLocaleString('en-GB')} organisations failed: ${message.split('\n')[0]}`,
        );
      }
    }
  }
  const { out, latest, ...settings } = args;
  const report: Report = {
    command: commandLine('bench'),
    machine,
    settings: { ...settings, serverMode: mode, serverModeWhy: why, neo4j: neo4jDescription },
    results,
    skipped,
    totalMinutes: (Date.now() - started) / 60_000,
  };
  const md = markdown(report);
  const paths = writeResults(out, md, report);
  if (latest) copyFileSync(paths.md, join(RESULTS_DIR, 'latest.md'));
  process.stdout.write(`${md}\n`);
  log(
    `wrote ${paths.md} and ${paths.json}${latest ? ` and ${join(RESULTS_DIR, 'latest.md')}` : ''}`,
  );
  if (results.length === 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
});
