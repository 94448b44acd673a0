// `npm run import -- FILE [--strict] [--batch 5000]`: streams a graph file (NDJSON or a JSON
// document) into the configured store. Bad records go to stderr with their line and are skipped;
// --strict validates everything first and writes nothing when any record is bad (exit code 1).
// The summary is the only stdout line, so scripts can parse it.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { importGraphFile, ImportResult } from '../graph-file/import-graph-file';
import { createGraphStore } from '../graph/graph-store.factory';
import { createProgressReporter } from './import-progress';

const USAGE =
  'usage: npm run import -- FILE [--strict] [--batch 5000]\n' +
  '  --strict     validate the whole file first; write nothing if any record is bad\n' +
  '  --batch N    organisations per transaction (relationships: 4 × N); default 5000';
/** Relationships are small next to organisations: a batch holds this many times more of them. */
const RELATIONSHIPS_PER_ORGANIZATION_SLOT = 4;

class UsageError extends Error {}

function parseCommandLine(argv: string[]): {
  file: string;
  strict: boolean;
  batch: number | undefined;
} {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { strict: { type: 'boolean', default: false }, batch: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  let batch: number | undefined;
  if (values.batch !== undefined) {
    batch = Number(values.batch);
    if (!Number.isInteger(batch) || batch < 1)
      throw new UsageError(`--batch must be a positive integer\n${USAGE}`);
  }
  return { file, strict: values.strict, batch };
}

function summaryLine(r: ImportResult): string {
  const seconds = r.elapsedMs / 1000;
  return (
    `imported ${r.organizations} organisations, ${r.relationships} relationships, ${r.places} places ` +
    `in ${seconds.toFixed(1)} s (${r.rowsPerSecond} rows/s); ${r.bad} bad records skipped`
  );
}

async function main(): Promise<number> {
  const args = parseCommandLine(process.argv.slice(2));
  const config = loadConfig();
  const store = createGraphStore(config, {
    log: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  await store.init();
  const reporter = createProgressReporter();
  // Ctrl-C stops after the batch in flight (each batch is a transaction); a second one kills.
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  try {
    const result = await importGraphFile(
      store,
      args.file,
      {
        strict: args.strict,
        batchOrganizations: args.batch,
        batchRelationships:
          args.batch === undefined ? undefined : args.batch * RELATIONSHIPS_PER_ORGANIZATION_SLOT,
        signal: abort.signal,
        onBadRecord: (bad) => reporter.log(`line ${bad.line}: ${bad.message}`),
      },
      (progress) => reporter.update(progress),
    );
    reporter.stop();
    if (result.refused) {
      process.stderr.write(
        `import refused (--strict): ${result.bad} bad records in ${args.file}; nothing was written\n`,
      );
      return 1;
    }
    process.stdout.write(`${summaryLine(result)}\n`);
    return 0;
  } catch (e) {
    reporter.stop();
    process.stderr.write(
      `import of ${args.file} failed: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(e instanceof UsageError ? `${message}\n` : `import failed: ${message}\n`);
    process.exitCode = 1;
  },
);
