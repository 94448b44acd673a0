// The graph file format (seed, bulk import, export, API inputs): parsing, validation and
// normalisation of one record into the store's write records. Pure; every error names its field.
import { z } from 'zod';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import {
  NamedNode,
  ORGANIZATION_KINDS,
  OrganizationPatch,
  OrganizationWrite,
  PLACE_KINDS,
  PlaceWrite,
  Relationship,
  RELATIONSHIP_TYPES,
} from '../graph/graph.types';
import { LIMITS } from './limits';
import { cleanText, slugify } from './normalize';

// Control characters (other than tab and newlines in long text) never belong in names or ids.
const NO_CONTROL = /^[^\p{Cc}]*$/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_EXCEPT_NEWLINES = /^[^\0-\x08\x0b\x0c\x0e-\x1f\x7f]*$/u;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL, 'must not contain control characters');
const requiredText = (max: number) =>
  text(max).refine((s) => cleanText(s).length > 0, 'must not be empty');
const longText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL_EXCEPT_NEWLINES, 'must not contain control characters');
const year = z
  .number()
  .int('must be an integer')
  .min(LIMITS.minYear, `must be ≥ ${LIMITS.minYear}`)
  .max(LIMITS.maxYear, `must be ≤ ${LIMITS.maxYear}`);

export const idSchema = requiredText(LIMITS.idLength).refine(
  (s) => s === s.trim() && !/\s/u.test(s),
  'must not contain whitespace',
);

type FilePlace = { name: string; kind?: string | null; within?: string | FilePlace | null };
const placeSchema: z.ZodType<FilePlace> = z.lazy(() =>
  z.object({
    name: requiredText(LIMITS.facetNameLength),
    kind: z.enum(PLACE_KINDS).nullish(),
    within: z.union([requiredText(LIMITS.facetNameLength), placeSchema]).nullish(),
  }),
);
const placeRef = z.union([requiredText(LIMITS.facetNameLength), placeSchema]);
const facetList = z
  .array(requiredText(LIMITS.facetNameLength))
  .max(LIMITS.facetCount, `must have at most ${LIMITS.facetCount} entries`);
const phraseList = z
  .array(requiredText(LIMITS.phraseLength))
  .max(LIMITS.phraseCount, `must have at most ${LIMITS.phraseCount} entries`);
const placeList = z
  .array(placeRef)
  .max(LIMITS.facetCount, `must have at most ${LIMITS.facetCount} entries`);

const organizationFields = {
  name: requiredText(LIMITS.nameLength),
  kind: z.enum(ORGANIZATION_KINDS),
  description: longText(LIMITS.descriptionLength).nullish(),
  aliases: z
    .array(requiredText(LIMITS.nameLength))
    .max(LIMITS.aliasCount, `must have at most ${LIMITS.aliasCount} entries`)
    .nullish(),
  website: text(LIMITS.websiteLength).nullish(),
  founded: year.nullish(),
  strategicEnterprise: z.boolean().nullish(),
  sectors: facetList.nullish(),
  offers: phraseList.nullish(),
  needs: phraseList.nullish(),
  locations: placeList.nullish(),
  markets: placeList.nullish(),
};

const organizationSchema = z.object({
  id: idSchema,
  ...organizationFields,
  createdAt: z.iso.datetime().nullish(),
  updatedAt: z.iso.datetime().nullish(),
});
const organizationPatchSchema = z.object(organizationFields).partial();

const relationshipSchema = z.object({
  from: idSchema,
  to: idSchema,
  type: z.enum(RELATIONSHIP_TYPES),
  since: year.nullish(),
  description: longText(LIMITS.relationshipTextLength).nullish(),
  source: longText(LIMITS.relationshipTextLength).nullish(),
});

export type FileOrganization = z.input<typeof organizationSchema>;
export type FileOrganizationPatch = z.input<typeof organizationPatchSchema>;
export type FileRelationship = z.input<typeof relationshipSchema>;
export type FilePlaceRecord = FilePlace;

/** Parses with a schema; the first issue becomes a BAD_USER_INPUT error naming its field. */
function parseWith<T>(schema: z.ZodType<T>, raw: unknown, prefix: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const message = issue?.message ?? 'is invalid';
  throw new DomainError(
    DomainErrorCode.BAD_USER_INPUT,
    `${path || 'input'}: ${message}`,
    path || undefined,
  );
}

/** Distinct normalised nodes, sorted by id; the first spelling of a name wins for display. */
export function toNamedNodes(names: readonly string[], field: string): NamedNode[] {
  const byId = new Map<string, NamedNode>();
  names.forEach((raw, i) => {
    const name = cleanText(raw);
    const id = slugify(name);
    if (!id)
      throw new DomainError(
        DomainErrorCode.BAD_USER_INPUT,
        `${field}.${i}: "${name}" has no letters or digits`,
        `${field}.${i}`,
      );
    if (!byId.has(id)) byId.set(id, { id, name });
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function toPlaceWrite(ref: string | FilePlace, field: string, depth = 0): PlaceWrite {
  if (depth > 10) {
    throw new DomainError(
      DomainErrorCode.BAD_USER_INPUT,
      `${field}: places nest at most 10 deep`,
      field,
    );
  }
  const place: FilePlace = typeof ref === 'string' ? { name: ref } : ref;
  const name = cleanText(place.name);
  const id = slugify(name);
  if (!id) {
    throw new DomainError(
      DomainErrorCode.BAD_USER_INPUT,
      `${field}: "${name}" has no letters or digits`,
      field,
    );
  }
  const within = place.within ? toPlaceWrite(place.within, `${field}.within`, depth + 1) : null;
  if (within?.id === id) {
    throw new DomainError(
      DomainErrorCode.BAD_USER_INPUT,
      `${field}.within: a place cannot lie within itself`,
      `${field}.within`,
    );
  }
  return { id, name, kind: (place.kind as PlaceWrite['kind']) ?? null, within };
}

function toPlaceWrites(refs: readonly (string | FilePlace)[], field: string): PlaceWrite[] {
  const byId = new Map<string, PlaceWrite>();
  refs.forEach((ref, i) => {
    const place = toPlaceWrite(ref, `${field}.${i}`);
    if (!byId.has(place.id)) byId.set(place.id, place);
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function cleanAliases(aliases: readonly string[], name: string): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const raw of aliases) {
    const alias = cleanText(raw);
    if (!seen.has(alias.toLowerCase())) {
      seen.add(alias.toLowerCase());
      out.push(alias);
    }
  }
  return out;
}

const optionalText = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const cleaned = value.trim();
  return cleaned.length ? cleaned : null;
};

/** A whole organisation record (create, import, seed). */
export function parseOrganization(raw: unknown, now: string, prefix = ''): OrganizationWrite {
  const o = parseWith(organizationSchema, raw, prefix);
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const name = cleanText(o.name);
  return {
    id: o.id,
    name,
    kind: o.kind,
    description: optionalText(o.description),
    aliases: cleanAliases(o.aliases ?? [], name),
    website: optionalText(o.website),
    founded: o.founded ?? null,
    strategicEnterprise: o.strategicEnterprise ?? false,
    sectors: toNamedNodes(o.sectors ?? [], at('sectors')),
    offers: toNamedNodes(o.offers ?? [], at('offers')),
    needs: toNamedNodes(o.needs ?? [], at('needs')),
    locations: toPlaceWrites(o.locations ?? [], at('locations')),
    markets: toPlaceWrites(o.markets ?? [], at('markets')),
    createdAt: o.createdAt ?? now,
    updatedAt: o.updatedAt ?? o.createdAt ?? now,
  };
}

/** A partial update: only the given fields are normalised and returned. */
export function parseOrganizationPatch(
  raw: unknown,
  now: string,
  prefix = '',
  currentName?: string,
): OrganizationPatch {
  const o = parseWith(organizationPatchSchema, raw, prefix);
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const nullField = (f: string) =>
    new DomainError(DomainErrorCode.BAD_USER_INPUT, `${at(f)}: must not be null`, at(f));
  if (o.name === null) throw nullField('name');
  if (o.kind === null) throw nullField('kind');
  const name = o.name === undefined ? undefined : cleanText(o.name);
  return {
    updatedAt: now,
    ...(name !== undefined && { name }),
    ...(o.kind !== undefined && { kind: o.kind }),
    ...(o.description !== undefined && { description: optionalText(o.description) }),
    ...(o.aliases !== undefined && {
      aliases: cleanAliases(o.aliases ?? [], name ?? currentName ?? ''),
    }),
    ...(o.website !== undefined && { website: optionalText(o.website) }),
    ...(o.founded !== undefined && { founded: o.founded }),
    ...(o.strategicEnterprise !== undefined && {
      strategicEnterprise: o.strategicEnterprise ?? false,
    }),
    ...(o.sectors !== undefined && { sectors: toNamedNodes(o.sectors ?? [], at('sectors')) }),
    ...(o.offers !== undefined && { offers: toNamedNodes(o.offers ?? [], at('offers')) }),
    ...(o.needs !== undefined && { needs: toNamedNodes(o.needs ?? [], at('needs')) }),
    ...(o.locations !== undefined && {
      locations: toPlaceWrites(o.locations ?? [], at('locations')),
    }),
    ...(o.markets !== undefined && { markets: toPlaceWrites(o.markets ?? [], at('markets')) }),
  };
}

export function parseRelationship(raw: unknown, prefix = ''): Relationship {
  const r = parseWith(relationshipSchema, raw, prefix);
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (r.from === r.to) {
    throw new DomainError(
      DomainErrorCode.BAD_USER_INPUT,
      `${at('to')}: an organisation cannot have a relationship with itself`,
      at('to'),
    );
  }
  return {
    from: r.from,
    to: r.to,
    type: r.type,
    since: r.since ?? null,
    description: optionalText(r.description),
    source: optionalText(r.source),
  };
}

export function parsePlace(raw: unknown, prefix = ''): PlaceWrite {
  const p = parseWith(placeSchema, raw, prefix);
  return toPlaceWrite(p, prefix || 'place');
}
