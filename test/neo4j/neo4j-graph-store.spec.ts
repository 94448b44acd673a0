// Neo4j-specific behaviour of the Neo4j adapter, against a real server (the shared contract suite
// covers the port's semantics): migrations, constraint errors, Integer mapping, the full-text
// index with hostile input, lock-based serialisation, transaction atomicity, and what happens
// when the server cannot be reached. Data is isolated by unique ids and removed afterwards;
// the database is never wiped.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver, Neo4jError } from 'neo4j-driver';
import { DomainError, DomainErrorCode } from '../../src/common/errors/domain-error';
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  listPendingMigrations,
  readMigrations,
  splitStatements,
} from '../../src/graph/neo4j/migrations';
import { Neo4jGraphStore } from '../../src/graph/neo4j/neo4j-graph-store';
import {
  isRolledBackTransient,
  mapNeo4jError,
  UNAVAILABLE_MESSAGE,
} from '../../src/graph/neo4j/neo4j-errors';
import { toInteger, toNumber } from '../../src/graph/neo4j/neo4j-records';
import { luceneQuery } from '../../src/graph/search';
import { defaultAnalyzer } from '../../src/matching/text/analyzer';
import { aRelationship, anOrganization, T0, uniqueToken } from '../support/factories';
import { describeNeo4j, neo4jEnv } from '../support/neo4j-env';

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

function expectDomainError(error: unknown, code: DomainErrorCode, field?: string): DomainError {
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.code).toBe(code);
  if (field !== undefined) expect(domain.field).toBe(field);
  return domain;
}

/** A port nobody listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Neo4jGraphStore without a reachable server', () => {
  it('starts not ready, fails calls fast with SERVICE_UNAVAILABLE and keeps the cause for the log', async () => {
    const port = await closedPort();
    const warnings: string[] = [];
    const store = new Neo4jGraphStore({
      uri: `bolt://127.0.0.1:${port}`,
      user: 'neo4j',
      password: 'not-a-real-password',
      database: 'neo4j',
      logger: { log: () => undefined, warn: (m) => warnings.push(m) },
    });
    // init resolves: the API serves (as not ready) and reconnects in the background.
    await store.init();
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/^neo4j: connecting since .*migrations not applied yet/);
    const started = Date.now();
    const error = expectDomainError(
      await settle(store.getOrganizations(['x'])),
      DomainErrorCode.SERVICE_UNAVAILABLE,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(UNAVAILABLE_MESSAGE);
    expect(error.message).not.toContain(String(port));
    // The operator still learns the cause, in the server log.
    expect(warnings.join('\n')).toContain(String(port));
    await store.close();
  });

  it('passes domain errors and unknown errors through untouched', () => {
    const domain = new DomainError(DomainErrorCode.NOT_FOUND, 'x');
    const bug = new TypeError('bug');
    expect(mapNeo4jError(domain)).toBe(domain);
    expect(mapNeo4jError(bug)).toBe(bug);
  });

  it('runs again only writes the server refused and rolled back, never an unknown outcome', () => {
    const newError = (message: string, code: string) =>
      new Neo4jError(message, code, '50N42', 'error: general processing exception');
    const deadlock = newError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected');
    const lockTimeout = newError('lock', 'Neo.TransientError.Transaction.LockAcquisitionTimeout');
    const lost = newError('connection lost', 'ServiceUnavailable');
    const expired = newError('session expired', 'SessionExpired');
    const memory = newError('too big', 'Neo.TransientError.General.MemoryPoolOutOfMemoryError');
    const constraint = newError('dup', 'Neo.ClientError.Schema.ConstraintValidationFailed');
    expect(isRolledBackTransient(deadlock)).toBe(true);
    expect(isRolledBackTransient(lockTimeout)).toBe(true);
    expect(isRolledBackTransient(lost)).toBe(false);
    expect(isRolledBackTransient(expired)).toBe(false);
    expect(isRolledBackTransient(memory)).toBe(false);
    expect(isRolledBackTransient(constraint)).toBe(false);
    expect(isRolledBackTransient(new Error('deadlock'))).toBe(false);
  });

  it('splits migration files into statements, ignoring comments', () => {
    expect(splitStatements('// a; comment\nCREATE A;\n\n  CREATE B ;\n// tail;\n')).toEqual([
      'CREATE A',
      'CREATE B',
    ]);
  });

  it('maps Integers through one function', () => {
    expect(toNumber(neo4j.int(2006))).toBe(2006);
    expect(toNumber(toInteger(-42))).toBe(-42);
    expect(toNumber(7)).toBe(7);
    expect(toNumber(null)).toBeNull();
    expect(neo4j.isInt(toInteger(1999))).toBe(true);
  });
});

describeNeo4j('Neo4jGraphStore against a real Neo4j', () => {
  const env = neo4jEnv ?? { uri: '', user: 'neo4j', password: '', database: 'neo4j' };
  const tokens: string[] = [];
  let store: Neo4jGraphStore;
  let driver: Driver;

  const token = (): string => {
    const t = uniqueToken();
    tokens.push(t);
    return t;
  };
  const newStore = (logs: string[] = []): Neo4jGraphStore =>
    new Neo4jGraphStore({
      ...env,
      logger: { log: (m) => logs.push(m), warn: (m) => logs.push(m) },
    });
  const query = async (
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>[]> =>
    (await driver.executeQuery(cypher, params, { database: env.database })).records.map(
      (r): Record<string, unknown> => r.toObject(),
    );

  beforeAll(async () => {
    store = newStore();
    await store.init();
    driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password));
  });

  afterAll(async () => {
    // Only what these tests created: every id carries one of their tokens.
    await query(
      `MATCH (n) WHERE (n:Organization OR n:Sector OR n:Capability OR n:Place)
         AND any(t IN $tokens WHERE n.id CONTAINS t)
       DETACH DELETE n`,
      { tokens },
    );
    await query('MATCH (a:AuditEntry) WHERE any(t IN $tokens WHERE a.actor CONTAINS t) DELETE a', {
      tokens,
    });
    await store.close();
    await driver.close();
  });

  describe('migrations', () => {
    it('are applied at init, recorded once each with their checksum, with the named schema', async () => {
      const files = readMigrations(DEFAULT_MIGRATIONS_DIR);
      expect(files.map((m) => m.id)).toEqual([
        '001-constraints',
        '002-indexes',
        '003-matching',
        '004-audit',
        '005-terms',
      ]);
      const recorded = await query(
        'MATCH (m:Migration) WHERE m.id IN $ids RETURN m.id AS id, m.checksum AS checksum, m.appliedAt AS appliedAt ORDER BY id',
        { ids: files.map((m) => m.id) },
      );
      expect(recorded.map((r) => [r.id, r.checksum])).toEqual(files.map((m) => [m.id, m.checksum]));
      for (const r of recorded) expect(Number.isNaN(Date.parse(String(r.appliedAt)))).toBe(false);
      expect(await listPendingMigrations(driver, env.database)).toEqual([]);

      const constraints = await query(
        'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties',
      );
      for (const [name, label] of [
        ['organization_id', 'Organization'],
        ['sector_id', 'Sector'],
        ['capability_id', 'Capability'],
        ['place_id', 'Place'],
      ]) {
        expect(constraints).toContainEqual({
          name,
          type: 'UNIQUENESS',
          labelsOrTypes: [label],
          properties: ['id'],
        });
      }
      const indexes = await query(
        'SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, options WHERE name STARTS WITH "organization_" RETURN *',
      );
      const index = (name: string) => indexes.find((i) => i.name === name);
      expect(index('organization_search')).toMatchObject({
        type: 'FULLTEXT',
        state: 'ONLINE',
        labelsOrTypes: ['Organization'],
        properties: ['searchText'],
        options: { indexConfig: { 'fulltext.analyzer': 'whitespace' } },
      });
      expect(index('organization_sort_name')).toMatchObject({
        type: 'RANGE',
        properties: ['sortName'],
      });
      expect(index('organization_kind')).toMatchObject({ type: 'RANGE', properties: ['kind'] });
      expect(index('organization_description_terms')).toMatchObject({
        type: 'FULLTEXT',
        properties: ['descTerms'],
        options: { indexConfig: { 'fulltext.analyzer': 'whitespace' } },
      });
    });

    it('run a second init without applying anything', async () => {
      const logs: string[] = [];
      const second = newStore(logs);
      await second.init();
      await second.close();
      expect(logs.filter((l) => l.includes('applied migration'))).toEqual([]);
      const ids = readMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => m.id);
      const [count] = await query('MATCH (m:Migration) WHERE m.id IN $ids RETURN count(m) AS n', {
        ids,
      });
      expect(toNumber(count?.n)).toBe(ids.length);
    });

    it('apply new files once, in file-name order, and never re-run an edited one', async () => {
      const u = token();
      const dir = mkdtempSync(join(tmpdir(), 'neo4j-migrations-'));
      try {
        for (const f of readdirSync(DEFAULT_MIGRATIONS_DIR))
          copyFileSync(join(DEFAULT_MIGRATIONS_DIR, f), join(dir, f));
        const label = `Test_${u}`;
        writeFileSync(
          join(dir, `901-${u}.cypher`),
          `// second; by name\nCREATE INDEX test_${u}_name IF NOT EXISTS FOR (n:${label}) ON (n.name);\n`,
        );
        writeFileSync(
          join(dir, `900-${u}.cypher`),
          `CREATE CONSTRAINT test_${u}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE;\n`,
        );
        expect((await listPendingMigrations(driver, env.database, dir)).map((m) => m.id)).toEqual([
          `900-${u}`,
          `901-${u}`,
        ]);

        const first = await applyMigrations(driver, env.database, dir);
        expect(first.applied).toEqual([`900-${u}`, `901-${u}`]);
        expect(first.alreadyApplied).toEqual(
          readMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => m.id),
        );
        expect(
          await query('SHOW CONSTRAINTS YIELD name WHERE name = $n RETURN name', {
            n: `test_${u}_id`,
          }),
        ).toHaveLength(1);

        const second = await applyMigrations(driver, env.database, dir);
        expect(second.applied).toEqual([]);

        writeFileSync(
          join(dir, `900-${u}.cypher`),
          `CREATE CONSTRAINT other_${u} IF NOT EXISTS FOR (n:${label}) REQUIRE n.x IS UNIQUE;\n`,
        );
        const logs: string[] = [];
        const third = await applyMigrations(driver, env.database, dir, (m) => logs.push(m));
        expect(third.applied).toEqual([]);
        expect(logs.join('\n')).toContain(`migration 900-${u} changed after it was applied`);
        expect(
          await query('SHOW CONSTRAINTS YIELD name WHERE name = $n RETURN name', {
            n: `other_${u}`,
          }),
        ).toHaveLength(0);
        const [count] = await query(
          'MATCH (m:Migration) WHERE m.id STARTS WITH "90" AND m.id ENDS WITH $u RETURN count(m) AS n',
          { u },
        );
        expect(toNumber(count?.n)).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await query(`DROP CONSTRAINT test_${u}_id IF EXISTS`);
        await query(`DROP INDEX test_${u}_name IF EXISTS`);
        await query('MATCH (m:Migration) WHERE m.id ENDS WITH $u DELETE m', { u });
      }
    });
  });

  describe('constraints', () => {
    it('turn concurrent creates of one id into one success and CONFLICTs', async () => {
      const id = `${token()}-org`;
      const attempts = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          settle(store.createOrganization(anOrganization({ id, name: `Attempt ${n}` }))),
        ),
      );
      const errors = attempts.filter((a) => a !== undefined);
      expect(errors).toHaveLength(3);
      for (const e of errors) {
        expect(expectDomainError(e, DomainErrorCode.CONFLICT, 'input.id').message).toBe(
          `organization "${id}" already exists`,
        );
      }
      expect(await store.existingIds([id])).toEqual(new Set([id]));
    });

    it('create many organisations at once on one sector and place, from several replicas: refused (deadlocked) transactions are run again, none lost or doubled', async () => {
      // Writes of one process queue; writes of several (three replicas here) that link to the same
      // dense sector and place nodes deadlock in the server's lock manager. The server rolls such
      // a transaction back, so running it again is safe even for a write that must not run twice.
      const replicas = [newStore(), newStore(), newStore()];
      await Promise.all(replicas.map((r) => r.init()));
      try {
        const t = token();
        const ids = Array.from({ length: 24 }, (_, i) => `${t}-busy-${i}`);
        const results = await Promise.all(
          ids.map((id, i) =>
            settle(
              replicas[i % replicas.length]!.createOrganization(
                anOrganization({
                  id,
                  sectors: [`${t} shared sector`, `${t} sector ${i % 3}`],
                  offers: [`${t} battery testing`],
                  needs: [`${t} materials simulation`],
                  locations: [`${t} Science Park`],
                }),
              ),
            ),
          ),
        );
        expect(results.filter((r) => r !== undefined)).toEqual([]);
        expect(await store.existingIds(ids)).toEqual(new Set(ids));
        const [row] = await query(
          'MATCH (o:Organization)-[:IN_SECTOR]->(s:Sector) WHERE o.id IN $ids AND s.name = $name RETURN count(o) AS n',
          { ids, name: `${t} shared sector` },
        );
        expect(toNumber(row?.n as never)).toBe(ids.length);
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    });

    it('map a raw violation to CONFLICT without the server message', async () => {
      const id = `${token()}-sector`;
      await query('CREATE (:Sector {id: $id, name: "x"})', { id });
      const raw = await settle(query('CREATE (:Sector {id: $id, name: "y"})', { id }));
      const mapped = expectDomainError(mapNeo4jError(raw), DomainErrorCode.CONFLICT);
      expect(mapped.message).not.toContain(id);
      expect(mapped.message).not.toContain('Sector');
    });
  });

  describe('integers', () => {
    it('are stored as INTEGER and read back as numbers', async () => {
      const u = token();
      const [a, b] = [`${u}-a`, `${u}-b`];
      await store.createOrganization(anOrganization({ id: a, founded: 1999 }));
      await store.createOrganization(anOrganization({ id: b }));
      await store.connect(aRelationship({ from: a, to: b, type: 'FUNDS', since: 2021 }));
      await store.upsertBatch({
        places: [],
        organizations: [],
        relationships: [aRelationship({ from: b, to: a, type: 'SUPPLIES', since: 1850 })],
      });
      const [types] = await query(
        `MATCH (a:Organization {id: $a}), (b:Organization {id: $b})
         MATCH (a)-[f:FUNDS]->(b), (b)-[s:SUPPLIES]->(a)
         RETURN valueType(a.founded) AS founded, valueType(f.since) AS funds, valueType(s.since) AS supplies,
                b.founded IS NULL AS noFounded`,
        { a, b },
      );
      expect(types).toEqual({
        founded: 'INTEGER NOT NULL',
        funds: 'INTEGER NOT NULL',
        supplies: 'INTEGER NOT NULL',
        noFounded: true,
      });
      const profile = (await store.getOrganizations([a])).get(a);
      expect(profile?.founded).toBe(1999);
      const rels = (await store.relationshipsOf([a], null)).get(a);
      expect(rels?.map((r) => [r.type, r.since])).toEqual([
        ['FUNDS', 2021],
        ['SUPPLIES', 1850],
      ]);
      const stats = await store.stats(5);
      expect(typeof stats.organizationCount).toBe('number');
    });
  });

  describe('full-text search', () => {
    let u: string;
    const ids = (page: { items: { id: string }[] }): string[] => page.items.map((o) => o.id);
    const find = (search: string) =>
      store.findOrganizations({ search, kinds: null, sectorIds: null, first: 50, after: null });
    const longToken = (): string => `${u}${'k'.repeat(290)}`;

    beforeAll(async () => {
      u = token();
      await store.upsertBatch({
        places: [],
        organizations: [
          anOrganization({ id: `${u}-rd`, name: `Research and Development ${u}` }),
          anOrganization({ id: `${u}-foo`, name: `Foo Bar ${u}` }),
          anOrganization({ id: `${u}-hk`, name: `香港科技园 ${u}` }),
          anOrganization({ id: `${u}-zh`, name: `Zürich Straße ${u}` }),
          anOrganization({ id: `${u}-apos`, name: `Hong Kong’s Lab ${u}` }),
          anOrganization({
            id: `${u}-long`,
            name: `Long ${u}`,
            description: `Has ${longToken()} inside`,
          }),
        ],
        relationships: [],
      });
    });

    it('sends escaped query syntax to Lucene without parse errors', async () => {
      const hostile = [
        'foo" OR 1=1 //',
        '*',
        'AND',
        '\\',
        '(',
        'a:b',
        '~1',
        '/re/',
        '+-&&||!(){}[]^"~*?:\\/',
        'x\\',
      ];
      for (const raw of hostile) {
        const rows = await query(
          "CALL db.index.fulltext.queryNodes('organization_search', $q) YIELD node RETURN count(node) AS n",
          { q: luceneQuery([raw]) },
        );
        expect(toNumber(rows[0]?.n)).toBe(0);
      }
    });

    it('treats operators and syntax in a search as plain text', async () => {
      expect(ids(await find(`foo" OR 1=1 // ${u}`))).toEqual([]);
      expect(ids(await find(`"foo" ${u}`))).toEqual([`${u}-foo`]);
      expect(ids(await find(`AND ${u}`))).toEqual([`${u}-rd`]);
      expect((await find(`* ${u}`)).totalCount).toBe(6);
      expect((await find(`\\ ${u} \\`)).totalCount).toBe(6);
      expect((await find('*')).totalCount).toBeGreaterThanOrEqual(6);
    });

    it('matches unicode tokens whole, as the shared tokenizer splits them', async () => {
      expect(ids(await find(`香港 ${u}`))).toEqual([`${u}-hk`]);
      expect(ids(await find(`香港科技 ${u}`))).toEqual([`${u}-hk`]);
      // One token "香港科技园": a later part of it is not a prefix.
      expect(ids(await find(`科技 ${u}`))).toEqual([]);
      expect(ids(await find(`ZÜR straße ${u}`))).toEqual([`${u}-zh`]);
      expect(ids(await find(`zurich ${u}`))).toEqual([]);
      expect(ids(await find(`kong’s ${u}`))).toEqual([`${u}-apos`]);
      expect(ids(await find(`kongs ${u}`))).toEqual([`${u}-apos`]);
    });

    it('finds a prefix of a token longer than Lucene keeps whole', async () => {
      expect(ids(await find(longToken().slice(0, 280)))).toEqual([`${u}-long`]);
      expect(ids(await find(longToken()))).toEqual([`${u}-long`]);
      expect(ids(await find(`${longToken()}k`))).toEqual([]);
    });
  });

  describe('matching storage', () => {
    it('keeps analysed terms for the candidate indexes, following updates', async () => {
      const u = token();
      const id = `${u}-terms`;
      const analyzer = defaultAnalyzer();
      const description = `Battery ${u}electrolyte modelling`;
      await store.createOrganization(
        anOrganization({ id, description, offers: [`${u}cells assembly`] }),
      );
      const [row] = await query(
        'MATCH (o:Organization {id: $id})-[:OFFERS]->(c:Capability) RETURN o.descTerms AS d, c.terms AS t',
        { id },
      );
      expect(row).toEqual({
        d: analyzer.terms(description).join(' '),
        t: analyzer.terms(`${u}cells assembly`).join(' '),
      });
      const [state] = await query(
        'MATCH (s:AnalyzerState {id: "matching"}) RETURN s.fingerprint AS f',
      );
      expect(state?.f).toMatch(new RegExp(`^${analyzer.fingerprint}/`));

      const [before] = analyzer.terms(`${u}electrolyte`);
      const [after] = analyzer.terms(`${u}hydrogen`);
      await store.updateOrganization(id, { description: `${u}hydrogen`, updatedAt: T0 });
      const stats = await store.termStats([before!, after!]);
      expect(stats.descriptionDf).toEqual(
        new Map([
          [before, 0],
          [after, 1],
        ]),
      );
    });
  });

  describe('private details and the audit trail', () => {
    it('keeps private details as JSON on the organisation, out of profiles, deleted with it', async () => {
      const id = `${token()}-private`;
      await store.createOrganization(anOrganization({ id }));
      const details = {
        internalNotes: 'Met at the expo; "priority" partner',
        contacts: [{ name: 'Ada', role: null, email: 'ada@example.com', phone: null }],
      };
      await store.setPrivateDetails(id, details);
      expect((await store.getPrivateDetails([id, `${id}-none`])).get(id)).toEqual(details);
      // A bulk re-import replaces the public record only.
      await store.upsertBatch({
        places: [],
        organizations: [anOrganization({ id })],
        relationships: [],
      });
      expect((await store.getPrivateDetails([id])).get(id)).toEqual(details);
      expect(JSON.stringify((await store.getOrganizations([id])).get(id))).not.toContain('Ada');
      expectDomainError(
        await settle(store.setPrivateDetails(`${id}-missing`, details)),
        DomainErrorCode.NOT_FOUND,
        'id',
      );
      await store.deleteOrganization(id);
      expect((await store.getPrivateDetails([id])).size).toBe(0);
    });

    it('lists audit entries newest first, by (at, id), with keyset cursors and filters', async () => {
      const actor = `${token()}-actor`;
      const entry = (id: string, at: string, targetIds: string[]) => ({
        id: `${actor}-${id}`,
        at,
        actor,
        role: 'ADMIN',
        actorOrganizationId: null,
        operation: 'updateOrganization',
        targetIds,
        outcome: 'OK',
      });
      const entries = [
        entry('1', '2026-01-01T00:00:01.000Z', ['x']),
        entry('2', '2026-01-01T00:00:02.000Z', []),
        entry('3', '2026-01-01T00:00:02.000Z', ['x', 'y']),
        entry('4', '2026-01-01T00:00:03.000Z', ['y']),
      ];
      for (const e of entries) await store.appendAudit(e);

      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page = await store.listAudit({ first: 3, after, actor, targetId: null });
        seen.push(...page.items.map((e) => e.id.slice(actor.length + 1)));
        after = page.cursors[page.cursors.length - 1] ?? null;
        if (!page.hasNextPage) break;
      }
      expect(seen).toEqual(['4', '3', '2', '1']);
      const x = await store.listAudit({ first: 10, after: null, actor, targetId: 'x' });
      expect(x.items).toEqual([entries[2], entries[0]]);
      expectDomainError(
        await settle(store.listAudit({ first: 1, after: 'nope', actor, targetId: null })),
        DomainErrorCode.BAD_USER_INPUT,
        'after',
      );
    });
  });

  describe('transactions and locks', () => {
    it('serialise concurrent connects of one symmetric pair: one wins, the rest are duplicates', async () => {
      const u = token();
      const [a, b] = [`${u}-a`, `${u}-b`];
      await store.createOrganization(anOrganization({ id: a }));
      await store.createOrganization(anOrganization({ id: b }));
      const results = await Promise.all(
        [
          { from: a, to: b },
          { from: b, to: a },
          { from: a, to: b },
          { from: b, to: a },
        ].map((ends) =>
          settle(store.connect(aRelationship({ ...ends, type: 'COLLABORATES_WITH' }))),
        ),
      );
      const errors = results.filter((r) => r !== undefined);
      expect(errors).toHaveLength(3);
      for (const e of errors) expectDomainError(e, DomainErrorCode.BAD_USER_INPUT, 'input.type');
      expect((await store.relationshipsOf([a], 'COLLABORATES_WITH')).get(a)).toHaveLength(1);
      const [locks] = await query(
        'MATCH (o:Organization) WHERE o.id IN [$a, $b] AND o._lock IS NOT NULL RETURN count(o) AS n',
        { a, b },
      );
      expect(toNumber(locks?.n)).toBe(0);
    });

    it('roll a whole batch back when a relationship end is missing', async () => {
      const u = token();
      const error = await settle(
        store.upsertBatch({
          places: [],
          organizations: [anOrganization({ id: `${u}-x`, sectors: [`Sector ${u}`] })],
          relationships: [aRelationship({ from: `${u}-x`, to: `${u}-ghost`, type: 'FUNDS' })],
        }),
      );
      expectDomainError(error, DomainErrorCode.NOT_FOUND, 'relationships');
      expect(await store.existingIds([`${u}-x`])).toEqual(new Set());
      expect((await store.sectorCounts([`sector-${u}`])).get(`sector-${u}`)).toBe(0);
      expect(await query('MATCH (s:Sector {id: $id}) RETURN s', { id: `sector-${u}` })).toEqual([]);
    });

    it('report health with a round trip', async () => {
      const health = await store.health();
      expect(health.ok).toBe(true);
      expect(health.detail).toMatch(/^neo4j: ok in \d+ ms$/u);
    });
  });
});
