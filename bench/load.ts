// `npm run load -- [--store embedded|neo4j|both] [--duration 60] [--concurrency 32] [--orgs 0]
//   [--rate-limit 1200] [--seed 7] [--out FILE]`
//
// The load test of the security and reliability issue: the real API (NODE_ENV=production, rate
// limiting on) on loopback, held at a fixed concurrency of mixed reads, matches and writes for a
// bounded time, against each store. Every connection is one user with its own token (officers and
// enterprises bound to their organisation), so the per-token rate limit applies as in production.
// Each response is classified by its GraphQL error code: rate limiting (RATE_LIMITED, HTTP 429)
// is expected under load and counted apart; anything else is an error and fails the run.
//
// Afterwards the API is stopped with SIGTERM and the store is opened directly: every write that
// was acknowledged (organisations created and deleted, relationships added and removed,
// descriptions updated) must be there, exactly. Results: bench/results/load-<time>.md/.json and
// bench/results/load-latest.md. Exit code 1 when an error other than rate limiting occurred or an
// acknowledged write is missing.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenService } from '../src/auth/token.service';
import { EmbeddedGraphStore } from '../src/graph/embedded/embedded-graph-store';
import type { GraphStore } from '../src/graph/graph-store.port';
import type { RelationshipType } from '../src/graph/graph.types';
import { Neo4jGraphStore } from '../src/graph/neo4j/neo4j-graph-store';
import { importGraphFile } from '../src/graph-file/import-graph-file';
import { DEFAULT_GRAPH_DIR, ensureGraph } from './lib/graphs';
import { describeMachine, machineLine, type MachineDescription } from './lib/machine';
import { percentile } from './lib/metrics';
import { canLaunchNeo4j, externalNeo4j, launchNeo4j, type Neo4jTarget } from './lib/neo4j';
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
  type GraphQLResponse,
  pickServerMode,
  type ServerMode,
  startApi,
} from './lib/server';

type StoreKind = 'embedded' | 'neo4j';
const ISSUER = 'partner-matchmaking';
/** Share of connections that are enterprise users (the rest are officers). */
const ENTERPRISE_SHARE = 0.25;

// ---------------------------------------------------------------------------------------------
// Operations: what each simulated user does, with its share of the mix.

type OpName =
  | 'organization'
  | 'organizations search'
  | 'ecosystemStats'
  | 'sectors'
  | 'matchSuggestions'
  | 'introductionPaths'
  | 'createOrganization'
  | 'updateOrganization'
  | 'connectOrganizations'
  | 'disconnectOrganizations'
  | 'deleteOrganization';

type OpClass = 'read' | 'match' | 'write';

const OP_CLASS: Record<OpName, OpClass> = {
  organization: 'read',
  'organizations search': 'read',
  ecosystemStats: 'read',
  sectors: 'read',
  matchSuggestions: 'match',
  introductionPaths: 'match',
  createOrganization: 'write',
  updateOrganization: 'write',
  connectOrganizations: 'write',
  disconnectOrganizations: 'write',
  deleteOrganization: 'write',
};

/** Percent of requests per operation: 50 % reads, 30 % matches, 20 % writes. */
const OFFICER_MIX: [OpName, number][] = [
  ['organization', 25],
  ['organizations search', 15],
  ['ecosystemStats', 5],
  ['sectors', 5],
  ['matchSuggestions', 25],
  ['introductionPaths', 5],
  ['createOrganization', 6],
  ['updateOrganization', 4],
  ['connectOrganizations', 6],
  ['disconnectOrganizations', 2],
  ['deleteOrganization', 2],
];
/** An enterprise reads public profiles, matches from its own organisation, edits its profile. */
const ENTERPRISE_MIX: [OpName, number][] = [
  ['organization', 30],
  ['organizations search', 15],
  ['sectors', 5],
  ['matchSuggestions', 25],
  ['introductionPaths', 5],
  ['updateOrganization', 20],
];

const SEARCH_TERMS = ['battery', 'AI', 'PolyU', 'robot', 'logistics', 'Science Park', 'energy'];
const RELATIONSHIP_TYPES: RelationshipType[] = ['COLLABORATES_WITH', 'SUPPLIES', 'FUNDS'];

/** Deterministic per connection (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// The ledger of acknowledged writes, checked against the store afterwards.

interface Ledger {
  /** Organisations whose creation was acknowledged, and not deleted since. */
  created: Set<string>;
  deleted: Set<string>;
  /** Relationship keys `from|type|to` acknowledged as added (and not removed since). */
  relationships: Set<string>;
  removed: Set<string>;
  /** Last acknowledged description per organisation. */
  descriptions: Map<string, string>;
}

const relKey = (from: string, type: string, to: string) => `${from}|${type}|${to}`;

interface Pending {
  op: OpName;
  started: number;
  /** Applied to the ledger when the write is acknowledged. */
  onAck?: (data: Record<string, unknown>) => void;
  touches?: string[];
}

interface Connection {
  index: number;
  role: 'OFFICER' | 'ENTERPRISE';
  /** An enterprise's own organisation. */
  organizationId: string | null;
  random: () => number;
  /** Organisations this officer created and has not deleted (acknowledged). */
  mine: string[];
  /** Relationships this officer added (acknowledged), as [from, type, to]. */
  links: [string, RelationshipType, string][];
  counter: number;
}

interface OpStats {
  requests: number;
  ok: number;
  rateLimited: number;
  errors: number;
  latencies: number[];
}

interface Outcome {
  byOp: Map<OpName, OpStats>;
  errorCodes: Map<string, number>;
  errorSamples: string[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function choose(random: () => number, mix: readonly [OpName, number][]): OpName {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [op, w] of mix) {
    r -= w;
    if (r < 0) return op;
  }
  return mix[mix.length - 1]![0];
}

interface Request {
  op: OpName;
  query: string;
  variables: Record<string, unknown>;
  onAck?: (data: Record<string, unknown>) => void;
  /** Ledger keys a write may change: uncertain when the run stops before its answer came. */
  touches?: string[];
}

function nextRequest(
  c: Connection,
  ids: readonly string[],
  ledger: Ledger,
  store: StoreKind,
): Request {
  const random = c.random;
  let op = choose(random, c.role === 'OFFICER' ? OFFICER_MIX : ENTERPRISE_MIX);
  // Writes that need an organisation of one's own fall back to creating one.
  if (
    (op === 'connectOrganizations' || op === 'deleteOrganization' || op === 'updateOrganization') &&
    c.role === 'OFFICER' &&
    c.mine.length === 0
  )
    op = 'createOrganization';
  if (op === 'disconnectOrganizations' && c.links.length === 0) op = 'connectOrganizations';
  if (op === 'connectOrganizations' && c.mine.length === 0) op = 'createOrganization';
  const someone = () => pick(random, ids);
  const source = () => c.organizationId ?? someone();

  switch (op) {
    case 'organization':
      return {
        op,
        query: `query($id: ID!) { organization(id: $id) { id name kind description sectors { name } offers { name } needs { name } locations { name } relationships(first: 20) { type from { id } to { id name } } } }`,
        variables: { id: someone() },
      };
    case 'organizations search':
      return {
        op,
        query: `query($q: String) { organizations(search: $q, first: 20) { totalCount edges { cursor node { id name kind } } pageInfo { hasNextPage endCursor } } }`,
        variables: { q: pick(random, SEARCH_TERMS) },
      };
    case 'ecosystemStats':
      return {
        op,
        query: `{ ecosystemStats { organizationCount relationshipCount byKind { kind count } bySector { sector { name } count } topConnectors { organization { id name } degree } } }`,
        variables: {},
      };
    case 'sectors':
      return { op, query: `{ sectors { id name organizationCount } }`, variables: {} };
    case 'matchSuggestions':
      return {
        op,
        query: `query($id: ID!) { matchSuggestions(organizationId: $id, first: 10) { organization { id name } score reasons signals { kind value contribution } } }`,
        variables: { id: source() },
      };
    case 'introductionPaths': {
      const from = source();
      let to = someone();
      while (to === from) to = someone();
      return {
        op,
        query: `query($from: ID!, $to: ID!) { introductionPaths(fromId: $from, toId: $to, maxHops: 3) { hops organizations { id name } } }`,
        variables: { from, to },
      };
    }
    case 'createOrganization': {
      const id = `load-${store}-${c.index}-${c.counter++}`;
      return {
        op,
        query: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        variables: {
          input: {
            id,
            name: `Load Test Enterprise ${c.index}-${c.counter}`,
            kind: 'ENTERPRISE',
            description: 'Created by the load test: battery materials and logistics robots.',
            sectors: ['Advanced manufacturing and new energy technology'],
            offers: ['battery pack testing'],
            needs: ['materials simulation'],
            locations: ['Hong Kong Science Park'],
          },
        },
        onAck: () => {
          ledger.created.add(id);
          c.mine.push(id);
        },
        touches: [id],
      };
    }
    case 'updateOrganization': {
      const id = c.organizationId ?? pick(random, c.mine);
      const description = `Updated by load-test user ${c.index}, write ${c.counter++}.`;
      return {
        op,
        query: `mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id description } }`,
        variables: { id, input: { description } },
        onAck: () => ledger.descriptions.set(id, description),
        touches: [`description:${id}`],
      };
    }
    case 'connectOrganizations': {
      const from = pick(random, c.mine);
      const type = pick(random, RELATIONSHIP_TYPES);
      // A relationship that is already there would be refused (BAD_USER_INPUT), rightly.
      let to = someone();
      while (c.links.some(([f, t, o]) => f === from && t === type && o === to)) to = someone();
      return {
        op,
        query: `mutation($input: ConnectOrganizationsInput!) { connectOrganizations(input: $input) { type } }`,
        variables: { input: { fromId: from, toId: to, type, since: 2026, source: 'load test' } },
        onAck: () => {
          const key = relKey(from, type, to);
          ledger.relationships.add(key);
          ledger.removed.delete(key);
          c.links.push([from, type, to]);
        },
        touches: [relKey(from, type, to)],
      };
    }
    case 'disconnectOrganizations': {
      const i = Math.floor(random() * c.links.length);
      const [from, type, to] = c.links[i]!;
      return {
        op,
        query: `mutation($from: ID!, $to: ID!, $type: RelationshipType!) { disconnectOrganizations(fromId: $from, toId: $to, type: $type) }`,
        variables: { from, to, type },
        onAck: () => {
          const key = relKey(from, type, to);
          ledger.relationships.delete(key);
          ledger.removed.add(key);
          c.links = c.links.filter(([f, t, o]) => relKey(f, t, o) !== key);
        },
        touches: [relKey(from, type, to)],
      };
    }
    case 'deleteOrganization': {
      const id = c.mine[Math.floor(random() * c.mine.length)]!;
      return {
        op,
        query: `mutation($id: ID!) { deleteOrganization(id: $id) }`,
        variables: { id },
        onAck: () => {
          ledger.created.delete(id);
          ledger.deleted.add(id);
          ledger.descriptions.delete(id);
          c.mine = c.mine.filter((m) => m !== id);
          // Its relationships go with it.
          for (const key of [...ledger.relationships])
            if (key.startsWith(`${id}|`) || key.endsWith(`|${id}`)) {
              ledger.relationships.delete(key);
              ledger.removed.add(key);
            }
          c.links = c.links.filter(([f, , t]) => f !== id && t !== id);
        },
        touches: [
          id,
          `description:${id}`,
          ...c.links.filter(([f, , t]) => f === id || t === id).map(([f, t, o]) => relKey(f, t, o)),
        ],
      };
    }
  }
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/**
 * One loop per user, each sending its next request when the last one is answered (the
 * concurrency is the number of users), until the time is up; then every loop finishes the request
 * it has in flight, so each write ends either acknowledged or refused. A request that fails at
 * the transport (timeout, reset) is recorded as in flight: its write may or may not have landed.
 */
async function runLoad(
  api: ApiServer,
  connections: Connection[],
  tokens: string[],
  ids: readonly string[],
  ledger: Ledger,
  store: StoreKind,
  seconds: number,
): Promise<{ outcome: Outcome; seconds: number; transportErrors: number; inFlight: Pending[] }> {
  const outcome: Outcome = { byOp: new Map(), errorCodes: new Map(), errorSamples: [] };
  const inFlight: Pending[] = [];
  let transportErrors = 0;
  const stats = (op: OpName): OpStats => {
    let s = outcome.byOp.get(op);
    if (!s) {
      s = { requests: 0, ok: 0, rateLimited: 0, errors: 0, latencies: [] };
      outcome.byOp.set(op, s);
    }
    return s;
  };
  const error = (code: string, sample: string) => {
    outcome.errorCodes.set(code, (outcome.errorCodes.get(code) ?? 0) + 1);
    if (outcome.errorSamples.length < 10) outcome.errorSamples.push(sample.slice(0, 300));
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const user = async (c: Connection): Promise<void> => {
    while (performance.now() < deadline) {
      const r = nextRequest(c, ids, ledger, store);
      const pending: Pending = {
        op: r.op,
        started: performance.now(),
        onAck: r.onAck,
        touches: r.touches,
      };
      const s = stats(r.op);
      s.requests++;
      let status: number;
      let body: string;
      try {
        const res = await fetch(api.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[c.index]}`,
          },
          body: JSON.stringify({ query: r.query, variables: r.variables }),
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        body = await res.text();
      } catch (e) {
        transportErrors++;
        s.errors++;
        inFlight.push(pending);
        error('TRANSPORT', `${r.op}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      let parsed: GraphQLBody;
      try {
        parsed = JSON.parse(body) as GraphQLBody;
      } catch {
        s.errors++;
        error(`HTTP ${status} (not JSON)`, body);
        continue;
      }
      const codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
      if (status === 429 || codes.includes('RATE_LIMITED')) {
        s.rateLimited++;
        continue;
      }
      if (status !== 200 || codes.length > 0 || !parsed.data) {
        s.errors++;
        error(codes[0] ?? `HTTP ${status}`, `${r.op}: ${parsed.errors?.[0]?.message ?? body}`);
        continue;
      }
      s.ok++;
      s.latencies.push(performance.now() - pending.started);
      pending.onAck?.(parsed.data);
    }
  };
  await Promise.all(connections.map(user));
  return { outcome, seconds: (performance.now() - started) / 1000, transportErrors, inFlight };
}

// ---------------------------------------------------------------------------------------------
// Verification: the store, opened directly after the API stopped, holds every acknowledged write.

interface Verification {
  /** Writes that failed in transport (timeout, reset): either outcome is accepted for them. */
  inFlight: number;
  created: number;
  createdMissing: string[];
  deleted: number;
  deletedPresent: string[];
  relationships: number;
  relationshipsMissing: string[];
  removed: number;
  removedPresent: string[];
  descriptions: number;
  descriptionsWrong: string[];
}

async function verify(
  store: GraphStore,
  ledger: Ledger,
  inFlight: readonly Pending[],
): Promise<Verification> {
  const uncertain = new Set(inFlight.flatMap((p) => p.touches ?? []));
  const certain = (key: string) => !uncertain.has(key);
  const created = [...ledger.created].filter(certain);
  const deleted = [...ledger.deleted].filter(certain);
  const descriptions = new Map(
    [...ledger.descriptions].filter(([id]) => certain(`description:${id}`)),
  );
  const added = [...ledger.relationships].filter(certain);
  const removed = [...ledger.removed].filter(certain);
  const present = await store.existingIds([...created, ...deleted]);
  const describedIds = [...descriptions.keys()];
  const profiles = await store.getOrganizations(describedIds);
  const relKeys = [...added, ...removed];
  const fromIds = [...new Set(relKeys.map((k) => k.split('|')[0]!))];
  const rels = new Set<string>();
  for (let i = 0; i < fromIds.length; i += 500) {
    const batch = await store.relationshipsOf(fromIds.slice(i, i + 500), null);
    for (const list of batch.values()) for (const r of list) rels.add(relKey(r.from, r.type, r.to));
  }
  return {
    inFlight: inFlight.filter((p) => p.touches?.length).length,
    created: created.length,
    createdMissing: created.filter((id) => !present.has(id)),
    deleted: deleted.length,
    deletedPresent: deleted.filter((id) => present.has(id)),
    relationships: added.length,
    relationshipsMissing: added.filter((k) => !rels.has(k)),
    removed: removed.length,
    removedPresent: removed.filter((k) => rels.has(k)),
    descriptions: describedIds.length,
    descriptionsWrong: describedIds.filter(
      (id) => profiles.get(id)?.description !== descriptions.get(id),
    ),
  };
}

const verificationFailures = (v: Verification): number =>
  v.createdMissing.length +
  v.deletedPresent.length +
  v.relationshipsMissing.length +
  v.removedPresent.length +
  v.descriptionsWrong.length;

// ---------------------------------------------------------------------------------------------

interface Args {
  stores: StoreKind[];
  duration: number;
  concurrency: number;
  orgs: number;
  rateLimit: number;
  seed: number;
  server: ServerMode | 'auto';
  out: string | null;
}

function parseCommandLine(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      store: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '32' },
      orgs: { type: 'string', default: '0' },
      'rate-limit': { type: 'string', default: '1200' },
      seed: { type: 'string', default: '7' },
      server: { type: 'string', default: 'auto' },
      out: { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string, min: number, max = Infinity): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const store = values.store;
  if (store !== 'embedded' && store !== 'neo4j' && store !== 'both')
    throw new Error('--store must be embedded, neo4j or both');
  const server = values.server;
  if (server !== 'auto' && server !== 'dist' && server !== 'source')
    throw new Error('--server must be auto, dist or source');
  return {
    stores: store === 'both' ? ['embedded', 'neo4j'] : [store],
    // Bounded: a load test on a shared machine never runs unattended for long.
    duration: num(values.duration, 'duration', 1, 600),
    concurrency: num(values.concurrency, 'concurrency', 1, 256),
    orgs: num(values.orgs, 'orgs', 0, 100_000),
    rateLimit: num(values['rate-limit'], 'rate-limit', 0),
    seed: num(values.seed, 'seed', 0),
    server,
    out: values.out ?? null,
  };
}

interface StoreResult {
  store: StoreKind;
  organizations: number;
  connections: { officers: number; enterprises: number };
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  ok: number;
  rateLimited: number;
  errors: number;
  errorCodes: Record<string, number>;
  errorSamples: string[];
  byOp: {
    op: OpName;
    class: OpClass;
    requests: number;
    ok: number;
    rateLimited: number;
    errors: number;
    p50: number;
    p99: number;
  }[];
  transportErrors: number;
  readyAfter: boolean;
  rssMiB: number | null;
  peakMiB: number | null;
  verification: Verification;
}

interface IdPage {
  organizations: {
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function organizationIds(api: ApiServer, token: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse<IdPage> = await graphql<IdPage>(
      api.url,
      token,
      `
        query ($after: String) {
          organizations(first: 100, after: $after) {
            edges {
              node {
                id
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `,
      { after },
    );
    if (!res.data) throw new Error(`listing organisations failed: ${JSON.stringify(res.errors)}`);
    ids.push(...res.data.organizations.edges.map((e) => e.node.id));
    if (!res.data.organizations.pageInfo.hasNextPage || ids.length >= 5000) return ids;
    after = res.data.organizations.pageInfo.endCursor;
  }
}

async function enterpriseIds(api: ApiServer, token: string, n: number): Promise<string[]> {
  const res = await graphql<{ organizations: { edges: { node: { id: string } }[] } }>(
    api.url,
    token,
    `
      query ($n: Int!) {
        organizations(kinds: [ENTERPRISE], first: $n) {
          edges {
            node {
              id
            }
          }
        }
      }
    `,
    { n },
  );
  if (!res.data) throw new Error(`listing enterprises failed: ${JSON.stringify(res.errors)}`);
  return res.data.organizations.edges.map((e) => e.node.id);
}

async function loadStore(
  kind: StoreKind,
  args: Args,
  mode: ServerMode,
  neo4jTarget: Neo4jTarget | null,
): Promise<StoreResult> {
  const secret = randomBytes(32).toString('hex');
  const tokens = new TokenService(new TextEncoder().encode(secret), ISSUER);
  const admin = await tokens.issue({ subject: 'load-admin', role: 'ADMIN', ttlSeconds: 3600 });
  const dataDir = mkdtempSync(join(tmpdir(), `pm-load-${kind}-`));
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: String(args.rateLimit),
    AUTH_JWT_SECRET: secret,
    AUTH_ISSUER: ISSUER,
    SEED_ON_EMPTY: 'true',
    DATA_DIR: dataDir,
    GRAPH_STORE: kind,
    ...(neo4jTarget && {
      NEO4J_URI: neo4jTarget.uri,
      NEO4J_USER: neo4jTarget.user,
      NEO4J_PASSWORD: neo4jTarget.password,
      NEO4J_DATABASE: neo4jTarget.database,
    }),
  };
  const openStore = (): GraphStore =>
    kind === 'embedded'
      ? new EmbeddedGraphStore({ dataDir })
      : new Neo4jGraphStore({
          uri: neo4jTarget!.uri,
          user: neo4jTarget!.user,
          password: neo4jTarget!.password,
          database: neo4jTarget!.database,
        });
  try {
    if (args.orgs > 0) {
      // A generated graph next to the seed: the API seeds on start, the generated graph is
      // imported first through the port (the store is closed again before the API opens it).
      const { graph } = await ensureGraph({ organizations: args.orgs, seed: 42 });
      const store = openStore();
      await store.init();
      try {
        log(`  importing ${graph}`);
        await importGraphFile(store, graph);
      } finally {
        await store.close();
      }
    }
    const api = await startApi(env, mode);
    let result: Omit<StoreResult, 'verification'>;
    let inFlight: Pending[] = [];
    const ledger: Ledger = {
      created: new Set(),
      deleted: new Set(),
      relationships: new Set(),
      removed: new Set(),
      descriptions: new Map(),
    };
    try {
      log(`  API ready in ${api.startSeconds.toFixed(1)} s`);
      const ids = await organizationIds(api, admin);
      const enterpriseCount = Math.round(args.concurrency * ENTERPRISE_SHARE);
      const own = await enterpriseIds(api, admin, enterpriseCount);
      const connections: Connection[] = [];
      const userTokens: string[] = [];
      for (let i = 0; i < args.concurrency; i++) {
        const enterprise = i < own.length;
        connections.push({
          index: i,
          role: enterprise ? 'ENTERPRISE' : 'OFFICER',
          organizationId: enterprise ? own[i]! : null,
          random: prng(args.seed * 1000 + i),
          mine: [],
          links: [],
          counter: 0,
        });
        userTokens.push(
          await tokens.issue({
            subject: `load-user-${i}`,
            role: enterprise ? 'ENTERPRISE' : 'OFFICER',
            organizationId: enterprise ? own[i]! : null,
            ttlSeconds: 3600,
          }),
        );
      }
      log(
        `  ${ids.length} organisations; ${args.concurrency} users (${own.length} enterprises) for ${args.duration} s`,
      );
      const run = await runLoad(api, connections, userTokens, ids, ledger, kind, args.duration);
      inFlight = run.inFlight;
      const ready = await fetch(`${api.origin}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      const memory = api.memory();
      const all = [...run.outcome.byOp.values()];
      const sum = (f: (s: OpStats) => number) => all.reduce((a, s) => a + f(s), 0);
      const requests = sum((s) => s.requests);
      result = {
        store: kind,
        organizations: ids.length,
        connections: { officers: args.concurrency - own.length, enterprises: own.length },
        seconds: run.seconds,
        requests,
        requestsPerSecond: requests / run.seconds,
        ok: sum((s) => s.ok),
        rateLimited: sum((s) => s.rateLimited),
        errors: sum((s) => s.errors),
        errorCodes: Object.fromEntries(run.outcome.errorCodes),
        errorSamples: run.outcome.errorSamples,
        byOp: [...run.outcome.byOp.entries()]
          .map(([op, s]) => ({
            op,
            class: OP_CLASS[op],
            requests: s.requests,
            ok: s.ok,
            rateLimited: s.rateLimited,
            errors: s.errors,
            p50: percentile(s.latencies, 0.5),
            p99: percentile(s.latencies, 0.99),
          }))
          .sort((a, b) => b.requests - a.requests),
        transportErrors: run.transportErrors,
        readyAfter: ready,
        rssMiB: memory?.rssMiB ?? null,
        peakMiB: memory?.peakMiB ?? null,
      };
    } finally {
      await api.stop();
      // The server's own log (JSON lines), for the correlation ids of any INTERNAL errors.
      mkdirSync(DEFAULT_GRAPH_DIR, { recursive: true });
      const serverLog = join(DEFAULT_GRAPH_DIR, `load-${kind}-server.log`);
      writeFileSync(serverLog, api.output());
      log(`  server log: ${serverLog}`);
    }
    const store = openStore();
    await store.init();
    try {
      const verification = await verify(store, ledger, inFlight);
      return { ...result, verification };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(
  args: Args,
  results: StoreResult[],
  machine: MachineDescription,
  notes: string[],
): string {
  const lines = [
    '## Load test',
    '',
    `The real API (NODE_ENV=production, rate limit ${args.rateLimit ? `${args.rateLimit} requests per minute per token` : 'off'}) on loopback, seed graph${args.orgs ? ` plus a generated graph of ${count(args.orgs)} organisations` : ''}, held at concurrency ${args.concurrency} for ${args.duration} s per store: ${args.concurrency} simulated users, each sending its next request when the last is answered. Every user has its own token: ${Math.round(args.concurrency * ENTERPRISE_SHARE)} enterprise users (matches from their own organisation, reads, updates of their own profile) and the rest officers (50 % reads, 30 % matches, 20 % writes: create, update, connect, disconnect, delete). Rate limiting (HTTP 429, RATE_LIMITED) is counted apart; any other error fails the run. Latencies are of successful responses, measured by the client on the same 2 cores.`,
    '',
    markdownTable(
      [
        'store',
        'orgs',
        'requests',
        'req/s',
        'ok',
        'rate-limited',
        'errors',
        'transport errors',
        'ready after',
        'API RSS MiB',
        'acknowledged writes checked after SIGTERM',
      ],
      results.map((r) => {
        const v = r.verification;
        return [
          r.store,
          count(r.organizations),
          count(r.requests),
          fixed(r.requestsPerSecond, 0),
          count(r.ok),
          count(r.rateLimited),
          r.errors ? `${count(r.errors)} (${JSON.stringify(r.errorCodes)})` : '0',
          count(r.transportErrors),
          r.readyAfter ? 'yes' : 'NO',
          r.rssMiB === null ? '—' : `${fixed(r.rssMiB, 0)} (peak ${fixed(r.peakMiB, 0)})`,
          `${v.created} created, ${v.deleted} deleted, ${v.relationships} links added, ${v.removed} removed, ${v.descriptions} descriptions: ${verificationFailures(v) === 0 ? 'all present' : `${verificationFailures(v)} MISSING`} (${v.inFlight} writes lost in transport, either outcome accepted)`,
        ];
      }),
    ),
    '',
    markdownTable(
      [
        'store',
        'operation',
        'class',
        'requests',
        'ok',
        'rate-limited',
        'errors',
        'p50 ms',
        'p99 ms',
      ],
      results.flatMap((r) =>
        r.byOp.map((o) => [
          r.store,
          o.op,
          o.class,
          count(o.requests),
          count(o.ok),
          count(o.rateLimited),
          count(o.errors),
          fixed(o.p50, 1),
          fixed(o.p99, 1),
        ]),
      ),
    ),
  ];
  for (const r of results)
    if (r.errorSamples.length)
      lines.push('', `Errors on ${r.store}:`, '', ...r.errorSamples.map((s) => `- ${s}`));
  for (const r of results) {
    const v = r.verification;
    if (verificationFailures(v) > 0)
      lines.push(
        '',
        `Acknowledged writes not found on ${r.store}:`,
        '',
        ...[
          ...v.createdMissing.map((id) => `created, missing: ${id}`),
          ...v.deletedPresent.map((id) => `deleted, still there: ${id}`),
          ...v.relationshipsMissing.map((k) => `relationship added, missing: ${k}`),
          ...v.removedPresent.map((k) => `relationship removed, still there: ${k}`),
          ...v.descriptionsWrong.map((id) => `description of ${id} is not the last acknowledged`),
        ].map((line) => `- ${line}`),
      );
  }
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('', `Machine: ${machineLine(machine)}.`, '', `Command: \`${commandLine('load')}\``);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const machine = describeMachine();
  const { mode, why } = pickServerMode(args.server);
  log(`load test: server from ${mode} (${why})`);
  const results: StoreResult[] = [];
  const notes: string[] = [];
  for (const kind of args.stores) {
    log(`${kind}:`);
    if (kind === 'embedded') {
      results.push(await loadStore(kind, args, mode, null));
      continue;
    }
    let target = externalNeo4j();
    if (target) {
      notes.push(
        `Neo4j: ${target.description}; the database must be empty (the API seeds it on start).`,
      );
    } else if (canLaunchNeo4j()) {
      target = await launchNeo4j({ heap: '1g', pageCache: '256m' }, log);
      notes.push(`Neo4j: ${target.description}.`);
    } else {
      notes.push('Neo4j: skipped (no NEO4J_URI, and no java/mvn to start the test server).');
      continue;
    }
    try {
      results.push(await loadStore(kind, args, mode, target));
    } finally {
      await target.stop();
    }
  }
  const markdown = report(args, results, machine, notes);
  const file = args.out ?? join(RESULTS_DIR, `load-${stamp()}`);
  const written = writeResults(file, markdown, { args, machine, results });
  if (!args.out)
    writeResults(join(RESULTS_DIR, 'load-latest'), markdown, { args, machine, results });
  process.stdout.write(`${markdown}\n`);
  log(`written: ${written.md}, ${written.json}`);
  const failed = results.filter((r) => r.errors > 0 || verificationFailures(r.verification) > 0);
  const notReady = results.filter((r) => !r.readyAfter);
  if (failed.length || notReady.length) {
    log(
      `FAILED: ${[...failed, ...notReady].map((r) => r.store).join(', ')} had errors other than rate limiting, missing writes, or was not ready afterwards`,
    );
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
