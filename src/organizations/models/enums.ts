// GraphQL enums of the domain, registered once.
import { registerEnumType } from '@nestjs/graphql';
import { ORGANIZATION_KINDS, PLACE_KINDS, RELATIONSHIP_TYPES } from '../../graph/graph.types';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const OrganizationKindEnum = enumOf(ORGANIZATION_KINDS);
export const RelationshipTypeEnum = enumOf(RELATIONSHIP_TYPES);
export const PlaceKindEnum = enumOf(PLACE_KINDS);

registerEnumType(OrganizationKindEnum, {
  name: 'OrganizationKind',
  description: 'What an organisation is in the ecosystem.',
});
registerEnumType(RelationshipTypeEnum, {
  name: 'RelationshipType',
  description: 'How two organisations already work together. COLLABORATES_WITH has no direction.',
});
registerEnumType(PlaceKindEnum, {
  name: 'PlaceKind',
  description: 'SITE ⊂ CITY ⊂ REGION ⊂ COUNTRY (regions may also span countries).',
});
