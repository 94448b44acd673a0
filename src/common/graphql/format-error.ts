// The one place where errors become GraphQL errors: domain errors keep their code and field,
// GraphQL's own input errors become BAD_USER_INPUT, and anything unexpected becomes a generic
// INTERNAL_SERVER_ERROR with a correlation id (the details go to the log, never to the client).
import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

const logger = new Logger('GraphQLError');

/** Every DomainErrorCode maps to exactly one GraphQL code; a new code fails the type check here. */
export function graphqlCode(code: DomainErrorCode): string {
  switch (code) {
    case DomainErrorCode.BAD_USER_INPUT:
      return 'BAD_USER_INPUT';
    case DomainErrorCode.NOT_FOUND:
      return 'NOT_FOUND';
    case DomainErrorCode.CONFLICT:
      return 'CONFLICT';
    case DomainErrorCode.FORBIDDEN:
      return 'FORBIDDEN';
    case DomainErrorCode.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case DomainErrorCode.RATE_LIMITED:
      return 'RATE_LIMITED';
    case DomainErrorCode.SERVICE_UNAVAILABLE:
      return 'SERVICE_UNAVAILABLE';
  }
}

// Messages of GraphQL's own validation that are about input values, not the document's shape.
const INPUT_VALUE_ERROR =
  /^(Value "[^"]*" does not exist in "[^"]+" enum|Expected value of type|Expected type|Enum "[^"]+" cannot represent|Field "[^"]+" of required type|Field "[^"]+" is not defined by type|(Int|Float|String|Boolean|ID) cannot represent|Variable "\$[^"]+" got invalid value|Argument "[^"]+" of (required|non-null) type)/u;

function fieldFromMessage(message: string): string | undefined {
  return /(?:Field|Argument|Variable) "\$?([^"]+)"/u.exec(message)?.[1];
}

export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  exposeInternals = false,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const path = formatted.path;
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path,
      locations: formatted.locations,
      extensions: {
        code: graphqlCode(original.code),
        ...(original.field !== undefined && { field: original.field }),
        ...(original.details ?? {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'BAD_USER_INPUT' ||
    code === 'GRAPHQL_PARSE_FAILED'
  ) {
    const inputValue = code === 'BAD_USER_INPUT' || INPUT_VALUE_ERROR.test(formatted.message);
    const field = fieldFromMessage(formatted.message);
    return {
      message: formatted.message,
      locations: formatted.locations,
      path,
      extensions: {
        code: inputValue ? 'BAD_USER_INPUT' : code,
        ...(field !== undefined && { field }),
      },
    };
  }
  if (original instanceof GraphQLError && INPUT_VALUE_ERROR.test(original.message)) {
    // graphql-js coerces some argument values only as it executes (an explicit null variable for
    // a non-null argument with a default, say): its own error, about the input, not a fault.
    const field = fieldFromMessage(original.message);
    return {
      message: original.message,
      locations: formatted.locations,
      path,
      extensions: { code: 'BAD_USER_INPUT', ...(field !== undefined && { field }) },
    };
  }
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // Apollo's own codes (PERSISTED_QUERY_NOT_FOUND, BAD_REQUEST, …): keep, without internals.
    return {
      message: formatted.message,
      locations: formatted.locations,
      path,
      extensions: { code },
    };
  }
  const correlationId = randomUUID();
  logger.error(
    `Unexpected error ${correlationId}: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`,
  );
  return {
    message: exposeInternals
      ? `Internal server error (${correlationId}): ${original instanceof Error ? original.message : String(original)}`
      : `Internal server error (correlation id ${correlationId})`,
    path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  };
}
