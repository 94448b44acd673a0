// `npm run generate -- --orgs N --seed S --out FILE [--holdout 0.1 --holdout-out FILE.csv]
// [--rels-per-org 10]`: writes a synthetic ecosystem with the statistics of a real one as NDJSON,
// the same for the same seed; with --holdout, a fraction of relationships goes to a CSV instead,
// for link-prediction evaluation. Statistics go to stderr, the summary line to stdout.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_RELS_PER_ORG, generateEcosystem } from '../generator/ecosystem';
import { degrees } from '../generator/relationships';
import { writeEcosystem } from '../generator/write-ecosystem';

const USAGE =
  'usage: npm run generate -- --orgs N --seed S --out FILE [--holdout 0.1 --holdout-out FILE.csv] [--rels-per-org 10]';

class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${USAGE}`);
  }
}

interface Args {
  orgs: number;
  seed: number;
  out: string;
  holdout: number;
  holdoutOut: string | null;
  relsPerOrg: number;
}

function numberOption(value: string | undefined, name: string, fallback: number | null): number {
  if (value === undefined) {
    if (fallback === null) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

function parseCommandLine(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      orgs: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      holdout: { type: 'string' },
      'holdout-out': { type: 'string' },
      'rels-per-org': { type: 'string' },
    },
  });
  const orgs = numberOption(values.orgs, 'orgs', null);
  if (!Number.isInteger(orgs) || orgs < 1)
    throw new UsageError('--orgs must be a positive integer');
  const seed = numberOption(values.seed, 'seed', null);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  if (!values.out) throw new UsageError('--out is required');
  const holdout = numberOption(values.holdout, 'holdout', 0);
  if (holdout < 0 || holdout >= 1) throw new UsageError('--holdout must be in [0, 1)');
  const holdoutOut = values['holdout-out'] ?? null;
  if (holdout > 0 && !holdoutOut) throw new UsageError('--holdout needs --holdout-out FILE.csv');
  const relsPerOrg = numberOption(values['rels-per-org'], 'rels-per-org', DEFAULT_RELS_PER_ORG);
  if (relsPerOrg < 0) throw new UsageError('--rels-per-org must be ≥ 0');
  return { orgs, seed, out: values.out, holdout, holdoutOut, relsPerOrg };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const started = Date.now();
  const eco = generateEcosystem({
    organizations: args.orgs,
    seed: args.seed,
    relsPerOrg: args.relsPerOrg,
    holdout: args.holdout,
  });
  const generatedMs = Date.now() - started;
  const written = await writeEcosystem(eco, args.out, args.holdout > 0 ? args.holdoutOut : null);
  const totalMs = Date.now() - started;

  const deg = Array.from(degrees(eco.edges, args.orgs, eco.heldOut)).sort((a, b) => a - b);
  const at = (q: number): number => deg[Math.min(deg.length - 1, Math.floor(q * deg.length))] ?? 0;
  process.stderr.write(
    `degrees: median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${deg[deg.length - 1] ?? 0}; ` +
      `generation ${seconds(generatedMs)} s, writing ${seconds(totalMs - generatedMs)} s\n`,
  );
  const mb = (statSync(args.out).size / 1e6).toFixed(1);
  process.stdout.write(
    `generated ${written.organizations} organisations, ${written.relationships} relationships, ` +
      `${written.places} places (${mb} MB) to ${args.out}` +
      (args.holdoutOut && args.holdout > 0
        ? `; ${written.heldOut} held-out pairs to ${args.holdoutOut}`
        : '') +
      ` in ${seconds(totalMs)} s\n`,
  );
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(e instanceof UsageError ? `${message}\n` : `generate failed: ${message}\n`);
  process.exitCode = 1;
});
