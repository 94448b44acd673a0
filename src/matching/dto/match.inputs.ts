import { Field, Float, ID, InputType } from '@nestjs/graphql';
import type { OrganizationKind } from '../../graph/graph.types';
import { OrganizationKindEnum } from '../../organizations/models/enums';
import type { SignalKind } from '../core/match.types';
import { SignalKindEnum } from '../models/match.models';

@InputType()
export class MatchFilter {
  @Field(() => [OrganizationKindEnum], { nullable: true }) kinds?: OrganizationKind[] | null;
  @Field(() => [ID], { nullable: true }) sectorIds?: string[] | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Candidates located in these places or places within them.',
  })
  placeIds?: string[] | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Also suggest existing partners.' })
  includeConnected?: boolean;
  @Field(() => Float, { nullable: true }) minScore?: number | null;
}

@InputType()
export class SignalWeight {
  @Field(() => SignalKindEnum) kind!: SignalKind;
  @Field(() => Float) weight!: number;
}
