// `npm run generate:projects -- --orgs 8000 --seed 1 --out FILE.ndjson --holdout-out FILE.csv [--partner-offers] [--projects-per-org 0.9]`
//
// Writes a project-based collaboration graph (bench/lib/projects-graph.ts) and its held-out pairs
// (those first formed in the last 15 % of projects), the same for the same seed: a second,
// differently made graph for `npm run eval`.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { projectsGraph } from './lib/projects-graph';

const USAGE =
  'usage: npm run generate:projects -- --orgs 8000 --seed 1 --out FILE.ndjson --holdout-out FILE.csv [--partner-offers] [--projects-per-org 0.9]';

async function write(file: string, lines: Iterable<string>): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  for (const line of lines) {
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: '8000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'holdout-out': { type: 'string' },
      'partner-offers': { type: 'boolean', default: false },
      'projects-per-org': { type: 'string', default: '0.9' },
    },
  });
  const orgs = Number(values.orgs);
  const seed = Number(values.seed);
  if (!Number.isInteger(orgs) || orgs < 10 || !Number.isInteger(seed) || !values.out) {
    throw new Error(USAGE);
  }
  const projectsPerOrganization = Number(values['projects-per-org']);
  if (!(projectsPerOrganization > 0)) throw new Error(USAGE);
  const holdoutOut = values['holdout-out'];
  if (!holdoutOut) throw new Error(USAGE);
  const g = projectsGraph(orgs, seed, {
    partnerOffers: values['partner-offers'],
    projectsPerOrganization,
  });
  await write(
    values.out,
    g.records.map((r) => `${JSON.stringify(r)}\n`),
  );
  await write(holdoutOut, ['from,to\n', ...g.holdout.map(([a, b]) => `${a},${b}\n`)]);
  console.log(
    `${g.stats.organizations} organisations, ${g.stats.projects} projects, ${g.stats.relationships} relationships, ${g.stats.holdout} held-out pairs`,
  );
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(2);
});
