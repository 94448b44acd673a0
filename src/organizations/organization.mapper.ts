import type { Relationship as RelationshipRecord } from '../graph/graph.types';
import { Relationship } from './models/organization.model';

export const toRelationshipModel = (r: RelationshipRecord): Relationship => ({
  type: r.type,
  fromId: r.from,
  toId: r.to,
  since: r.since,
  description: r.description,
  source: r.source,
});
