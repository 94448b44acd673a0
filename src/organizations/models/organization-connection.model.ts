import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Organization } from './organization.model';

@ObjectType()
export class OrganizationEdge {
  @Field() cursor!: string;
  @Field(() => Organization) node!: Organization;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'A Relay connection of organisations.' })
export class OrganizationConnection {
  @Field(() => [OrganizationEdge]) edges!: OrganizationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Matches in all pages.' }) totalCount!: number;
}
