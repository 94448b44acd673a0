// Schema migrations: the `.cypher` files of graph-seed/migrations, applied once each in file-name
// order and recorded as (:Migration {id, appliedAt, checksum}) nodes in the target database.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { Driver, Neo4jError } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../config/config';
import { AWAIT_INDEXES, LIST_APPLIED_MIGRATIONS, RECORD_MIGRATION } from './cypher';

export const DEFAULT_MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'graph-seed', 'migrations');

/** How long init waits for new indexes (the full-text one) to come online before giving up. */
const AWAIT_INDEXES_SECONDS = 300;

export interface Migration {
  /** The file name without `.cypher`, e.g. `001-constraints`. */
  id: string;
  file: string;
  /** sha256 of the file, so an edited migration is noticed (it is not re-run). */
  checksum: string;
  statements: string[];
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export type MigrationLog = (message: string) => void;

/**
 * Statements of a migration file. Line comments are dropped first so that a `;` inside a comment
 * does not split a statement; migrations must not put `;` inside string literals.
 */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every migration file of the folder, in file-name order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        id: file.slice(0, -'.cypher'.length),
        file,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: splitStatements(text),
      };
    });
}

async function appliedChecksums(driver: Driver, database: string): Promise<Map<string, string>> {
  const { records } = await driver.executeQuery(
    LIST_APPLIED_MIGRATIONS,
    {},
    {
      database,
      routing: neo4j.routing.READ,
    },
  );
  return new Map(
    records.map((r) => {
      const id: unknown = r.get('id');
      const checksum: unknown = r.get('checksum');
      return [String(id), typeof checksum === 'string' ? checksum : ''];
    }),
  );
}

/** Migrations of `dir` not yet recorded in the database, in the order they would run. */
export async function listPendingMigrations(
  driver: Driver,
  database: string,
  dir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<Migration[]> {
  const applied = await appliedChecksums(driver, database);
  return readMigrations(dir).filter((m) => !applied.has(m.id));
}

/** True for "it exists already" schema errors: another replica won the race to create it. */
function isAlreadyExists(error: unknown): boolean {
  return error instanceof Neo4jError && /AlreadyExists$/u.test(error.code);
}

/**
 * Applies the pending migrations. Each statement runs in its own transaction because Neo4j does
 * not allow schema changes and data writes (the ledger entry) in one transaction; statements use
 * `IF NOT EXISTS`, so a migration interrupted half-way is simply applied again. Finally waits for
 * every index to be online, so that the first search does not hit a populating index.
 */
export async function applyMigrations(
  driver: Driver,
  database: string,
  dir: string = DEFAULT_MIGRATIONS_DIR,
  log: MigrationLog = () => undefined,
): Promise<MigrationReport> {
  const applied = await appliedChecksums(driver, database);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of readMigrations(dir)) {
    const recorded = applied.get(migration.id);
    if (recorded !== undefined) {
      report.alreadyApplied.push(migration.id);
      if (recorded !== migration.checksum) {
        log(
          `migration ${migration.id} changed after it was applied; it is not re-run (add a new migration instead)`,
        );
      }
      continue;
    }
    for (const statement of migration.statements) {
      try {
        await driver.executeQuery(statement, {}, { database, routing: neo4j.routing.WRITE });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    }
    await driver.executeQuery(
      RECORD_MIGRATION,
      { id: migration.id, checksum: migration.checksum, appliedAt: new Date().toISOString() },
      { database, routing: neo4j.routing.WRITE },
    );
    report.applied.push(migration.id);
    log(`applied migration ${migration.id} (${migration.statements.length} statements)`);
  }
  await driver.executeQuery(
    AWAIT_INDEXES,
    { seconds: neo4j.int(AWAIT_INDEXES_SECONDS) },
    { database, routing: neo4j.routing.WRITE },
  );
  return report;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** Connects, applies the pending migrations and disconnects: the `graph:migrate` command. */
export async function migrateDatabase(
  connection: Neo4jConnection,
  dir: string = DEFAULT_MIGRATIONS_DIR,
  log: MigrationLog = () => undefined,
): Promise<MigrationReport> {
  const driver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
  );
  try {
    await driver.verifyConnectivity({ database: connection.database });
    const pending = await listPendingMigrations(driver, connection.database, dir);
    log(
      pending.length === 0
        ? 'no pending migrations'
        : `pending: ${pending.map((m) => m.id).join(', ')}`,
    );
    return await applyMigrations(driver, connection.database, dir, log);
  } finally {
    await driver.close();
  }
}
