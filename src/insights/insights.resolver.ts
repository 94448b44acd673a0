import { Args, Context, Int, Query, ResolveField, Resolver, Parent } from '@nestjs/graphql';
import type { GqlContext } from '../common/graphql/context';
import { Sector } from '../organizations/models/organization.model';
import { InsightsService } from './insights.service';
import { Allow, EVERYONE } from '../auth/policy';
import { Connector, EcosystemStats } from './models/ecosystem-stats.model';

@Resolver(() => EcosystemStats)
export class InsightsResolver {
  constructor(private readonly insights: InsightsService) {}

  @Allow({ roles: EVERYONE })
  @Query(() => [Sector], { description: 'Every sector, by name, with its organisation count.' })
  sectors() {
    return this.insights.sectors();
  }

  @Allow({ roles: EVERYONE })
  @Query(() => EcosystemStats, { description: 'Counts by kind and sector, top connectors.' })
  async ecosystemStats(
    @Args('topConnectors', { type: () => Int, defaultValue: 10 }) topConnectors: number,
  ): Promise<
    Omit<EcosystemStats, 'topConnectors'> & { topConnectors: Omit<Connector, 'organization'>[] }
  > {
    const s = await this.insights.stats(topConnectors);
    return {
      organizationCount: s.organizationCount,
      relationshipCount: s.relationshipCount,
      byKind: s.byKind,
      bySector: s.bySector.map((sector) => ({ sector, count: sector.organizationCount })),
      topConnectors: s.topConnectors.map((c) => ({ organizationId: c.id, degree: c.degree })),
    };
  }
}

@Resolver(() => Connector)
export class ConnectorResolver {
  @ResolveField()
  organization(@Parent() c: Connector, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(c.organizationId);
  }
}
