// `npm run graph:migrate`: applies the pending schema migrations (graph-seed/migrations) to the
// Neo4j database named by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, and says what
// it did. The API applies the same migrations at start; this is for deploy pipelines and operators.
import { ConfigError, loadConfig } from '../config/config';
import { migrateDatabase } from '../graph/neo4j/migrations';

async function main(): Promise<void> {
  const config = loadConfig();
  const { uri, user, password, database } = config.neo4j;
  if (!process.env.NEO4J_URI) {
    throw new ConfigError(['NEO4J_URI: is required to run migrations']);
  }
  if (!password) {
    throw new ConfigError(['NEO4J_PASSWORD: is required to run migrations']);
  }
  process.stdout.write(`Migrating ${uri} (database "${database}")\n`);
  const report = await migrateDatabase({ uri, user, password, database }, undefined, (m) =>
    process.stdout.write(`  ${m}\n`),
  );
  if (report.applied.length === 0) {
    process.stdout.write(
      `Up to date: ${report.alreadyApplied.length} migrations already applied.\n`,
    );
  } else {
    process.stdout.write(
      `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}` +
        ` (${report.alreadyApplied.length} already applied).\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `graph:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
