// Liveness and readiness (@nestjs/terminus). Ready means the store answers and its migrations
// are applied; while Neo4j is unreachable the process stays up and says "not ready".
import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(GRAPH_STORE) private readonly store: GraphStore,
  ) {}

  /** The process is up and serving HTTP. */
  @Get(['', 'live'])
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** The store is reachable and migrated: ready for traffic. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const session = this.indicator.check('store');
        const h = await this.store.health().catch((e: unknown) => ({
          ok: false,
          detail: e instanceof Error ? e.message : 'unreachable',
        }));
        return h.ok
          ? session.up({ kind: this.store.kind, detail: h.detail })
          : session.down({ kind: this.store.kind, detail: h.detail });
      },
    ]);
  }
}
