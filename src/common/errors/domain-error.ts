// Domain errors: what went wrong in terms a client can act on. Mapped to GraphQL errors in one place
// (graphql-error.mapper.ts), so adapters and services never build transport errors themselves.

export enum DomainErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, when there is one (e.g. "input.name"). */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError(DomainErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);

export const notFound = (what: string, id: string, field?: string): DomainError =>
  new DomainError(DomainErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, field);

export const conflict = (message: string, field?: string): DomainError =>
  new DomainError(DomainErrorCode.CONFLICT, message, field);

export const unavailable = (message: string): DomainError =>
  new DomainError(DomainErrorCode.SERVICE_UNAVAILABLE, message);
