// Provides the configured GraphStore: opened (and migrated) at boot, seeded when empty and
// SEED_ON_EMPTY holds, closed at shutdown.
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { createGraphStore } from './graph-store.factory';
import { GRAPH_STORE, GraphStore } from './graph-store.port';
import { loadSeed } from './seed/seed-loader';

const logger = new Logger('GraphStore');

/** Opens the configured store; an empty store gets the seed graph when SEED_ON_EMPTY holds. */
export async function openGraphStore(config: AppConfig): Promise<GraphStore> {
  const store = createGraphStore(config, {
    log: (m) => logger.log(m),
    warn: (m) => logger.warn(m),
  });
  await store.init();
  if (config.seedOnEmpty && (await store.isEmpty())) {
    const result = await loadSeed(store, config.seedFile);
    logger.log(
      `Loaded the seed graph (${result.organizations} organisations, ${result.relationships} relationships) into the ${store.kind} store`,
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
      inject: [APP_CONFIG],
      useFactory: openGraphStore,
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
