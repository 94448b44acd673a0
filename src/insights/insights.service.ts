import { Inject, Injectable } from '@nestjs/common';
import { badInput } from '../common/errors/domain-error';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';
import type { EcosystemStatsRecord, SectorWithCount } from '../graph/graph.types';

@Injectable()
export class InsightsService {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  sectors(): Promise<SectorWithCount[]> {
    return this.store.listSectors();
  }

  stats(topConnectors: number): Promise<EcosystemStatsRecord> {
    if (!Number.isInteger(topConnectors) || topConnectors < 1 || topConnectors > 100) {
      throw badInput('topConnectors', 'must be between 1 and 100');
    }
    return this.store.stats(topConnectors);
  }
}
