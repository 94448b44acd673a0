// Apollo plugin at the request level: rejects unauthenticated requests before anything runs,
// rate-limits per token (RATE_LIMITED with a retry hint and HTTP 429), and writes every mutation
// to the audit trail before its answer leaves.
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { GraphQLError, Kind, OperationTypeNode, type ValueNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import type { GqlContext } from '../common/graphql/context';
import type { GraphStore } from '../graph/graph-store.port';

const logger = new Logger('Audit');

function reject(
  error: DomainError,
  status: number,
  headers?: Record<string, string>,
): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { http: { status, headers: new Map(Object.entries(headers ?? {})) } },
  });
}

/** Ids a mutation acts on, read from its arguments. */
function targetIds(args: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, key: string, depth: number): void => {
    if (depth > 2 || v === null || v === undefined) return;
    if (typeof v === 'string' && /^(id|fromId|toId|organizationId)$/u.test(key)) out.add(v);
    else if (typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, k, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(args)) visit(v, k, 0);
  return [...out];
}

export function securityPlugin(
  store: GraphStore,
  rateLimitPerMinute: number,
): ApolloServerPlugin<GqlContext> {
  const limiter =
    rateLimitPerMinute > 0
      ? new RateLimiterMemory({ points: rateLimitPerMinute, duration: 60 })
      : null;
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ contextValue }) {
          if (!contextValue.principal) {
            throw reject(
              contextValue.authError ??
                new DomainError(DomainErrorCode.UNAUTHENTICATED, 'authentication required'),
              401,
            );
          }
          if (limiter) {
            try {
              await limiter.consume(contextValue.principal.tokenId);
            } catch (e) {
              if (!(e instanceof RateLimiterRes)) throw e;
              const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
              throw reject(
                new DomainError(
                  DomainErrorCode.RATE_LIMITED,
                  `too many requests for this token; retry in ${retryAfterSeconds} s`,
                  undefined,
                  { retryAfterSeconds },
                ),
                429,
                { 'retry-after': String(retryAfterSeconds) },
              );
            }
          }
        },
        async willSendResponse(ctx: GraphQLRequestContextWillSendResponse<GqlContext>) {
          const op = ctx.operation;
          const principal = ctx.contextValue.principal;
          if (!op || op.operation !== OperationTypeNode.MUTATION || !principal) return;
          const errors =
            ctx.response.body.kind === 'single'
              ? (ctx.response.body.singleResult.errors ?? [])
              : [];
          const at = new Date().toISOString();
          for (const selection of op.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) continue;
            const name = selection.name.value;
            const responseKey = selection.alias?.value ?? name;
            const args: Record<string, unknown> = {};
            for (const a of selection.arguments ?? []) {
              args[a.name.value] =
                a.value.kind === Kind.VARIABLE
                  ? ctx.request.variables?.[a.value.name.value]
                  : valueOf(a.value);
            }
            // A request-level error (no path) means nothing ran; otherwise the field's own error.
            const failed =
              errors.find((e) => !e.path) ?? errors.find((e) => e.path?.[0] === responseKey);
            const outcome = failed ? errorCode(failed.extensions?.code) : 'OK';
            try {
              await store.appendAudit({
                id: randomUUID(),
                at,
                actor: principal.subject,
                role: principal.role,
                actorOrganizationId: principal.organizationId,
                operation: name,
                targetIds: targetIds(args),
                outcome,
              });
            } catch (e) {
              logger.error(
                `Could not record ${name} by ${principal.subject} in the audit trail: ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          }
        },
      });
    },
  };
}

/** A literal argument's value (strings and ids are what the audit needs). */
function valueOf(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
    case Kind.LIST:
      return node.values.map(valueOf);
    case Kind.NULL:
    case Kind.VARIABLE:
      return null;
  }
}

export const errorCode = (code: unknown): string => (typeof code === 'string' ? code : 'ERROR');
