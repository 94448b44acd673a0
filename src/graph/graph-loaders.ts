// Per-request DataLoaders over the GraphStore port: nested fields of a page of organisations cost
// one store call per kind of field, not one per organisation.
import DataLoader from 'dataloader';
import type { GraphStore } from './graph-store.port';
import type {
  OrganizationProfile,
  PlaceNode,
  PrivateDetails,
  Relationship,
  RelationshipType,
} from './graph.types';

export class GraphLoaders {
  readonly organization: DataLoader<string, OrganizationProfile | null>;
  readonly sectorCount: DataLoader<string, number>;
  readonly place: DataLoader<string, PlaceNode | null>;
  readonly privateDetails: DataLoader<string, PrivateDetails | null>;
  private readonly relationshipLoaders = new Map<string, DataLoader<string, Relationship[]>>();

  constructor(private readonly store: GraphStore) {
    this.organization = new DataLoader(async (ids) => {
      const found = await store.getOrganizations(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    this.sectorCount = new DataLoader(async (ids) => {
      const counts = await store.sectorCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
    this.privateDetails = new DataLoader(async (ids) => {
      const found = await store.getPrivateDetails(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    this.place = new DataLoader(async (ids) => {
      const found = await store.getPlaces(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** Relationships touching an organisation, batched per relationship type filter. */
  relationshipsOf(id: string, type: RelationshipType | null): Promise<Relationship[]> {
    const key = type ?? '*';
    let loader = this.relationshipLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.store.relationshipsOf(ids, type);
        return ids.map((i) => found.get(i) ?? []);
      });
      this.relationshipLoaders.set(key, loader);
    }
    return loader.load(id);
  }

  /** Seeds the organisation cache with profiles a query already fetched. */
  prime(profiles: readonly OrganizationProfile[]): void {
    for (const p of profiles) this.organization.prime(p.id, p);
  }
}
