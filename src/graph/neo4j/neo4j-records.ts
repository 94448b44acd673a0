// Values between the driver and the domain: Integers in (neo4j.int) and out (one mapper), and
// checked conversion of returned maps into domain records. Rows arrive untyped (`unknown`); each
// reader checks what it takes, so a foreign or corrupted node fails loudly instead of leaking
// wrong types into the product.
import neo4j, { type Integer } from 'neo4j-driver';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import {
  ORGANIZATION_KINDS,
  PLACE_KINDS,
  RELATIONSHIP_TYPES,
  type NamedNode,
  type OrganizationKind,
  type OrganizationProfile,
  type PlaceKind,
  type PlaceNode,
  type Relationship,
  type RelationshipType,
  type AuditEntry,
  type Contact,
  type PrivateDetails,
} from '../graph.types';

/** A JS integer as a Cypher INTEGER (a plain number would be sent as a FLOAT). */
export function toInteger(value: number): Integer {
  return neo4j.int(value);
}

export function toIntegerOrNull(value: number | null): Integer | null {
  return value === null ? null : neo4j.int(value);
}

/**
 * The one place where Cypher numbers come out: Integers (lossless 64-bit by default) become JS
 * numbers; the values we store (years, counts, degrees) are far inside the safe range.
 */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return neo4j.integer.toNumber(value);
  if (typeof value === 'number') return value;
  throw new Error(`neo4j: expected a number, got ${typeof value}`);
}

export const toCount = (value: unknown): number => toNumber(value) ?? 0;

/** JavaScript string order, the order of the embedded store and of graph/search.ts. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byId = <T extends { id: string }>(a: T, b: T): number => compareStrings(a.id, b.id);

export type Row = Record<string, unknown>;

export function asRow(value: unknown, what: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`neo4j: expected ${what} to be a map`);
  }
  return value as Row;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`neo4j: expected ${what} to be a string`);
  return value;
}

export function asStringOrNull(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : asString(value, what);
}

function asList(value: unknown, what: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`neo4j: expected ${what} to be a list`);
  return value;
}

export const asStringList = (value: unknown, what: string): string[] =>
  asList(value, what).map((v) => asString(v, what));

function oneOf<T extends string>(allowed: readonly T[], value: unknown, what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`neo4j: unexpected ${what} ${JSON.stringify(value)}`);
  return found;
}

export const asOrganizationKind = (v: unknown): OrganizationKind =>
  oneOf(ORGANIZATION_KINDS, v, 'organization kind');
export const asPlaceKind = (v: unknown): PlaceKind => oneOf(PLACE_KINDS, v, 'place kind');
export const asRelationshipType = (v: unknown): RelationshipType =>
  oneOf(RELATIONSHIP_TYPES, v, 'relationship type');

export function toNamedNode(value: unknown): NamedNode {
  const row = asRow(value, 'a sector or capability');
  return { id: asString(row.id, 'id'), name: asString(row.name, 'name') };
}

/** A place map `{id, name, kind, withinId}` (see the placeMap projection in cypher.ts). */
export function toPlaceNode(value: unknown): PlaceNode {
  const row = asRow(value, 'a place');
  return {
    id: asString(row.id, 'place id'),
    name: asString(row.name, 'place name'),
    kind: asPlaceKind(row.kind),
    withinId: asStringOrNull(row.withinId, 'place withinId'),
  };
}

/** The PROFILE projection of cypher.ts; facets sorted by id here, in JavaScript order. */
export function toProfile(value: unknown): OrganizationProfile {
  const row = asRow(value, 'an organization');
  return {
    id: asString(row.id, 'id'),
    name: asString(row.name, 'name'),
    kind: asOrganizationKind(row.kind),
    description: asStringOrNull(row.description, 'description'),
    aliases: asStringList(row.aliases, 'aliases'),
    website: asStringOrNull(row.website, 'website'),
    founded: toNumber(row.founded),
    strategicEnterprise: row.strategicEnterprise === true,
    createdAt: asString(row.createdAt, 'createdAt'),
    updatedAt: asString(row.updatedAt, 'updatedAt'),
    sectors: asList(row.sectors, 'sectors').map(toNamedNode).sort(byId),
    offers: asList(row.offers, 'offers').map(toNamedNode).sort(byId),
    needs: asList(row.needs, 'needs').map(toNamedNode).sort(byId),
    locations: asList(row.locations, 'locations').map(toPlaceNode).sort(byId),
    markets: asList(row.markets, 'markets').map(toPlaceNode).sort(byId),
  };
}

/** A row with type, from, to, since, description, source columns. */
export function toRelationship(row: Row): Relationship {
  return {
    type: asRelationshipType(row.type),
    from: asString(row.from, 'from'),
    to: asString(row.to, 'to'),
    since: toNumber(row.since),
    description: asStringOrNull(row.description, 'description'),
    source: asStringOrNull(row.source, 'source'),
  };
}

/** Sort order of relationship lists: (type, from, to). */
export function compareRelationships(a: Relationship, b: Relationship): number {
  return (
    compareStrings(a.type, b.type) || compareStrings(a.from, b.from) || compareStrings(a.to, b.to)
  );
}

/** Private details are stored as one JSON string (Neo4j properties cannot hold nested maps). */
export function toPrivateDetails(json: unknown): PrivateDetails {
  const row = asRow(JSON.parse(asString(json, 'privateDetails')) as unknown, 'private details');
  return {
    internalNotes: asStringOrNull(row.internalNotes, 'internalNotes'),
    contacts: asList(row.contacts, 'contacts').map((value): Contact => {
      const c = asRow(value, 'a contact');
      return {
        name: asString(c.name, 'contact name'),
        role: asStringOrNull(c.role, 'contact role'),
        email: asStringOrNull(c.email, 'contact email'),
        phone: asStringOrNull(c.phone, 'contact phone'),
      };
    }),
  };
}

export function toAuditEntry(value: unknown): AuditEntry {
  const row = asRow(value, 'an audit entry');
  return {
    id: asString(row.id, 'audit id'),
    at: asString(row.at, 'audit at'),
    actor: asString(row.actor, 'audit actor'),
    role: asString(row.role, 'audit role'),
    actorOrganizationId: asStringOrNull(row.actorOrganizationId, 'audit actorOrganizationId'),
    operation: asString(row.operation, 'audit operation'),
    targetIds: asStringList(row.targetIds, 'audit targetIds'),
    outcome: asString(row.outcome, 'audit outcome'),
  };
}

/** Audit pages continue after the (at, id) of the last entry seen. */
export function encodeAuditCursor(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id]), 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(DomainErrorCode.BAD_USER_INPUT, 'after: not a valid cursor', 'after');
}
