import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { badInput } from '../../common/errors/domain-error';
import { GRAPH_STORE, GraphStore } from '../../graph/graph-store.port';
import { Allow, STAFF } from '../policy';

@ObjectType({ description: 'One recorded mutation.' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field({ description: 'ISO 8601 timestamp.' }) at!: string;
  @Field() actor!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true }) actorOrganizationId!: string | null;
  @Field() operation!: string;
  @Field(() => [String]) targetIds!: string[];
  @Field({ description: 'OK or the error code.' }) outcome!: string;
}

@ObjectType()
export class AuditEntryEdge {
  @Field() cursor!: string;
  @Field(() => AuditEntry) node!: AuditEntry;
}

@ObjectType()
export class AuditConnection {
  @Field(() => [AuditEntryEdge]) edges!: AuditEntryEdge[];
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@Resolver()
export class AuditResolver {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  @Allow({ roles: STAFF })
  @Query(() => AuditConnection, {
    description: 'The audit trail of mutations, newest first (officers and admins).',
  })
  async auditTrail(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('actor', { type: () => String, nullable: true }) actor?: string | null,
    @Args('targetId', { type: () => ID, nullable: true }) targetId?: string | null,
  ): Promise<AuditConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput('first', 'must be between 1 and 200');
    const page = await this.store.listAudit({
      first,
      after: after ?? null,
      actor: actor ?? null,
      targetId: targetId ?? null,
    });
    const edges = page.items.map((node, i) => ({ node, cursor: page.cursors[i] as string }));
    return {
      edges,
      hasNextPage: page.hasNextPage,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    };
  }
}
