// Input limits shared by the GraphQL inputs, the seed and bulk import (documented in the README).
export const LIMITS = {
  idLength: 200,
  nameLength: 300,
  descriptionLength: 10_000,
  aliasCount: 50,
  facetCount: 100,
  facetNameLength: 300,
  /** Offers and needs are free-text phrases in some registries: longer and more of them. */
  phraseLength: 1_000,
  phraseCount: 1_000,
  websiteLength: 2_000,
  relationshipTextLength: 2_000,
  minYear: 1000,
  maxYear: 2100,
  pageSize: 100,
  searchLength: 500,
  relationshipsPerOrganization: 500,
} as const;
