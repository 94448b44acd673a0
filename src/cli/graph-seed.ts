// `npm run graph:seed`: loads graph-seed/seed.json into the configured store, idempotently
// (organisations replaced whole, relationships merged), e.g. into Neo4j after `docker compose up`.
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/config';
import { createGraphStore } from '../graph/graph-store.factory';
import { loadSeed } from '../graph/seed/seed-loader';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('graph:seed');
  const store = createGraphStore(config, {
    log: (m) => logger.log(m),
    warn: (m) => logger.warn(m),
  });
  await store.init();
  try {
    const file = process.argv[2] ?? config.seedFile;
    const result = await loadSeed(store, file);
    logger.log(
      `Seeded the ${store.kind} store from ${file}: ${result.organizations} organisations, ${result.relationships} relationships, ${result.places} places`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  // eslint-disable-next-line no-console
  console.error(`graph:seed failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
