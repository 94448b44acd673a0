// Organisation use cases: validation and normalisation of inputs (through the graph-file schema,
// which names the field at fault), id allocation, and calls to the GraphStore port.
import { Inject, Injectable } from '@nestjs/common';
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
} from '../graph/graph.types';

export interface FindOrganizationsArgs {
  search?: string | null;
  kinds?: OrganizationKind[] | null;
  sectorIds?: string[] | null;
  first: number;
  after?: string | null;
}

const clock = (): string => new Date().toISOString();

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

  async create(input: Record<string, unknown> & { id?: string | null; name?: unknown }): Promise<OrganizationProfile> {
    const now = clock();
    const id = input.id ?? (await this.freeIdFor(typeof input.name === 'string' ? input.name : ''));
    const org = parseOrganization({ ...stripNulls(input), id }, now, 'input');
    return this.store.createOrganization(org);
  }

  async update(id: string, input: Record<string, unknown>): Promise<OrganizationProfile> {
    const current = await this.require(id);
    const patch = parseOrganizationPatch(input, clock(), 'input', current.name);
    return this.store.updateOrganization(id, patch);
  }

  async delete(id: string): Promise<boolean> {
    if (!(await this.store.deleteOrganization(id))) throw notFound('organization', id, 'id');
    return true;
  }

  async upsertPlace(input: { name: string; kind?: PlaceKind | null; within?: string | null }): Promise<PlaceNode> {
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
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
