import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type {
  OrganizationKind,
  OrganizationProfile,
  PlaceKind,
  RelationshipType,
} from '../../graph/graph.types';
import { OrganizationKindEnum, RelationshipTypeEnum } from './enums';

@ObjectType({ description: 'A sector (industry); names are normalised so variants share a node.' })
export class Sector {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  // organizationCount is resolved (batched) by SectorResolver.
}

@ObjectType({ description: 'Something an organisation offers or needs, normalised by name.' })
export class Capability {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}

@ObjectType({ description: 'A site, city, region or country.' })
export class Place {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { description: 'SITE, CITY, REGION or COUNTRY.' }) kind!: PlaceKind;
  withinId!: string | null;
  // within is resolved by PlaceResolver.
}

@ObjectType({ description: 'An enterprise, lab, university, client, government body, facility, …' })
export class Organization implements OrganizationProfile {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganizationKindEnum) kind!: OrganizationKind;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String]) aliases!: string[];
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => Int, { nullable: true }) founded!: number | null;
  @Field() strategicEnterprise!: boolean;
  @Field(() => [Sector]) sectors!: Sector[];
  @Field(() => [Capability]) offers!: Capability[];
  @Field(() => [Capability]) needs!: Capability[];
  @Field(() => [Place]) locations!: Place[];
  @Field(() => [Place], { description: 'Markets the organisation is active in.' })
  markets!: Place[];
  @Field({ description: 'ISO 8601 timestamp.' }) createdAt!: string;
  @Field({ description: 'ISO 8601 timestamp.' }) updatedAt!: string;
  // relationships(type, first) is resolved (batched) by OrganizationResolver.
}

@ObjectType({ description: 'A contact person (private).' })
export class Contact {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType({ description: 'An existing working relationship between two organisations.' })
export class Relationship {
  @Field(() => RelationshipTypeEnum) type!: RelationshipType;
  fromId!: string;
  toId!: string;
  @Field(() => Int, { nullable: true }) since!: number | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the fact comes from.' })
  source!: string | null;
  // from / to are resolved (batched) by RelationshipResolver.
}
