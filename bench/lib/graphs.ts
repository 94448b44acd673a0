// Generated graphs for the benchmark, evaluation and tuning, cached by their parameters: the
// generator is deterministic, so a file with the same name is the same graph.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { generateEcosystem } from '../../src/generator/ecosystem';
import { writeEcosystem } from '../../src/generator/write-ecosystem';

/** Git-ignored. */
export const DEFAULT_GRAPH_DIR = join(__dirname, '..', '.work');

export interface GraphSpec {
  organizations: number;
  seed: number;
  /** Fraction of relationships held out to a CSV (0: none). */
  holdout?: number;
  dir?: string;
}

export interface GeneratedGraph {
  graph: string;
  holdout: string | null;
  /** False when the files were already there. */
  generated: boolean;
  seconds: number;
}

export async function ensureGraph(spec: GraphSpec): Promise<GeneratedGraph> {
  const dir = spec.dir ?? DEFAULT_GRAPH_DIR;
  mkdirSync(dir, { recursive: true });
  const fraction = spec.holdout ?? 0;
  const base = join(
    dir,
    `graph-${spec.organizations}-seed${spec.seed}${fraction > 0 ? `-holdout${fraction}` : ''}`,
  );
  const graph = `${base}.ndjson`;
  const holdout = fraction > 0 ? `${base}-holdout.csv` : null;
  if (existsSync(graph) && (!holdout || existsSync(holdout)))
    return { graph, holdout, generated: false, seconds: 0 };
  const started = Date.now();
  const eco = generateEcosystem({
    organizations: spec.organizations,
    seed: spec.seed,
    holdout: fraction,
  });
  // Written under temporary names and renamed, so an interrupted run never leaves a partial file.
  await writeEcosystem(eco, `${graph}.partial`, holdout ? `${holdout}.partial` : null);
  if (holdout) renameSync(`${holdout}.partial`, holdout);
  renameSync(`${graph}.partial`, graph);
  return { graph, holdout, generated: true, seconds: (Date.now() - started) / 1000 };
}
