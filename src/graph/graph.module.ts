// Provides the configured GraphStore: opened (and migrated) at boot, seeded when empty and
// SEED_ON_EMPTY holds, closed at shutdown.
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { createGraphStore } from './graph-store.factory';
import { GRAPH_STORE, GraphStore } from './graph-store.port';
import { loadSeed } from './seed/seed-loader';
import { MetricsService } from '../observability/metrics.service';
import { DomainError } from '../common/errors/domain-error';

/** Counts failed store calls by method and error code, for /metrics. */
export function instrument(store: GraphStore, metrics: MetricsService): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise) {
          return out.catch((e: unknown) => {
            metrics.storeErrors.inc({
              store: target.kind,
              method: prop,
              code: e instanceof DomainError ? e.code : 'INTERNAL',
            });
            throw e;
          });
        }
        return out;
      };
    },
  });
}

const logger = new Logger('GraphStore');

/** Opens the configured store; an empty store gets the seed graph when SEED_ON_EMPTY holds. */
export async function openGraphStore(config: AppConfig): Promise<GraphStore> {
  const store = createGraphStore(config, {
    log: (m) => logger.log(m),
    warn: (m) => logger.warn(m),
  });
  await store.init();
  const seed = async (): Promise<void> => {
    if (!config.seedOnEmpty || !(await store.isEmpty())) return;
    const result = await loadSeed(store, config.seedFile);
    logger.log(
      `Loaded the seed graph (${result.organizations} organisations, ${result.relationships} relationships) into the ${store.kind} store`,
    );
  };
  if ((await store.health()).ok) {
    await seed();
  } else {
    // Neo4j was down at start: serve (as not ready) and seed once it is reachable.
    logger.warn(
      `The ${store.kind} store is not reachable yet; serving as not ready while it reconnects`,
    );
    void store
      .whenReady()
      .then(seed)
      .catch((e: unknown) =>
        logger.error(`Seeding failed: ${e instanceof Error ? e.message : String(e)}`),
      );
  }
  logger.log(`Using the ${store.kind} graph store`);
  return store;
}

@Global()
@Module({
  providers: [
    {
      provide: GRAPH_STORE,
      inject: [APP_CONFIG, MetricsService],
      useFactory: async (config: AppConfig, metrics: MetricsService) =>
        instrument(await openGraphStore(config), metrics),
    },
  ],
  exports: [GRAPH_STORE],
})
export class GraphModule implements OnApplicationShutdown {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
