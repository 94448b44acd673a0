// Organisation use cases: validation and normalisation of inputs (through the graph-file schema,
// which names the field at fault), id allocation, and calls to the GraphStore port.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { badInput, notFound } from '../common/errors/domain-error';
import { parseOrganization, parseOrganizationPatch, parsePlace } from '../graph-file/graph-file';
import { LIMITS } from '../graph-file/limits';
import { slugify } from '../graph-file/normalize';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';
import type {
  OrganizationKind,
  OrganizationPage,
  OrganizationProfile,
  PlaceNode,
  PlaceKind,
  PrivateDetails,
} from '../graph/graph.types';

export interface FindOrganizationsArgs {
  search?: string | null;
  kinds?: OrganizationKind[] | null;
  sectorIds?: string[] | null;
  first: number;
  after?: string | null;
}

const clock = (): string => new Date().toISOString();

/** Input fields that are private details, not part of the public profile. */
export const PRIVATE_INPUT_FIELDS = ['internalNotes', 'contacts'] as const;

const contactSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  role: z.string().max(200, 'must be at most 200 characters').nullish(),
  email: z.email('must be an email address').max(320).nullish(),
  phone: z
    .string()
    .regex(/^[+\d ()./-]{3,40}$/u, 'must be a phone number')
    .nullish(),
});
const privateSchema = z.object({
  internalNotes: z
    .string()
    .max(LIMITS.descriptionLength, `must be at most ${LIMITS.descriptionLength} characters`)
    .nullish(),
  contacts: z.array(contactSchema).max(20, 'must have at most 20 entries').nullish(),
});

/** Splits private fields off an input and validates them; undefined when none are given. */
function privatePart(input: Record<string, unknown>): {
  rest: Record<string, unknown>;
  details?: Partial<PrivateDetails>;
} {
  const { internalNotes, contacts, ...rest } = input;
  if (internalNotes === undefined && contacts === undefined) return { rest };
  const parsed = privateSchema.safeParse({ internalNotes, contacts });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['input', ...(issue?.path ?? []).map(String)].join('.');
    throw badInput(field, issue?.message ?? 'is invalid');
  }
  const details: Partial<PrivateDetails> = {};
  if (internalNotes !== undefined)
    details.internalNotes = parsed.data.internalNotes?.trim() || null;
  if (contacts !== undefined) {
    details.contacts = (parsed.data.contacts ?? []).map((c) => ({
      name: c.name,
      role: c.role ?? null,
      email: c.email ?? null,
      phone: c.phone ?? null,
    }));
  }
  return { rest, details };
}

@Injectable()
export class OrganizationsService {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  async get(id: string): Promise<OrganizationProfile | null> {
    return (await this.store.getOrganizations([id])).get(id) ?? null;
  }

  async require(id: string, field = 'id'): Promise<OrganizationProfile> {
    const found = await this.get(id);
    if (!found) throw notFound('organization', id, field);
    return found;
  }

  find(args: FindOrganizationsArgs): Promise<OrganizationPage> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > LIMITS.pageSize) {
      throw badInput('first', `must be between 1 and ${LIMITS.pageSize}`);
    }
    if (args.search && args.search.length > LIMITS.searchLength) {
      throw badInput('search', `must be at most ${LIMITS.searchLength} characters`);
    }
    return this.store.findOrganizations({
      search: args.search ?? null,
      kinds: args.kinds ?? null,
      sectorIds: args.sectorIds?.map(slugify) ?? null,
      first: args.first,
      after: args.after ?? null,
    });
  }

  async create(
    input: Record<string, unknown> & { id?: string | null; name?: unknown },
  ): Promise<OrganizationProfile> {
    const now = clock();
    const { rest, details } = privatePart(input);
    const id = input.id ?? (await this.freeIdFor(typeof input.name === 'string' ? input.name : ''));
    const org = parseOrganization({ ...stripNulls(rest), id }, now, 'input');
    const created = await this.store.createOrganization(org);
    if (details)
      await this.store.setPrivateDetails(created.id, {
        internalNotes: null,
        contacts: [],
        ...details,
      });
    return created;
  }

  async update(id: string, input: Record<string, unknown>): Promise<OrganizationProfile> {
    const current = await this.require(id);
    const { rest, details } = privatePart(input);
    const patch = parseOrganizationPatch(rest, clock(), 'input', current.name);
    const updated = await this.store.updateOrganization(id, patch);
    if (details) {
      const old = (await this.store.getPrivateDetails([id])).get(id) ?? {
        internalNotes: null,
        contacts: [],
      };
      await this.store.setPrivateDetails(id, { ...old, ...details });
    }
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    if (!(await this.store.deleteOrganization(id))) throw notFound('organization', id, 'id');
    return true;
  }

  async upsertPlace(input: {
    name: string;
    kind?: PlaceKind | null;
    within?: string | null;
  }): Promise<PlaceNode> {
    const place = parsePlace(stripNulls(input), 'input');
    await this.store.upsertBatch({ places: [place], organizations: [], relationships: [] });
    const stored = (await this.store.getPlaces([place.id])).get(place.id);
    if (!stored) throw notFound('place', place.id, 'input.name');
    return stored;
  }

  /** A slug of the name, suffixed (-2, -3, …) until it is free. */
  private async freeIdFor(name: string): Promise<string> {
    const base = slugify(name).slice(0, LIMITS.idLength - 6);
    if (!base) throw badInput('input.name', 'must contain letters or digits');
    const candidates = [base, ...Array.from({ length: 50 }, (_, i) => `${base}-${i + 2}`)];
    const taken = await this.store.existingIds(candidates);
    const free = candidates.find((c) => !taken.has(c));
    if (!free) throw badInput('input.id', 'no free id derived from the name; give one');
    return free;
  }
}

/** GraphQL gives absent optional fields as undefined or null; the schema treats both as absent. */
function stripNulls<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}
