// Thin resolvers: unpack arguments, call one service, map to models. Nested fields go through the
// per-request DataLoaders so that a page of organisations costs a bounded number of store calls.
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { badInput } from '../common/errors/domain-error';
import type { GqlContext } from '../common/graphql/context';
import { LIMITS } from '../graph-file/limits';
import type { RelationshipType } from '../graph/graph.types';
import {
  CreateOrganizationInput,
  OrganizationsArgs,
  PlaceInput,
  UpdateOrganizationInput,
} from './dto/organization.inputs';
import { RelationshipTypeEnum } from './models/enums';
import { OrganizationConnection } from './models/organization-connection.model';
import { Contact, Organization, Place, Relationship, Sector } from './models/organization.model';
import { toRelationshipModel } from './organization.mapper';
import { OrganizationsService, PRIVATE_INPUT_FIELDS } from './organizations.service';
import { Allow, arg, EVERYONE, STAFF } from '../auth/policy';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Allow({ roles: EVERYONE })
  @Query(() => Organization, { nullable: true, description: 'One organisation by id, or null.' })
  organization(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(id);
  }

  @Allow({ roles: EVERYONE })
  @Query(() => OrganizationConnection, {
    description: 'Search and browse organisations, ordered by relevance then name.',
  })
  async organizations(
    @Args() args: OrganizationsArgs,
    @Context() ctx: GqlContext,
  ): Promise<OrganizationConnection> {
    const page = await this.service.find(args);
    ctx.loaders.prime(page.items);
    const edges = page.items.map((node, i) => ({ node, cursor: page.cursors[i] as string }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Allow({ roles: STAFF })
  @ResolveField(() => String, { nullable: true, description: 'Private: officers and admins only.' })
  async internalNotes(
    @Parent() org: Organization,
    @Context() ctx: GqlContext,
  ): Promise<string | null> {
    return (await ctx.loaders.privateDetails.load(org.id))?.internalNotes ?? null;
  }

  @Allow({ roles: STAFF })
  @ResolveField(() => [Contact], {
    nullable: true,
    description: 'Private: officers and admins only.',
  })
  async contacts(@Parent() org: Organization, @Context() ctx: GqlContext): Promise<Contact[]> {
    return (await ctx.loaders.privateDetails.load(org.id))?.contacts ?? [];
  }

  @ResolveField(() => [Relationship], { description: 'Relationships in either direction.' })
  async relationships(
    @Parent() org: Organization,
    @Context() ctx: GqlContext,
    @Args('type', { type: () => RelationshipTypeEnum, nullable: true })
    type?: RelationshipType | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
  ): Promise<Relationship[]> {
    if (!Number.isInteger(first) || first < 1 || first > LIMITS.relationshipsPerOrganization) {
      throw badInput('first', `must be between 1 and ${LIMITS.relationshipsPerOrganization}`);
    }
    const rels = (await ctx.loaders.relationshipsOf(org.id, type ?? null)).slice(0, first);
    // The ends are loaded with the relationships (one batch for the page, and `from` / `to` then
    // come from the loader's cache), so that a relationship whose other end a concurrent request
    // just deleted is left out instead of failing the whole query on a non-null field.
    const ends = await ctx.loaders.organization.loadMany([
      ...new Set(rels.flatMap((r) => [r.from, r.to])),
    ]);
    const present = new Set(ends.flatMap((e) => (e && !(e instanceof Error) ? [e.id] : [])));
    return rels.filter((r) => present.has(r.from) && present.has(r.to)).map(toRelationshipModel);
  }

  @Allow({ roles: STAFF })
  @Mutation(() => Organization)
  createOrganization(@Args('input') input: CreateOrganizationInput) {
    return this.service.create({ ...input });
  }

  @Allow({
    roles: EVERYONE,
    ownOrganization: arg('id'),
    restrictedInput: { fields: PRIVATE_INPUT_FIELDS, roles: STAFF, path: arg('input') },
  })
  @Mutation(() => Organization, {
    description: 'Officers update any organisation; an enterprise its own public profile.',
  })
  updateOrganization(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateOrganizationInput,
  ) {
    return this.service.update(id, { ...input });
  }

  @Allow({ roles: STAFF })
  @Mutation(() => Boolean, { description: 'Deletes the organisation and its relationships.' })
  deleteOrganization(@Args('id', { type: () => ID }) id: string) {
    return this.service.delete(id);
  }

  @Allow({ roles: STAFF })
  @Mutation(() => Place, {
    description: 'Creates or updates a place (its kind and enclosing place).',
  })
  upsertPlace(@Args('input') input: PlaceInput) {
    return this.service.upsertPlace({ ...input });
  }
}

@Resolver(() => Sector)
export class SectorResolver {
  @ResolveField(() => Int)
  organizationCount(
    @Parent() sector: Sector & { organizationCount?: number },
    @Context() ctx: GqlContext,
  ) {
    return sector.organizationCount ?? ctx.loaders.sectorCount.load(sector.id);
  }
}

@Resolver(() => Place)
export class PlaceResolver {
  @ResolveField(() => Place, { nullable: true, description: 'The enclosing place.' })
  within(@Parent() place: Place, @Context() ctx: GqlContext) {
    return place.withinId ? ctx.loaders.place.load(place.withinId) : null;
  }
}

@Resolver(() => Relationship)
export class RelationshipResolver {
  @ResolveField(() => Organization)
  from(@Parent() rel: Relationship, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(rel.fromId);
  }

  @ResolveField(() => Organization)
  to(@Parent() rel: Relationship, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(rel.toId);
  }
}
