import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { RelationshipType } from '../graph/graph.types';
import { RelationshipTypeEnum } from '../organizations/models/enums';
import { Relationship } from '../organizations/models/organization.model';
import { toRelationshipModel } from '../organizations/organization.mapper';
import { ConnectOrganizationsInput } from './dto/connect-organizations.input';
import { RelationshipsService } from './relationships.service';
import { Allow, STAFF } from '../auth/policy';

@Resolver(() => Relationship)
export class RelationshipsResolver {
  constructor(private readonly relationships: RelationshipsService) {}

  @Allow({ roles: STAFF })
  @Mutation(() => Relationship, { description: 'Records an existing relationship.' })
  async connectOrganizations(
    @Args('input') input: ConnectOrganizationsInput,
  ): Promise<Relationship> {
    return toRelationshipModel(await this.relationships.connect(input));
  }

  @Allow({ roles: STAFF })
  @Mutation(() => Boolean, { description: 'Removes a relationship; false when there was none.' })
  disconnectOrganizations(
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('toId', { type: () => ID }) toId: string,
    @Args('type', { type: () => RelationshipTypeEnum }) type: RelationshipType,
  ): Promise<boolean> {
    return this.relationships.disconnect(fromId, toId, type);
  }
}
