// Relationship use cases: validation (self-relationships, lengths) and calls to the port.
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error';
import { parseRelationship } from '../graph-file/graph-file';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';
import type { Relationship, RelationshipType } from '../graph/graph.types';

@Injectable()
export class RelationshipsService {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  connect(input: {
    fromId: string;
    toId: string;
    type: RelationshipType;
    since?: number | null;
    description?: string | null;
    source?: string | null;
  }): Promise<Relationship> {
    const rel = parseRelationship(
      {
        from: input.fromId,
        to: input.toId,
        type: input.type,
        since: input.since,
        description: input.description,
        source: input.source,
      },
      'input',
    );
    return this.store.connect(rel);
  }

  /** NOT_FOUND for an unknown organisation; false when they had no such relationship. */
  async disconnect(fromId: string, toId: string, type: RelationshipType): Promise<boolean> {
    const existing = await this.store.existingIds([fromId, toId]);
    if (!existing.has(fromId)) throw notFound('organization', fromId, 'fromId');
    if (!existing.has(toId)) throw notFound('organization', toId, 'toId');
    return this.store.disconnect({ from: fromId, to: toId, type });
  }
}
