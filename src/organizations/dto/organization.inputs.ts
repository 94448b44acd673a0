import { ArgsType, Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import type { OrganizationKind, PlaceKind } from '../../graph/graph.types';
import { OrganizationKindEnum, PlaceKindEnum } from '../models/enums';

// Limits are enforced by the graph-file schema (graph-file/limits.ts), which names the field at
// fault; these classes only describe the shape.

@InputType({ description: 'A contact person (private: officers and admins only).' })
export class ContactInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType({
  description: 'Sectors, capabilities and places are given by name (or id) and normalised.',
})
export class CreateOrganizationInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Readable slug; derived from the name when absent.',
  })
  id?: string | null;
  @Field() name!: string;
  @Field(() => OrganizationKindEnum) kind!: OrganizationKind;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) aliases?: string[] | null;
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => Int, { nullable: true }) founded?: number | null;
  @Field(() => Boolean, { nullable: true }) strategicEnterprise?: boolean | null;
  @Field(() => [String], { nullable: true }) sectors?: string[] | null;
  @Field(() => [String], { nullable: true }) offers?: string[] | null;
  @Field(() => [String], { nullable: true }) needs?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Place names or ids.' })
  locations?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Market place names or ids.' })
  markets?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Private: officers and admins only.' })
  internalNotes?: string | null;
  @Field(() => [ContactInput], {
    nullable: true,
    description: 'Private: officers and admins only.',
  })
  contacts?: ContactInput[] | null;
}

/** Every field of CreateOrganizationInput but the id, all optional (PartialType). */
@InputType({ description: 'Only the given fields change; a given list replaces the old one.' })
export class UpdateOrganizationInput extends PartialType(
  OmitType(CreateOrganizationInput, ['id'] as const),
  InputType,
) {}

@InputType({ description: 'Declares a place, its kind and the place it lies within.' })
export class PlaceInput {
  @Field() name!: string;
  @Field(() => PlaceKindEnum, { nullable: true }) kind?: PlaceKind | null;
  @Field(() => String, { nullable: true, description: 'Name or id of the enclosing place.' })
  within?: string | null;
}

@ArgsType()
export class OrganizationsArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Terms matched against name, aliases and description.',
  })
  search?: string | null;
  @Field(() => [OrganizationKindEnum], { nullable: true }) kinds?: OrganizationKind[] | null;
  @Field(() => [ID], { nullable: true, description: 'Organisations in any of these sectors.' })
  sectorIds?: string[] | null;
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1–100.' }) first!: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge seen.' })
  after?: string | null;
}
