// `npm run export -- FILE [--format ndjson|json]`: writes the configured store's graph as a graph
// file (NDJSON for .ndjson/.jsonl names, else a JSON document, unless --format says otherwise),
// which `npm run import` reads back into an identical graph.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { exportGraphFile } from '../graph-file/export-graph-file';
import type { GraphFileFormat } from '../graph-file/graph-file-stream';
import { formatForFile } from '../graph-file/graph-file-writer';
import { createGraphStore } from '../graph/graph-store.factory';

const USAGE = 'usage: npm run export -- FILE [--format ndjson|json]';

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { file: string; format: GraphFileFormat } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  const format = values.format ?? formatForFile(file);
  if (format !== 'ndjson' && format !== 'json') {
    throw new UsageError(`--format must be ndjson or json\n${USAGE}`);
  }
  return { file, format };
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const store = createGraphStore(loadConfig(), {
    log: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  await store.init();
  try {
    const r = await exportGraphFile(store, args.file, args.format);
    process.stdout.write(
      `exported ${r.organizations} organisations, ${r.relationships} relationships, ${r.places} ` +
        `places to ${args.file} (${args.format}) in ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(e instanceof UsageError ? `${message}\n` : `export failed: ${message}\n`);
  process.exitCode = 1;
});
