// Translation of neo4j-driver errors into domain errors at the adapter boundary, so that services
// and the GraphQL layer never see driver internals (server addresses, Cypher, stack traces).
import { Neo4jError } from 'neo4j-driver';
import { conflict, DomainError, unavailable } from '../../common/errors/domain-error';

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** Codes meaning "the database cannot be reached right now", not "the request is wrong". */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  // A database that is stopped, starting or being moved in a cluster.
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** Socket-level failures that surface with the errno in the message or a nested cause. */
const CONNECTION_FAILURE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT/u;

export const UNAVAILABLE_MESSAGE = 'The graph database is unavailable; try again later';

export function isConstraintViolation(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === CONSTRAINT_VIOLATION;
}

/** The transaction needs more memory than the server allows one transaction (or all of them). */
const MEMORY_LIMIT_CODES: ReadonlySet<string> = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
]);

export function isMemoryLimitExceeded(error: unknown): boolean {
  return error instanceof Neo4jError && MEMORY_LIMIT_CODES.has(error.code);
}

/**
 * Worth running the same transaction again (deadlock, leader switch, lost connection); a memory
 * limit is classified transient by the server, yet the same transaction will never fit.
 */
export function isWorthRetrying(error: unknown): boolean {
  return error instanceof Neo4jError && error.retriable && !isMemoryLimitExceeded(error);
}

/**
 * The server refused the transaction with a transient error (deadlock, lock timeout, outdated
 * view of the data): it answered, so the transaction is known to be rolled back and running it
 * again cannot apply it twice. A lost connection is not such an error: whether a commit whose
 * answer was lost went through is unknown.
 */
export function isRolledBackTransient(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    error.code.startsWith('Neo.TransientError.') &&
    !isMemoryLimitExceeded(error) &&
    !isUnavailable(error)
  );
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code)) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (CONNECTION_FAILURE.test(e.message)) return true;
    if ('code' in e && typeof e.code === 'string' && CONNECTION_FAILURE.test(e.code)) return true;
    e = e.cause;
  }
  return false;
}

/**
 * The domain error for a driver error, or the error itself when it has no domain meaning (bugs,
 * bad Cypher, authentication and configuration problems stay loud and are logged by the caller).
 * Domain errors thrown inside a unit of work pass through untouched.
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (isConstraintViolation(error)) {
    // The server message names the label, property and value; the caller usually knows better
    // (createOrganization maps this itself), this is the fallback that leaks nothing.
    return conflict('A node with this id already exists');
  }
  if (isUnavailable(error)) return unavailable(UNAVAILABLE_MESSAGE);
  return error;
}
