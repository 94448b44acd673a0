import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { RelationshipType } from '../../graph/graph.types';
import { RelationshipTypeEnum } from '../../organizations/models/enums';

@InputType()
export class ConnectOrganizationsInput {
  @Field(() => ID) fromId!: string;
  @Field(() => ID) toId!: string;
  @Field(() => RelationshipTypeEnum) type!: RelationshipType;
  @Field(() => Int, { nullable: true, description: 'Year the relationship started.' })
  since?: number | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the fact comes from.' })
  source?: string | null;
}
