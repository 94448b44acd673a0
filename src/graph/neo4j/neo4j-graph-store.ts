// The Neo4j adapter of the GraphStore port: one driver per store, a session per unit of work with an
// explicit database, reads and writes as managed transactions (retried by the driver on transient
// errors; bulk batches use an explicit one, see writeBatch), every statement a named constant of
// cypher.ts, every value through neo4j-records.ts, driver errors mapped to domain errors.
import { Mutex } from 'async-mutex';
import neo4j, { type Driver, type Session, type SessionMode } from 'neo4j-driver';
import {
  badInput,
  conflict,
  DomainError,
  DomainErrorCode,
  notFound,
  unavailable,
} from '../../common/errors/domain-error';
import type { GraphStore, StoreHealth } from '../graph-store.port';
import {
  ORGANIZATION_KINDS,
  RELATIONSHIP_TYPES,
  SYMMETRIC_RELATIONSHIP_TYPES,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type BatchResult,
  type EcosystemStatsRecord,
  type GraphBatch,
  type OrganizationPage,
  type OrganizationPatch,
  type OrganizationProfile,
  type OrganizationQuery,
  type OrganizationWrite,
  type PlaceNode,
  type PlaceWrite,
  type PrivateDetails,
  type Relationship,
  type RelationshipKey,
  type RelationshipType,
  type SectorWithCount,
} from '../graph.types';
import {
  CHANNELS,
  channelsOf,
  type CandidateChannels,
  type ChannelName,
  type CommonNeighbour,
  type CandidateQuery,
  type GraphPath,
  type Neighbour,
  type PlaceChain,
  type TermStats,
} from '../match-graph.types';
import { type Analyzer, defaultAnalyzer } from '../../matching/text/analyzer';
import { decodeCursor, encodeCursor, luceneQuery, queryTerms, type SortKey } from '../search';
import * as Q from './cypher';
import { FACET_NAMES, FACETS } from './cypher';
import { indexTerm, termText } from './lucene';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from './migrations';
import * as ops from './neo4j-match-ops';
import { run, runChunked, UNWIND_CHUNK, type Tx } from './neo4j-tx';
import {
  adjustTermFrequencies,
  batchRelationships,
  descriptionDeltas,
  derivedProps,
  lastByKey,
  linkFacets,
  mergePlaces,
  organizationProps,
  type FacetLists,
} from './neo4j-writes';
import {
  isConstraintViolation,
  isMemoryLimitExceeded,
  isUnavailable,
  isRolledBackTransient,
  isWorthRetrying,
  mapNeo4jError,
  UNAVAILABLE_MESSAGE,
} from './neo4j-errors';
import {
  asOrganizationKind,
  asPlaceKind,
  asRow,
  asString,
  asStringList,
  asStringOrNull,
  compareRelationships,
  compareStrings,
  decodeAuditCursor,
  encodeAuditCursor,
  toAuditEntry,
  toCount,
  toInteger,
  toIntegerOrNull,
  toNamedNode,
  toPlaceNode,
  toPrivateDetails,
  toProfile,
  toRelationship,
  type Row,
} from './neo4j-records';

export interface Neo4jGraphStoreLogger {
  log(msg: string): void;
  warn(msg: string): void;
}

export interface Neo4jGraphStoreOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  maxPoolSize?: number;
  logger?: Neo4jGraphStoreLogger;
  /** Where the `.cypher` migrations live; graph-seed/migrations by default. */
  migrationsDir?: string;
  /** The matching analyzer whose terms the store keeps for candidate search; the shared one by default. */
  analyzer?: Analyzer;
  /** How many of the most connected organisations the ACTIVE channel's pool holds (1,000). */
  activePoolSize?: number;
}

/**
 * The ACTIVE channel's pool is computed again after any write of this process, and at least this
 * often (ms), so that writes from other processes (a bulk import, another replica) show too.
 */
const ACTIVE_POOL_TTL_MS = 60_000;

/** Health checks must answer quickly even when the server hangs (probes have short timeouts). */
const HEALTH_TIMEOUT_MS = 2_000;
/** Fail fast on an unreachable server rather than hanging a request for the 30 s default. */
const CONNECTION_TIMEOUT_MS = 3_000;
/** Bumped when the stored term statistics change shape: a store recounts them at start. */
const TERM_STATISTICS_VERSION = 'term-frequencies-1';
/**
 * How long the driver retries a managed transaction on transient errors. Short: while Neo4j is
 * down, requests must fail fast with SERVICE_UNAVAILABLE rather than hang for the default 30 s.
 */
const MAX_TRANSACTION_RETRY_MS = 3_000;
/**
 * How long writeOnce runs a write the server refused (deadlock) again: longer than the driver's
 * window, because the server is up and answering; many writers on one busy node take turns.
 */
const REFUSED_WRITE_RETRY_MS = 10_000;
/** Reconnection attempts back off from the first delay to the last, then stay there. */
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
/** Attempts of a batch transaction that failed with a retriable error (deadlocks, mostly). */
const BATCH_ATTEMPTS = 4;
/** Nodes per transaction when the analysed terms are recomputed. */
const REFRESH_PAGE = 2_000;

const NO_LOGGER: Neo4jGraphStoreLogger = { log: () => undefined, warn: () => undefined };

function assertRelationshipType(type: string, field: string): asserts type is RelationshipType {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
    throw badInput(field, `unknown relationship type "${type}"`);
  }
}

const nonEmpty = <T>(list: readonly T[] | null): readonly T[] | null =>
  list !== null && list.length > 0 ? list : null;

function placeWriteOf(p: Pick<PlaceNode, 'id' | 'name' | 'kind'>): PlaceWrite {
  return { id: p.id, name: p.name, kind: p.kind, within: null };
}

function writeOf(p: OrganizationProfile): OrganizationWrite {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    description: p.description,
    aliases: p.aliases,
    website: p.website,
    founded: p.founded,
    strategicEnterprise: p.strategicEnterprise,
    sectors: p.sectors,
    offers: p.offers,
    needs: p.needs,
    // The places themselves (with their WITHIN parents) are exported first.
    locations: p.locations.map(placeWriteOf),
    markets: p.markets.map(placeWriteOf),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

async function readProfile(tx: Tx, id: string): Promise<OrganizationProfile> {
  const [row] = await run(tx, Q.GET_ORGANIZATIONS, { ids: [id] });
  if (row === undefined) throw notFound('organization', id, 'id');
  return toProfile(row.profile);
}

// ── the adapter ───────────────────────────────────────────────────────────────

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private driver: Driver | null = null;
  /** Circuit state: calls fail fast unless 'up'. */
  private state: {
    status: 'connecting' | 'up' | 'down';
    since: number;
    lastError: string | null;
    attempt: number;
  } = {
    status: 'connecting',
    since: Date.now(),
    lastError: null,
    attempt: 0,
  };
  private migrated = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly ready = deferred();
  /**
   * Graph writes of this process run one at a time. Writes that link organisations to the same
   * busy sector, place or term nodes deadlock in Neo4j's lock manager even with a fixed lock
   * order (relationship-group locks of dense nodes), and each deadlock costs a rollback and a
   * retry; queueing them here costs nothing of the sort. Writes from other processes (another
   * replica, a bulk import) are still met by the retries of refused transactions.
   */
  private readonly writeQueue = new Mutex();
  /**
   * The most connected organisations (ACTIVE channel), with the write generation they were read
   * at: a write of this process bumps the generation before and after it runs, so a pool read
   * while a write was under way is never kept.
   */
  private activePool: { pool: ops.ActivePool; generation: number; at: number } | null = null;
  private activePoolLoad: { generation: number; promise: Promise<ops.ActivePool> } | null = null;
  private writeGeneration = 0;
  private readonly logger: Neo4jGraphStoreLogger;
  private readonly analyzer: Analyzer;

  constructor(private readonly options: Neo4jGraphStoreOptions) {
    this.logger = options.logger ?? NO_LOGGER;
    this.analyzer = options.analyzer ?? defaultAnalyzer();
  }

  /**
   * Creates the driver and connects. When Neo4j cannot be reached, init still resolves: the store
   * reports "not ready", answers SERVICE_UNAVAILABLE at once, and keeps reconnecting with backoff;
   * once connected it applies migrations and serves. Other failures (wrong credentials, a failed
   * migration) are configuration errors and stop startup.
   */
  async init(): Promise<void> {
    if (this.driver) return;
    const { uri, user, password } = this.options;
    this.driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
      maxConnectionPoolSize: this.options.maxPoolSize ?? 50,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      connectionAcquisitionTimeout: CONNECTION_TIMEOUT_MS * 2,
      maxTransactionRetryTime: MAX_TRANSACTION_RETRY_MS,
      userAgent: 'partner-matchmaking',
      logging: {
        level: 'warn',
        logger: (_level, message) => this.logger.warn(`neo4j: ${message}`),
      },
    });
    try {
      await this.establish();
    } catch (error) {
      if (!isUnavailable(error)) {
        const driver = this.driver;
        this.driver = null;
        await driver.close();
        throw mapNeo4jError(error);
      }
      this.logger.warn(
        `neo4j: cannot reach ${uri} (${error instanceof Error ? error.message : String(error)}); ` +
          'serving as not ready and reconnecting',
      );
      this.markDown(error, 'connecting');
    }
  }

  /** Resolves once the store is connected and migrated. */
  whenReady(): Promise<void> {
    return this.state.status === 'up' ? Promise.resolve() : this.ready.promise;
  }

  /** Verifies connectivity, applies migrations and brings stored terms up to date. */
  private async establish(): Promise<void> {
    const driver = this.driver;
    if (!driver) throw unavailable(UNAVAILABLE_MESSAGE);
    const { uri, database } = this.options;
    const info = await driver.getServerInfo({ database });
    if (!this.migrated) {
      await applyMigrations(
        driver,
        database,
        this.options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
        (m) => this.logger.log(`neo4j: ${m}`),
      );
      this.state = { status: 'up', since: Date.now(), lastError: null, attempt: 0 };
      await this.refreshAnalysedTerms();
      this.migrated = true;
    }
    if (this.state.status !== 'up' || this.state.lastError !== null) {
      this.logger.log(`neo4j: connected again to ${info.address ?? uri}`);
    } else {
      this.logger.log(
        `neo4j: connected to ${info.agent ?? 'Neo4j'} at ${info.address ?? uri}, database "${database}"`,
      );
    }
    this.state = { status: 'up', since: Date.now(), lastError: null, attempt: 0 };
    this.ready.resolve();
  }

  /**
   * Opens the circuit: every call fails fast with SERVICE_UNAVAILABLE while a background loop
   * reconnects with backoff. The driver itself is kept; it reconnects its pool on demand.
   */
  private markDown(error: unknown, status: 'connecting' | 'down' = 'down'): void {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    if (this.state.status === 'up') {
      this.logger.warn(`neo4j: unreachable (${message}); failing fast and reconnecting`);
      this.state = { status, since: Date.now(), lastError: message, attempt: 0 };
    } else {
      this.state = {
        ...this.state,
        status: this.migrated ? 'down' : 'connecting',
        lastError: message,
      };
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.driver) return;
    const delay = RECONNECT_DELAYS_MS[
      Math.min(this.state.attempt, RECONNECT_DELAYS_MS.length - 1)
    ] as number;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.state = { ...this.state, attempt: this.state.attempt + 1 };
      this.establish().catch((error: unknown) => {
        if (this.driver === null) return;
        if (!isUnavailable(error)) {
          this.logger.warn(
            `neo4j: reconnecting failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        if (this.state.attempt === 1 || this.state.attempt % 10 === 0) {
          this.logger.warn(
            `neo4j: still unreachable after ${this.state.attempt} attempts; retrying`,
          );
        }
        this.markDown(error);
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Maps a driver error; a lost database opens the circuit. */
  private fail(error: unknown): unknown {
    if (!(error instanceof DomainError) && isUnavailable(error)) this.markDown(error);
    return mapNeo4jError(error);
  }

  /**
   * The stored analysed terms follow the analyzer (stop words, synonyms, stemming): when its
   * fingerprint differs from the one recorded, every description and capability is analysed again,
   * page by page, before the store serves. Idempotent, so replicas starting together do no harm.
   */
  private async refreshAnalysedTerms(): Promise<void> {
    const stateId = 'matching';
    const fingerprint = `${this.analyzer.fingerprint}/${TERM_STATISTICS_VERSION}`;
    const recorded = await this.read('refreshAnalysedTerms', async (tx) => {
      const [row] = await run(tx, Q.READ_ANALYZER_STATE, { id: stateId });
      return row?.fingerprint;
    });
    if (recorded === fingerprint) return;
    const started = Date.now();
    let count = 0;
    for (const [page, write] of [
      [Q.ORGANIZATION_DESCRIPTIONS_PAGE, Q.SET_DESCRIPTION_TERMS],
      [Q.CAPABILITY_NAMES_PAGE, Q.SET_CAPABILITY_TERMS],
    ] as const) {
      for (let after = ''; ;) {
        const rows = await this.read('refreshAnalysedTerms', (tx) =>
          run(tx, page, { after, limit: toInteger(REFRESH_PAGE) }),
        );
        const terms = rows.map((r) => ({
          id: asString(r.id, 'id'),
          terms: termText(this.analyzer.terms(asStringOrNull(r.text, 'text') ?? '')),
        }));
        if (terms.length > 0) {
          await this.write('refreshAnalysedTerms', (tx) => run(tx, write, { rows: terms }));
        }
        count += terms.length;
        const last = terms[terms.length - 1];
        if (last === undefined || rows.length < REFRESH_PAGE) break;
        after = last.id;
      }
    }
    // Frequencies follow the recomputed terms; CALL … IN TRANSACTIONS needs auto-commit.
    await this.autoCommit(Q.REBUILD_TERM_FREQUENCIES);
    await this.write('refreshAnalysedTerms', (tx) =>
      run(tx, Q.WRITE_ANALYZER_STATE, {
        id: stateId,
        fingerprint,
        updatedAt: new Date().toISOString(),
      }),
    );
    if (count > 0) {
      this.logger.log(
        `neo4j: analysed ${count} descriptions and capabilities again in ${Date.now() - started} ms`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const driver = this.driver;
    this.driver = null;
    await driver?.close();
  }

  async health(): Promise<StoreHealth> {
    const driver = this.driver;
    if (!driver) return { ok: false, detail: 'neo4j: not connected' };
    if (this.state.status !== 'up') {
      const migrations = this.migrated ? 'migrations applied' : 'migrations not applied yet';
      return {
        ok: false,
        detail: `neo4j: ${this.state.status} since ${new Date(this.state.since).toISOString()} (${this.state.attempt} attempts; ${migrations}): ${this.state.lastError ?? ''}`,
      };
    }
    const session = driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS);
    });
    const started = Date.now();
    try {
      // An auto-commit query: a managed transaction would keep retrying for 30 s when down.
      await Promise.race([session.run(Q.PING, {}, { timeout: HEALTH_TIMEOUT_MS }), timeout]);
      return { ok: true, detail: `neo4j: ok in ${Date.now() - started} ms` };
    } catch (error) {
      const mapped = mapNeo4jError(error);
      const detail =
        error instanceof Error && error.message === 'timeout'
          ? `neo4j: no answer within ${HEALTH_TIMEOUT_MS} ms`
          : mapped instanceof DomainError && mapped.code === DomainErrorCode.SERVICE_UNAVAILABLE
            ? 'neo4j: unreachable'
            : 'neo4j: query failed';
      return { ok: false, detail };
    } finally {
      clearTimeout(timer);
      // Not awaited: after a timeout, closing waits for the hung query.
      void session.close().catch(() => undefined);
    }
  }

  isEmpty(): Promise<boolean> {
    return this.read('isEmpty', async (tx) => {
      const [row] = await run(tx, Q.IS_EMPTY);
      return row?.empty === true;
    });
  }

  // ── writes ──────────────────────────────────────────────────────────────────

  createOrganization(org: OrganizationWrite): Promise<OrganizationProfile> {
    return this.writeOnce('createOrganization', async (tx) => {
      try {
        await tx.run(Q.CREATE_ORGANIZATION, {
          id: org.id,
          props: organizationProps(org, this.analyzer),
          createdAt: org.createdAt,
          updatedAt: org.updatedAt,
        });
      } catch (error) {
        // The organization_id constraint decides, so concurrent creates of one id cannot both win.
        if (isConstraintViolation(error)) {
          throw conflict(`organization "${org.id}" already exists`, 'input.id');
        }
        throw error;
      }
      await linkFacets(tx, [org], FACET_NAMES, this.analyzer, {
        descriptionDeltas: descriptionDeltas([
          { before: '', after: organizationProps(org, this.analyzer).descTerms },
        ]),
      });
      return readProfile(tx, org.id);
    });
  }

  updateOrganization(id: string, patch: OrganizationPatch): Promise<OrganizationProfile> {
    return this.write('updateOrganization', async (tx) => {
      const [current] = await run(tx, Q.LOCK_ORGANIZATION_FOR_UPDATE, { id });
      if (current === undefined) throw notFound('organization', id, 'id');

      const props: Row = { updatedAt: patch.updatedAt };
      if (patch.name !== undefined) props.name = patch.name;
      if (patch.kind !== undefined) props.kind = patch.kind;
      if (patch.description !== undefined) {
        props.description = patch.description;
        props.descTerms = termText(this.analyzer.terms(patch.description ?? ''));
      }
      if (patch.aliases !== undefined) props.aliases = patch.aliases;
      if (patch.website !== undefined) props.website = patch.website;
      if (patch.founded !== undefined) props.founded = toIntegerOrNull(patch.founded);
      if (patch.strategicEnterprise !== undefined) {
        props.strategicEnterprise = patch.strategicEnterprise;
      }
      if (
        patch.name !== undefined ||
        patch.aliases !== undefined ||
        patch.description !== undefined
      ) {
        Object.assign(
          props,
          derivedProps({
            id,
            name: patch.name ?? asString(current.name, 'name'),
            aliases: patch.aliases ?? asStringList(current.aliases, 'aliases'),
            description:
              patch.description !== undefined
                ? patch.description
                : asStringOrNull(current.description, 'description'),
          }),
        );
      }
      await tx.run(Q.SET_ORGANIZATION_PROPS, { id, props });

      const facets = FACET_NAMES.filter((f) => patch[f] !== undefined);
      for (const facet of facets) {
        await tx.run(Q.UNLINK_STALE_FACET[facet], {
          id,
          keep: (patch[facet] ?? []).map((t) => t.id),
        });
      }
      const lists: FacetLists = { id };
      for (const facet of facets) Object.assign(lists, { [facet]: patch[facet] });
      await linkFacets(tx, [lists], facets, this.analyzer, {
        descriptionDeltas:
          props.descTerms !== undefined
            ? descriptionDeltas([{ before: current.descTerms, after: props.descTerms }])
            : new Map(),
      });
      return readProfile(tx, id);
    });
  }

  deleteOrganization(id: string): Promise<boolean> {
    return this.write('deleteOrganization', async (tx) => {
      const [row] = await run(tx, Q.DELETE_ORGANIZATION, { id });
      if (row === undefined || toCount(row.deleted) === 0) return false;
      await adjustTermFrequencies(
        tx,
        descriptionDeltas([{ before: row.descTerms, after: '' }]),
        new Map(),
      );
      return true;
    });
  }

  async connect(rel: Relationship): Promise<Relationship> {
    assertRelationshipType(rel.type, 'input.type');
    const { from, to, type } = rel;
    return await this.writeOnce('connect', async (tx) => {
      // Lock both ends in a fixed (id) order before checking, so that concurrent connects of one
      // pair (either direction) serialise instead of both passing the duplicate check.
      const lockOrder = [...new Set([from, to])].sort(compareStrings);
      const ends = await run(tx, Q.LOCK_RELATIONSHIP_ENDS, { lockOrder });
      const exists = (id: string): boolean => ends.some((e) => e.id === id && e.exists === true);
      if (!exists(from)) throw notFound('organization', from, 'input.fromId');
      if (!exists(to)) throw notFound('organization', to, 'input.toId');

      const [dup] = await run(tx, Q.RELATIONSHIP_EXISTS[type], { from, to });
      const symmetric = SYMMETRIC_RELATIONSHIP_TYPES.has(type);
      if (dup?.forward === true || (symmetric && dup?.backward === true)) {
        throw badInput(
          'input.type',
          `a ${type} relationship between "${from}" and "${to}" already exists`,
        );
      }
      const created: Relationship = {
        from,
        to,
        type,
        since: rel.since ?? null,
        description: rel.description ?? null,
        source: rel.source ?? null,
      };
      await tx.run(Q.CREATE_RELATIONSHIP[type], {
        ...created,
        since: toIntegerOrNull(created.since),
      });
      return created;
    });
  }

  async disconnect(key: RelationshipKey): Promise<boolean> {
    assertRelationshipType(key.type, 'type');
    const query = SYMMETRIC_RELATIONSHIP_TYPES.has(key.type)
      ? Q.DELETE_RELATIONSHIP_EITHER_WAY[key.type]
      : Q.DELETE_RELATIONSHIP[key.type];
    return await this.write('disconnect', async (tx) => {
      const [row] = await run(tx, query, { from: key.from, to: key.to });
      return toCount(row?.deleted) > 0;
    });
  }

  async upsertBatch(batch: GraphBatch): Promise<BatchResult> {
    for (const r of batch.relationships) assertRelationshipType(r.type, 'relationships.type');
    const orgs = lastByKey(batch.organizations, (o) => o.id);
    const rels = batchRelationships(batch.relationships);
    return await this.writeBatch(orgs.length, rels.length, async (tx) => {
      const places = await mergePlaces(tx, [
        ...batch.places,
        ...orgs.flatMap((o) => [...o.locations, ...o.markets]),
      ]);
      const rows = orgs.map((o) => ({
        id: o.id,
        createdAt: o.createdAt,
        updatedAt: o.updatedAt,
        props: organizationProps(o, this.analyzer),
      }));
      const before = new Map<string, unknown>();
      for (let i = 0; i < rows.length; i += UNWIND_CHUNK) {
        const ids = rows.slice(i, i + UNWIND_CHUNK).map((r) => r.id);
        for (const r of await run(tx, Q.DESCRIPTION_TERMS_OF, { ids }))
          before.set(asString(r.id, 'id'), r.terms);
      }
      await runChunked(tx, Q.UPSERT_ORGANIZATIONS, 'rows', rows);
      // Only organisations that existed before the batch can have facet edges to drop.
      await runChunked(
        tx,
        Q.UNLINK_STALE_FACETS,
        'rows',
        orgs
          .filter((o) => before.has(o.id))
          .map((o) => ({
            id: o.id,
            keep: Object.fromEntries(
              FACET_NAMES.map((f) => [FACETS[f].rel, o[f].map((t) => t.id)]),
            ),
          })),
      );
      await linkFacets(tx, orgs, FACET_NAMES, this.analyzer, {
        placesMerged: true,
        // Term frequencies move by the difference between the stored and the new descriptions.
        descriptionDeltas: descriptionDeltas(
          rows.map((r) => ({ before: before.get(r.id) ?? '', after: r.props.descTerms })),
        ),
      });

      // The port lets callers guarantee the ends; checking costs one indexed lookup per id and
      // turns a silently dropped relationship into the same NOT_FOUND the embedded store gives.
      const ends = [...new Set(rels.flatMap((r) => [r.from, r.to]))];
      for (let i = 0; i < ends.length; i += UNWIND_CHUNK) {
        const [missing] = await run(tx, Q.MISSING_ORGANIZATIONS, {
          ids: ends.slice(i, i + UNWIND_CHUNK),
        });
        if (missing !== undefined) {
          throw notFound('organization', asString(missing.id, 'id'), 'relationships');
        }
      }
      for (const type of RELATIONSHIP_TYPES) {
        const rows = rels
          .filter((r) => r.type === type)
          .map((r) => ({
            from: r.from,
            to: r.to,
            since: toIntegerOrNull(r.since),
            description: r.description,
            source: r.source,
          }));
        if (SYMMETRIC_RELATIONSHIP_TYPES.has(type)) {
          await runChunked(tx, Q.UPSERT_SYMMETRIC_RELATIONSHIPS[type], 'rows', rows);
        } else {
          await runChunked(tx, Q.MERGE_RELATIONSHIPS[type], 'rows', rows);
        }
      }
      return { organizations: orgs.length, relationships: rels.length, places };
    });
  }

  // ── batched reads ───────────────────────────────────────────────────────────

  async getOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationProfile>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.read('getOrganizations', (tx) =>
      run(tx, Q.GET_ORGANIZATIONS, { ids: unique }),
    );
    return new Map(rows.map((r) => toProfile(r.profile)).map((p) => [p.id, p]));
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const rows = await this.read('existingIds', (tx) => run(tx, Q.EXISTING_IDS, { ids: unique }));
    return new Set(rows.map((r) => asString(r.id, 'id')));
  }

  async organizationIds(): Promise<string[]> {
    const rows = await this.read('organizationIds', (tx) => run(tx, Q.ALL_ORGANIZATION_IDS));
    return rows.map((r) => asString(r.id, 'id')).sort(compareStrings);
  }

  /** Every requested id gets an entry (an empty list when it has no relationship or does not exist). */
  async relationshipsOf(
    ids: readonly string[],
    type: RelationshipType | null,
  ): Promise<Map<string, Relationship[]>> {
    const result = new Map<string, Relationship[]>();
    for (const id of ids) result.set(id, []);
    if (result.size === 0) return result;
    if (type !== null) assertRelationshipType(type, 'type');
    const query = type === null ? Q.RELATIONSHIPS_OF_ANY_TYPE : Q.RELATIONSHIPS_OF_TYPE[type];
    const rows = await this.read('relationshipsOf', (tx) =>
      run(tx, query, { ids: [...result.keys()] }),
    );
    for (const row of rows) result.get(asString(row.id, 'id'))?.push(toRelationship(row));
    for (const list of result.values()) list.sort(compareRelationships);
    return result;
  }

  /** Every requested id gets a count (0 for an unknown sector). */
  async sectorCounts(sectorIds: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(sectorIds)];
    if (unique.length === 0) return new Map();
    const rows = await this.read('sectorCounts', (tx) => run(tx, Q.SECTOR_COUNTS, { ids: unique }));
    return new Map(rows.map((r) => [asString(r.id, 'id'), toCount(r.count)]));
  }

  async getPlaces(ids: readonly string[]): Promise<Map<string, PlaceNode>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.read('getPlaces', (tx) => run(tx, Q.GET_PLACES, { ids: unique }));
    return new Map(rows.map((r) => toPlaceNode(r.place)).map((p) => [p.id, p]));
  }

  async findOrganizations(query: OrganizationQuery): Promise<OrganizationPage> {
    // A bad cursor is the client's mistake: decode before touching the database.
    const after = query.after !== null ? decodeCursor(query.after) : null;
    const first = Math.max(0, Math.floor(query.first));
    const terms = query.search !== null ? queryTerms(query.search) : [];
    const filters = { kinds: nonEmpty(query.kinds), sectorIds: nonEmpty(query.sectorIds) };
    const limit = toInteger(first + 1);

    return await this.read('findOrganizations', async (tx) => {
      let rows: Row[];
      let total: number;
      if (terms.length === 0) {
        const [count] = await run(tx, Q.LIST_ORGANIZATIONS_COUNT, filters);
        total = toCount(count?.total);
        // Without a search every organisation is tier 0: a cursor from a later tier is past the
        // end, one from an earlier tier is before the start.
        if (after !== null && after.tier > 0) {
          rows = [];
        } else {
          const from = after !== null && after.tier === 0 ? after : null;
          rows = await run(tx, Q.LIST_ORGANIZATIONS_PAGE, {
            ...filters,
            afterName: from?.name ?? '',
            afterId: from?.id ?? '',
            limit,
          });
        }
      } else {
        const search = {
          ...filters,
          terms,
          lucene: luceneQuery(terms.map(indexTerm)),
          exactKey: terms.join(' '),
        };
        const [count] = await run(tx, Q.SEARCH_ORGANIZATIONS_COUNT, search);
        total = toCount(count?.total);
        rows = await run(tx, Q.SEARCH_ORGANIZATIONS_PAGE, {
          ...search,
          // A plain number on purpose: the cursor's tier is compared as sent, never truncated.
          afterTier: after?.tier ?? -1,
          afterName: after?.name ?? '',
          afterId: after?.id ?? '',
          limit,
        });
      }
      const page = rows.slice(0, first);
      const keys: SortKey[] = page.map((r) => ({
        tier: toCount(r.tier),
        name: asString(r.sortName, 'sortName'),
        id: asString(asRow(r.profile, 'profile').id, 'id'),
      }));
      return {
        items: page.map((r) => toProfile(r.profile)),
        cursors: keys.map(encodeCursor),
        hasNextPage: rows.length > first,
        totalCount: total,
      };
    });
  }

  async listSectors(): Promise<SectorWithCount[]> {
    const rows = await this.read('listSectors', (tx) => run(tx, Q.LIST_SECTORS));
    return rows
      .map((r) => ({ ...toNamedNode(r), organizationCount: toCount(r.count) }))
      .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  }

  stats(topConnectors: number): Promise<EcosystemStatsRecord> {
    const top = Math.max(0, Math.floor(topConnectors));
    return this.read('stats', async (tx) => {
      const [orgs] = await run(tx, Q.COUNT_ORGANIZATIONS);
      const [rels] = await run(tx, Q.COUNT_RELATIONSHIPS);
      const kinds = await run(tx, Q.COUNT_BY_KIND, { kinds: [...ORGANIZATION_KINDS] });
      const sectors = await run(tx, Q.SECTORS_IN_USE);
      const connectors = top > 0 ? await run(tx, Q.TOP_CONNECTORS, { limit: toInteger(top) }) : [];
      return {
        organizationCount: toCount(orgs?.count),
        relationshipCount: toCount(rels?.count),
        byKind: kinds
          .map((r) => ({ kind: asOrganizationKind(r.kind), count: toCount(r.count) }))
          .filter((k) => k.count > 0)
          .sort((a, b) => b.count - a.count || compareStrings(a.kind, b.kind)),
        bySector: sectors
          .map((r) => ({ ...toNamedNode(r), organizationCount: toCount(r.count) }))
          .sort(
            (a, b) =>
              b.organizationCount - a.organizationCount ||
              compareStrings(a.name, b.name) ||
              compareStrings(a.id, b.id),
          ),
        topConnectors: connectors.map((r) => ({
          id: asString(r.id, 'id'),
          degree: toCount(r.degree),
        })),
      };
    });
  }

  // ── graph work for matching ─────────────────────────────────────────────────

  termStats(terms: readonly string[]): Promise<TermStats> {
    return this.read('termStats', (tx) => ops.termStats(tx, terms));
  }

  /**
   * The source's partners first (the channels exclude them and walk through them), with the ACTIVE
   * pool (cached), then the six channels at once, each in its own read transaction: six round
   * trips overlap instead of queueing in one transaction.
   */
  async matchCandidates(query: CandidateQuery): Promise<CandidateChannels> {
    const [partners, pool] = await Promise.all([
      this.read('matchCandidates', (tx) => ops.neighbours(tx, query.sourceId, query.formedBefore)),
      query.activeCap > 0 ? this.mostConnected() : { entries: [], complete: true },
    ]);
    const statements = ops.channelStatements(query, partners, pool);
    const lists = await Promise.all(
      CHANNELS.map((c) => this.read('matchCandidates', (tx) => ops.runChannel(tx, statements[c]))),
    );
    return channelsOf(
      Object.fromEntries(CHANNELS.map((c, i) => [c, lists[i] ?? []])) as Record<
        ChannelName,
        [string, number][]
      >,
    );
  }

  /**
   * The ACTIVE channel's pool: read once and shared until a write of this process. After
   * ACTIVE_POOL_TTL_MS it is read again in the background while the old one keeps serving (at
   * 100k organisations the read takes a fraction of a second, which no query should wait for).
   */
  private mostConnected(): Promise<ops.ActivePool> {
    const cached = this.activePool;
    if (cached && cached.generation === this.writeGeneration) {
      if (Date.now() - cached.at >= ACTIVE_POOL_TTL_MS) {
        this.loadActivePool().catch(() => undefined); // a failure leaves the old pool serving
      }
      return Promise.resolve(cached.pool);
    }
    return this.loadActivePool();
  }

  private loadActivePool(): Promise<ops.ActivePool> {
    const generation = this.writeGeneration;
    // A read started before a write of this process may miss it: shared only within a generation.
    if (this.activePoolLoad?.generation === generation) return this.activePoolLoad.promise;
    const at = Date.now();
    const promise = this.read('mostConnected', (tx) =>
      ops.mostConnected(tx, this.options.activePoolSize ?? 1_000),
    )
      .then((pool) => {
        if (generation === this.writeGeneration) this.activePool = { pool, generation, at };
        return pool;
      })
      .finally(() => {
        if (this.activePoolLoad?.promise === promise) this.activePoolLoad = null;
      });
    this.activePoolLoad = { generation, promise };
    return promise;
  }

  neighbours(id: string, formedBefore?: number): Promise<Neighbour[]> {
    return this.read('neighbours', (tx) => ops.neighbours(tx, id, formedBefore));
  }

  commonNeighbours(
    sourceId: string,
    candidateIds: readonly string[],
    formedBefore?: number,
  ): Promise<Map<string, CommonNeighbour[]>> {
    return this.read('commonNeighbours', (tx) =>
      ops.commonNeighbours(tx, sourceId, candidateIds, formedBefore),
    );
  }

  async degrees(ids: readonly string[], formedBefore?: number): Promise<Map<string, number>> {
    const out = new Map(ids.map((id) => [id, 0]));
    for (let i = 0; i < ids.length; i += 5000) {
      const page = ids.slice(i, i + 5000);
      for (const [id, d] of await this.read('degrees', (tx) =>
        ops.degrees(tx, page, formedBefore),
      )) {
        out.set(id, d);
      }
    }
    return out;
  }

  async linkedPairs(pairs: readonly (readonly [string, string])[]): Promise<boolean[]> {
    const out: boolean[] = [];
    // Pages keep each statement's parameter list small.
    for (let i = 0; i < pairs.length; i += 5000) {
      const page = pairs.slice(i, i + 5000);
      out.push(...(await this.read('linkedPairs', (tx) => ops.linkedPairs(tx, page))));
    }
    return out;
  }

  placeAncestors(placeIds: readonly string[]): Promise<Map<string, PlaceChain>> {
    return this.read('placeAncestors', (tx) => ops.placeAncestors(tx, placeIds));
  }

  placeDescendants(placeIds: readonly string[]): Promise<Set<string>> {
    return this.read('placeDescendants', (tx) => ops.placeDescendants(tx, placeIds));
  }

  paths(fromId: string, toId: string, maxHops: number, limit: number): Promise<GraphPath[]> {
    return this.read('paths', (tx) => ops.paths(tx, fromId, toId, maxHops, limit));
  }

  // ── private details and the audit trail ─────────────────────────────────────

  async getPrivateDetails(ids: readonly string[]): Promise<Map<string, PrivateDetails>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.read('getPrivateDetails', (tx) =>
      run(tx, Q.GET_PRIVATE_DETAILS, { ids: unique }),
    );
    return new Map(rows.map((r) => [asString(r.id, 'id'), toPrivateDetails(r.json)]));
  }

  async setPrivateDetails(id: string, details: PrivateDetails): Promise<void> {
    const updated = await this.writeUnqueued('setPrivateDetails', async (tx) => {
      const [row] = await run(tx, Q.SET_PRIVATE_DETAILS, { id, json: JSON.stringify(details) });
      return toCount(row?.updated);
    });
    if (updated === 0) throw notFound('organization', id, 'id');
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.writeUnqueued('appendAudit', (tx) =>
      run(tx, Q.APPEND_AUDIT, { entry: { ...entry } }),
    );
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    const after = query.after !== null ? decodeAuditCursor(query.after) : null;
    const first = Math.max(0, Math.floor(query.first));
    const params = { actor: query.actor, targetId: query.targetId, limit: toInteger(first + 1) };
    return await this.read('listAudit', async (tx) => {
      const rows =
        after === null
          ? await run(tx, Q.LIST_AUDIT_FIRST_PAGE, params)
          : await run(tx, Q.LIST_AUDIT_AFTER, { ...params, afterAt: after.at, afterId: after.id });
      const items = rows.slice(0, first).map((r) => toAuditEntry(r.entry));
      return {
        items,
        cursors: items.map(encodeAuditCursor),
        hasNextPage: rows.length > first,
      };
    });
  }

  // ── export ──────────────────────────────────────────────────────────────────

  /**
   * Pages of places, then organisations (by id), then relationships (by from, to, type), each page
   * read in its own short transaction (keyset on id), so an export never holds one long
   * transaction open; writes committed meanwhile may or may not be included.
   */
  async *exportGraph(pageSize: number): AsyncIterable<GraphBatch> {
    const size = Math.max(1, Math.floor(pageSize));
    const limit = toInteger(size);

    for (let after = ''; ;) {
      const rows = await this.read('exportGraph', (tx) =>
        run(tx, Q.EXPORT_PLACES_PAGE, { after, limit }),
      );
      if (rows.length === 0) break;
      const places = rows.map((r): PlaceWrite => {
        const p = asRow(r.place, 'place');
        const w = r.within === null || r.within === undefined ? null : asRow(r.within, 'within');
        return {
          id: asString(p.id, 'place id'),
          name: asString(p.name, 'place name'),
          kind: asPlaceKind(p.kind),
          within:
            w === null
              ? null
              : {
                  id: asString(w.id, 'place id'),
                  name: asString(w.name, 'place name'),
                  kind: asPlaceKind(w.kind),
                  within: null,
                },
        };
      });
      yield { places, organizations: [], relationships: [] };
      after = places[places.length - 1]?.id ?? after;
      if (rows.length < size) break;
    }

    for (let after = ''; ;) {
      const rows = await this.read('exportGraph', (tx) =>
        run(tx, Q.EXPORT_ORGANIZATIONS_PAGE, { after, limit }),
      );
      if (rows.length === 0) break;
      const organizations = rows.map((r) => writeOf(toProfile(r.profile)));
      yield { places: [], organizations, relationships: [] };
      after = organizations[organizations.length - 1]?.id ?? after;
      if (rows.length < size) break;
    }

    let pending: Relationship[] = [];
    for (let after = ''; ;) {
      const rows = await this.read('exportGraph', (tx) =>
        run(tx, Q.EXPORT_RELATIONSHIPS_PAGE, { after, limit }),
      );
      if (rows.length === 0) break;
      const fromIds = [...new Set(rows.map((r) => asString(r.pageId, 'id')))];
      pending.push(
        ...rows
          .filter((r) => r.type !== null)
          .map((r) => toRelationship({ ...r, from: r.pageId }))
          .sort(compareRelationshipKeys),
      );
      while (pending.length >= size) {
        yield { places: [], organizations: [], relationships: pending.slice(0, size) };
        pending = pending.slice(size);
      }
      after = fromIds.sort(compareStrings)[fromIds.length - 1] ?? after;
      if (fromIds.length < size) break;
    }
    if (pending.length > 0) yield { places: [], organizations: [], relationships: pending };
  }

  // ── sessions ────────────────────────────────────────────────────────────────

  private requireDriver(): Driver {
    if (!this.driver || this.state.status !== 'up') throw unavailable(UNAVAILABLE_MESSAGE);
    return this.driver;
  }

  private txConfig(operation: string): { metadata: Record<string, string> } {
    return { metadata: { app: 'partner-matchmaking', store: 'neo4j', operation } };
  }

  /**
   * One session per unit of work, with the explicit database, closed in `finally`; driver errors
   * become domain errors (and a lost database opens the circuit). `special` may map an error first.
   */
  private async withSession<T>(
    mode: SessionMode,
    work: (session: Session) => Promise<T>,
    special?: (error: unknown) => unknown,
  ): Promise<T> {
    const session = this.requireDriver().session({
      database: this.options.database,
      defaultAccessMode: mode,
    });
    const writes = mode === neo4j.session.WRITE;
    if (writes) this.writeGeneration++; // see activePool
    try {
      return await work(session);
    } catch (error) {
      throw special?.(error) ?? this.fail(error);
    } finally {
      if (writes) this.writeGeneration++;
      await session.close();
    }
  }

  private read<T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession(neo4j.session.READ, (session) =>
      session.executeRead(work, this.txConfig(operation)),
    );
  }

  private write<T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writeQueue.runExclusive(() => this.writeUnqueued(operation, work));
  }

  /** A write that touches no shared node (an audit entry, one organisation's private details). */
  private writeUnqueued<T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession(neo4j.session.WRITE, (session) =>
      session.executeWrite(work, this.txConfig(operation)),
    );
  }

  /**
   * A write that must not run twice (creating an organisation or a relationship): an explicit
   * transaction rather than a managed one, so that a commit whose answer was lost is never run
   * again and comes back as a CONFLICT or a duplicate; the caller sees SERVICE_UNAVAILABLE and
   * decides. It is run again only when the server refused it with a transient error (a deadlock
   * on a busy sector or place node under concurrent writes): then it is known to be rolled back.
   */
  private writeOnce<T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writeQueue.runExclusive(() =>
      this.withSession(neo4j.session.WRITE, (session) =>
        explicitTransaction(session, this.txConfig(operation), work, (error, attempt, elapsed) =>
          isRolledBackTransient(error) && elapsed < REFUSED_WRITE_RETRY_MS
            ? // Jittered exponential backoff, as the driver's managed transactions do.
              Math.min(1_000, 20 * 2 ** attempt) * (0.5 + Math.random())
            : null,
        ),
      ),
    );
  }

  /** Runs statements as auto-commit transactions (needed by CALL … IN TRANSACTIONS). */
  private async autoCommit(statements: readonly string[]): Promise<void> {
    await this.withSession(neo4j.session.WRITE, async (session) => {
      for (const statement of statements) await session.run(statement);
    });
  }

  /**
   * upsertBatch's transaction: explicit rather than managed, because the driver retries every
   * transient error for up to 30 s, and a batch over the server's transaction memory limit
   * (db.memory.transaction.max), classified transient, fails again every time. That case fails
   * at once with advice; deadlocks and lost connections are retried as the driver would.
   */
  private writeBatch<T>(
    organizations: number,
    relationships: number,
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    return this.writeQueue.runExclusive(() =>
      this.withSession(
        neo4j.session.WRITE,
        (session) =>
          explicitTransaction(session, this.txConfig('upsertBatch'), work, (error, attempt) =>
            attempt < BATCH_ATTEMPTS && isWorthRetrying(error) ? 100 * 2 ** attempt : null,
          ),
        (error) => {
          if (isMemoryLimitExceeded(error)) {
            return badInput(
              'batch',
              `${organizations} organisations and ${relationships} relationships need more memory than ` +
                'Neo4j allows one transaction (db.memory.transaction.max); write them in smaller batches',
            );
          }
          return undefined;
        },
      ),
    );
  }
}

/**
 * An explicit transaction: `work`, then commit; on failure, roll back and ask `retryDelay`
 * (given the error, the attempt from 1 and the milliseconds since the first) for a delay before
 * the next attempt, or null to give up with the error.
 */
async function explicitTransaction<T>(
  session: Session,
  config: { metadata: Record<string, string> },
  work: (tx: Tx) => Promise<T>,
  retryDelay: (error: unknown, attempt: number, elapsedMs: number) => number | null,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const tx = session.beginTransaction(config);
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      const delay = retryDelay(error, attempt, Date.now() - started);
      if (delay === null) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Export order of relationships: (from, to, type). */
function compareRelationshipKeys(a: RelationshipKey, b: RelationshipKey): number {
  return (
    compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.type, b.type)
  );
}
