// Hands every error raised in a GraphQL resolver to Apollo untouched, so that formatGraphQLError
// is the one place that maps (and, for unexpected errors, logs) it. Without this filter Nest logs
// expected domain errors (NOT_FOUND, BAD_USER_INPUT) as if they were server faults.
import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlExceptionFilter } from '@nestjs/graphql';

@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // REST routes (health, metrics) keep Nest's usual behaviour.
    if (host.getType<string>() !== 'graphql') return super.catch(exception, host);
    return exception;
  }
}
