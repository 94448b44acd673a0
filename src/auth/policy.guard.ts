// The one place where authorisation is decided, for every GraphQL root operation and for field
// resolvers that carry a policy (private fields). Denials are FORBIDDEN and say nothing about
// whether the target exists.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import type { GqlContext } from '../common/graphql/context';
import { allows, type Policy, POLICY_KEY } from './policy';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string } }>();
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const isRoot = ROOT_TYPES.has(info.parentType.name);
    if (!policy && !isRoot) return true;
    const { principal } = gql.getContext<GqlContext>();
    if (!principal)
      throw new DomainError(
        DomainErrorCode.UNAUTHENTICATED,
        'an Authorization: Bearer <token> header is required',
      );
    if (!policy || !allows(policy, principal, gql.getArgs<Record<string, unknown>>())) {
      throw new DomainError(DomainErrorCode.FORBIDDEN, 'not allowed');
    }
    return true;
  }
}
