import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { OrganizationKind } from '../../graph/graph.types';
import { OrganizationKindEnum } from '../../organizations/models/enums';
import { Organization, Sector } from '../../organizations/models/organization.model';

@ObjectType()
export class KindCount {
  @Field(() => OrganizationKindEnum) kind!: OrganizationKind;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class SectorCount {
  @Field(() => Sector) sector!: Sector;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class Connector {
  organizationId!: string;
  @Field(() => Organization) organization!: Organization;
  @Field(() => Int, { description: 'Relationships in either direction.' }) degree!: number;
}

@ObjectType({ description: 'Counts for dashboards.' })
export class EcosystemStats {
  @Field(() => Int) organizationCount!: number;
  @Field(() => Int) relationshipCount!: number;
  @Field(() => [KindCount]) byKind!: KindCount[];
  @Field(() => [SectorCount]) bySector!: SectorCount[];
  @Field(() => [Connector], { description: 'Organisations with the most relationships.' })
  topConnectors!: Connector[];
}
