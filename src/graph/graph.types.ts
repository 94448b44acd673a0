// Domain records of the partner ecosystem graph: what the GraphStore port reads and writes.
// Plain data, shared by both adapters, the services and the matching core; no Nest, no I/O.

export const ORGANIZATION_KINDS = [
  'ENTERPRISE',
  'LAB',
  'UNIVERSITY',
  'CLIENT',
  'GOVERNMENT',
  'FACILITY',
  'INVESTOR',
  'OTHER',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const RELATIONSHIP_TYPES = [
  'COLLABORATES_WITH',
  'SUPPLIES',
  'FUNDS',
  'SUPPORTS',
  'PART_OF',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** COLLABORATES_WITH has no direction: a→b and b→a are the same relationship. */
export const SYMMETRIC_RELATIONSHIP_TYPES: ReadonlySet<RelationshipType> = new Set([
  'COLLABORATES_WITH',
]);

export const PLACE_KINDS = ['SITE', 'CITY', 'COUNTRY', 'REGION'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A sector or a capability: a normalised node named by a slug id. */
export interface NamedNode {
  id: string;
  name: string;
}

export interface PlaceNode {
  id: string;
  name: string;
  kind: PlaceKind;
  /** The id of the place this one lies within (site → city → region → country), if known. */
  withinId: string | null;
}

/** An organisation with everything a profile shows, facets sorted by id. */
export interface OrganizationProfile {
  id: string;
  name: string;
  kind: OrganizationKind;
  description: string | null;
  aliases: string[];
  website: string | null;
  founded: number | null;
  strategicEnterprise: boolean;
  createdAt: string;
  updatedAt: string;
  sectors: NamedNode[];
  offers: NamedNode[];
  needs: NamedNode[];
  locations: PlaceNode[];
  markets: PlaceNode[];
}

/** A place reference in a write: the node is created or reused by id. */
export interface PlaceWrite {
  id: string;
  name: string;
  /** null: keep the existing kind, or CITY for a new place. */
  kind: PlaceKind | null;
  /** The parent place, created (as given) or reused when missing. */
  within: PlaceWrite | null;
}

/** A fully normalised organisation, as the services hand it to the store. */
export interface OrganizationWrite {
  id: string;
  name: string;
  kind: OrganizationKind;
  description: string | null;
  aliases: string[];
  website: string | null;
  founded: number | null;
  strategicEnterprise: boolean;
  sectors: NamedNode[];
  offers: NamedNode[];
  needs: NamedNode[];
  locations: PlaceWrite[];
  markets: PlaceWrite[];
  /** ISO timestamps decided by the service, so both stores hold the same values. */
  createdAt: string;
  updatedAt: string;
}

/** Fields to change; an absent field is left as it is, a given list replaces the old one. */
export type OrganizationPatch = Partial<
  Omit<OrganizationWrite, 'id' | 'createdAt' | 'updatedAt'>
> & { updatedAt: string };

export interface RelationshipKey {
  from: string;
  to: string;
  type: RelationshipType;
}

export interface Relationship extends RelationshipKey {
  since: number | null;
  description: string | null;
  source: string | null;
}

export interface OrganizationQuery {
  /** Free text over name, aliases and description; every term must match (as a prefix). */
  search: string | null;
  kinds: OrganizationKind[] | null;
  sectorIds: string[] | null;
  first: number;
  /** Opaque keyset cursor from a previous page. */
  after: string | null;
}

export interface OrganizationPage {
  items: OrganizationProfile[];
  /** Cursor of each item, same order. */
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface SectorWithCount extends NamedNode {
  organizationCount: number;
}

export interface KindCount {
  kind: OrganizationKind;
  count: number;
}

export interface Connector {
  id: string;
  degree: number;
}

export interface EcosystemStatsRecord {
  organizationCount: number;
  relationshipCount: number;
  byKind: KindCount[];
  bySector: SectorWithCount[];
  topConnectors: Connector[];
}

/** Idempotent bulk write: places first, then organisations (full replacement), then relationships. */
export interface GraphBatch {
  places: PlaceWrite[];
  organizations: OrganizationWrite[];
  relationships: Relationship[];
}

export interface BatchResult {
  organizations: number;
  relationships: number;
  places: number;
}

/** Contact details: private, for officers only. */
export interface Contact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** What only officers and admins may read about an organisation. */
export interface PrivateDetails {
  internalNotes: string | null;
  contacts: Contact[];
}

/** One recorded mutation. */
export interface AuditEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  actor: string;
  role: string;
  /** The actor's own organisation (ENTERPRISE tokens). */
  actorOrganizationId: string | null;
  operation: string;
  targetIds: string[];
  /** OK, or the error code the mutation ended with. */
  outcome: string;
}

export interface AuditQuery {
  first: number;
  /** Cursor of the last entry seen (entries come newest first). */
  after: string | null;
  actor: string | null;
  targetId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  cursors: string[];
  hasNextPage: boolean;
}
