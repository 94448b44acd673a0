// `npm run tune -- [--orgs 10000] [--holdout 0.1] [--validation-seed 101] [--test-seed 202]
//   [--sample 1000] [--test-sample 1000] [--k 10] [--rounds 2] [--refine-rounds 1] [--out FILE]`
//
// Chooses the signal weights and the candidate channel cap from offline evaluation: a coordinate
// search on a generated validation graph (held-out relationships, one seed) maximising Hits@k
// (ties: NDCG@k, then MRR@k), then one evaluation of the defaults and of the choice on a test
// graph generated with another seed, next to the baselines. Writes bench/results/tuning-*.md and
// .json with the command. It never edits the defaults: it recommends values and shows why.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { GraphStore } from '../src/graph/graph-store.port';
import type { CandidateChannels, CandidateQuery } from '../src/graph/match-graph.types';
import {
  SIGNAL_KINDS,
  type SignalKind,
  type SignalWeights,
} from '../src/matching/core/match.types';
import { DEFAULT_WEIGHTS } from '../src/matching/core/weights';
import { DEFAULT_LIMITS } from '../src/matching/matching.config';
import { MatchingService } from '../src/matching/matching.service';
import { methodsTable } from './eval';
import type { LinkGraph } from './lib/baselines';
import {
  ENGINE,
  engineRanker,
  evaluateBaselines,
  evaluateEngine,
  type MethodResult,
} from './lib/evaluate';
import { ensureGraph } from './lib/graphs';
import { type HoldoutPairs, indexHoldout, readHoldoutCsv, sampleIds } from './lib/holdout';
import { describeMachine, machineLine } from './lib/machine';
import { pairedDifference } from './lib/metrics';
import {
  commandLine,
  fixed,
  log,
  markdownTable,
  RESULTS_DIR,
  stamp,
  writeResults,
} from './lib/report';
import { importIntoTemporaryStore, readLinkGraph, type TemporaryStore } from './lib/store-graph';

const WEIGHT_GRID = [0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8];
const CAP_GRID = [20, 40, 60, 100, 150, 200];
const REFINE_FACTORS = [0.5, 0.75, 1.25, 1.5, 2];
const WARM_UP_QUERIES = 20;

interface Args {
  orgs: number;
  holdout: number;
  validationSeed: number;
  testSeed: number;
  sample: number;
  testSample: number;
  k: number;
  rounds: number;
  refineRounds: number;
  out: string;
}

function parseCommandLine(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      orgs: { type: 'string' },
      holdout: { type: 'string' },
      'validation-seed': { type: 'string' },
      'test-seed': { type: 'string' },
      sample: { type: 'string' },
      'test-sample': { type: 'string' },
      k: { type: 'string' },
      rounds: { type: 'string' },
      'refine-rounds': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const int = (v: string | undefined, name: string, fallback: number, min = 1): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  const holdout = values.holdout === undefined ? 0.1 : Number(values.holdout);
  if (!(holdout > 0 && holdout < 1)) throw new Error('--holdout must be in (0, 1)');
  const args: Args = {
    orgs: int(values.orgs, 'orgs', 10_000, 100),
    holdout,
    validationSeed: int(values['validation-seed'], 'validation-seed', 101, 0),
    testSeed: int(values['test-seed'], 'test-seed', 202, 0),
    sample: int(values.sample, 'sample', 1000),
    testSample: int(values['test-sample'], 'test-sample', 1000),
    k: int(values.k, 'k', 10),
    rounds: int(values.rounds, 'rounds', 2),
    refineRounds: int(values['refine-rounds'], 'refine-rounds', 1, 0),
    out: values.out ?? join(RESULTS_DIR, `tuning-${stamp()}`),
  };
  if (args.validationSeed === args.testSeed)
    throw new Error('--validation-seed and --test-seed must differ');
  return args;
}

/**
 * Candidate channels depend on the source, the filter and the caps, never on the signal weights,
 * and the store does not change during tuning: each distinct query is computed once.
 */
function memoiseCandidates(store: GraphStore): GraphStore {
  const memo = new Map<string, Promise<CandidateChannels>>();
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'matchCandidates') {
        return (q: CandidateQuery) => {
          const key = JSON.stringify(q);
          let hit = memo.get(key);
          if (!hit) memo.set(key, (hit = target.matchCandidates(q)));
          return hit;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** One generated graph with its held-out pairs, imported, with its sample of sources. */
interface Split {
  name: string;
  seed: number;
  tmp: TemporaryStore;
  store: GraphStore;
  graph: LinkGraph;
  holdout: HoldoutPairs;
  sources: string[];
  warmUp: string[];
  eligible: number;
  /** One service per channel cap, so its analysis cache stays warm across weight trials. */
  services: Map<number, MatchingService>;
}

async function loadSplit(name: string, args: Args, seed: number, sample: number): Promise<Split> {
  const files = await ensureGraph({ organizations: args.orgs, seed, holdout: args.holdout });
  log(
    `${name}: ${files.generated ? `generated in ${files.seconds.toFixed(1)} s` : 'reusing'} ${files.graph}`,
  );
  const tmp = await importIntoTemporaryStore(files.graph);
  const graph = await readLinkGraph(tmp.store);
  const holdout = indexHoldout(await readHoldoutCsv(files.holdout as string), graph);
  const sources = sampleIds(holdout.partners.keys(), sample, seed);
  const chosen = new Set(sources);
  const warmUp = sampleIds(
    graph.ids.filter((id) => !chosen.has(id)),
    WARM_UP_QUERIES,
    seed + 1,
  );
  log(
    `${name}: ${tmp.imported.organizations} organisations, ${tmp.imported.relationships} relationships, ${holdout.pairs} held-out pairs, ${sources.length} sources`,
  );
  return {
    name,
    seed,
    tmp,
    store: memoiseCandidates(tmp.store),
    graph,
    holdout,
    sources,
    warmUp,
    eligible: holdout.partners.size,
    services: new Map(),
  };
}

interface Config {
  weights: SignalWeights;
  channelCap: number;
}

interface Trial extends Config {
  step: string;
  hits: number;
  ndcg: number;
  mrr: number;
  recall: number;
}

/** Lexicographic: Hits@k, then NDCG@k, then MRR@k. */
const better = (a: Trial, b: Trial): boolean =>
  a.hits !== b.hits ? a.hits > b.hits : a.ndcg !== b.ndcg ? a.ndcg > b.ndcg : a.mrr > b.mrr;

const weightList = (w: SignalWeights) => SIGNAL_KINDS.map((kind) => ({ kind, weight: w[kind] }));

/** Engine metrics for one configuration; weights go per query, the cap per service instance. */
async function evaluateConfig(
  split: Split,
  config: Config,
  k: number,
  label = ENGINE,
): Promise<MethodResult> {
  let matching = split.services.get(config.channelCap);
  if (!matching)
    split.services.set(
      config.channelCap,
      (matching = new MatchingService(split.store, undefined, {
        limits: { channelCap: config.channelCap },
        learnWeights: false, // tuning the defaults themselves
      })),
    );
  const ranker = engineRanker(matching, weightList(config.weights));
  return evaluateEngine(
    ranker,
    { sources: split.sources, holdout: split.holdout.partners, k },
    { warmUp: split.warmUp, label },
  );
}

async function coordinateSearch(
  split: Split,
  args: Args,
): Promise<{ best: Trial; trials: Trial[] }> {
  const trials: Trial[] = [];
  const seen = new Map<string, Trial>();
  const run = async (config: Config, step: string): Promise<Trial> => {
    const key = JSON.stringify([
      SIGNAL_KINDS.map((kind) => config.weights[kind]),
      config.channelCap,
    ]);
    const cached = seen.get(key);
    if (cached) return cached;
    const r = await evaluateConfig(split, config, args.k);
    const trial: Trial = {
      ...config,
      weights: { ...config.weights },
      step,
      hits: r.hits.mean,
      ndcg: r.ndcg.mean,
      mrr: r.mrr.mean,
      recall: r.recall.mean,
    };
    trials.push(trial);
    seen.set(key, trial);
    log(
      `  ${step.padEnd(28)} Hits@${args.k} ${fixed(trial.hits, 3)}  NDCG ${fixed(trial.ndcg, 3)}  (${fixed(r.msPerQuery, 1)} ms/query)`,
    );
    return trial;
  };
  let best = await run(
    { weights: { ...DEFAULT_WEIGHTS }, channelCap: DEFAULT_LIMITS.channelCap },
    'defaults',
  );
  for (let round = 1; round <= args.rounds; round++) {
    const before = best;
    for (const kind of SIGNAL_KINDS) {
      for (const value of WEIGHT_GRID) {
        const weights = { ...best.weights, [kind]: value };
        if (SIGNAL_KINDS.every((k) => weights[k] === 0)) continue;
        const t = await run(
          { weights, channelCap: best.channelCap },
          `round ${round}: ${kind} ${value}`,
        );
        if (better(t, best)) best = t;
      }
    }
    for (const cap of CAP_GRID) {
      const t = await run(
        { weights: best.weights, channelCap: cap },
        `round ${round}: channel cap ${cap}`,
      );
      if (better(t, best)) best = t;
    }
    if (best === before) break; // a full round without a change: a local optimum on the grid
  }
  // Refinement: the coarse grid is absolute, so near a dominant weight its steps are large.
  // Multiplicative steps around the best value (and small values where it is 0) look closer.
  for (let round = 1; round <= args.refineRounds; round++) {
    const before = best;
    for (const kind of SIGNAL_KINDS) {
      const w = best.weights[kind];
      const values = w === 0 ? [0.01, 0.025] : REFINE_FACTORS.map((f) => round3(w * f));
      for (const value of [...new Set([0, ...values])]) {
        const weights = { ...best.weights, [kind]: value };
        if (SIGNAL_KINDS.every((k) => weights[k] === 0)) continue;
        const t = await run(
          { weights, channelCap: best.channelCap },
          `refine ${round}: ${kind} ${value}`,
        );
        if (better(t, best)) best = t;
      }
    }
    if (best === before) break;
  }
  return { best, trials };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Weights summing to 1, rounded to 2 decimals (the score only depends on their ratios). */
function normalise(w: SignalWeights): SignalWeights {
  const total = SIGNAL_KINDS.reduce((s, k) => s + w[k], 0);
  const out = { ...w };
  for (const k of SIGNAL_KINDS) out[k] = Math.round((100 * w[k]) / total) / 100;
  return out;
}

const weightsText = (w: SignalWeights) =>
  SIGNAL_KINDS.map((k: SignalKind) => `${k} ${w[k]}`).join(', ');

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const command = commandLine('tune');
  const validation = await loadSplit('validation', args, args.validationSeed, args.sample);
  let search: Awaited<ReturnType<typeof coordinateSearch>>;
  const solo: { kind: SignalKind; hits: number; ndcg: number; mrr: number }[] = [];
  try {
    log(
      `coordinate search on the validation graph (${validation.sources.length} sources, k = ${args.k})`,
    );
    search = await coordinateSearch(validation, args);
    log('each signal alone on the validation graph');
    for (const kind of SIGNAL_KINDS) {
      const weights = Object.fromEntries(
        SIGNAL_KINDS.map((k) => [k, k === kind ? 1 : 0]),
      ) as SignalWeights;
      const r = await evaluateConfig(
        validation,
        { weights, channelCap: search.best.channelCap },
        args.k,
      );
      solo.push({ kind, hits: r.hits.mean, ndcg: r.ndcg.mean, mrr: r.mrr.mean });
    }
  } finally {
    await validation.tmp.dispose();
  }
  const recommended: Config = {
    weights: normalise(search.best.weights),
    channelCap: search.best.channelCap,
  };
  log(`chosen: ${weightsText(recommended.weights)}; channel cap ${recommended.channelCap}`);

  const test = await loadSplit('test', args, args.testSeed, args.testSample);
  let methods: MethodResult[];
  try {
    log(`test graph: defaults, recommended and baselines on ${test.sources.length} sources`);
    const defaults = await evaluateConfig(
      test,
      { weights: { ...DEFAULT_WEIGHTS }, channelCap: DEFAULT_LIMITS.channelCap },
      args.k,
      'engine (defaults)',
    );
    const tuned = await evaluateConfig(test, recommended, args.k, 'engine (recommended)');
    const baselines = evaluateBaselines(
      test.graph,
      { sources: test.sources, holdout: test.holdout.partners, k: args.k },
      args.testSeed,
    );
    methods = [defaults, tuned, ...baselines];
  } finally {
    await test.tmp.dispose();
  }
  const [defaults, tuned] = methods as [MethodResult, MethodResult];
  const aa = methods.find((m) => m.method === 'adamic-adar') as MethodResult;
  const hitsOf = (m: MethodResult) => m.perSource.map((s) => s.hits);
  const vsAa = pairedDifference(hitsOf(tuned), hitsOf(aa));
  const vsDefaults = pairedDifference(hitsOf(tuned), hitsOf(defaults));
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${fixed(x, 3)}`;

  const markdown = [
    `## Tuning: weights and channel cap`,
    '',
    `Validation: generated graph of ${args.orgs.toLocaleString('en-GB')} organisations, seed ${args.validationSeed}, ${args.holdout} of relationships held out; ` +
      `${validation.sources.length} sources (of ${validation.eligible} with a held-out partner). ` +
      `Test: another graph of the same size, seed ${args.testSeed}; ${test.sources.length} sources (of ${test.eligible}). k = ${args.k}.`,
    '',
    `Search: coordinate ascent from the defaults over each weight in {${WEIGHT_GRID.join(', ')}} and the channel cap in {${CAP_GRID.join(', ')}}, ` +
      `at most ${args.rounds} rounds, then at most ${args.refineRounds} refinement rounds (each weight × {${REFINE_FACTORS.join(', ')}}, or 0.01 / 0.025 when 0), ` +
      `maximising validation Hits@${args.k} (ties: NDCG@${args.k}, MRR@${args.k}); ${search.trials.length} configurations evaluated.`,
    '',
    `**Recommended** (weights normalised to sum 1): ${weightsText(recommended.weights)}; channelCap ${recommended.channelCap}.`,
    `Current defaults: ${weightsText(DEFAULT_WEIGHTS)}; channelCap ${DEFAULT_LIMITS.channelCap}.`,
    '',
    `### Test graph (seed ${args.testSeed}), never seen by the search`,
    '',
    methodsTable(methods, args.k),
    '',
    `Recommended − Adamic–Adar, paired over the same sources: Hits@${args.k} ${signed(vsAa.mean)} ± ${fixed(vsAa.ci95, 3)} (95 %). ` +
      `Recommended − defaults: ${signed(vsDefaults.mean)} ± ${fixed(vsDefaults.ci95, 3)}.`,
    '',
    `### Each signal alone (validation graph, channel cap ${search.best.channelCap})`,
    '',
    markdownTable(
      ['signal', `Hits@${args.k}`, `NDCG@${args.k}`, `MRR@${args.k}`],
      solo.map((x) => [x.kind, fixed(x.hits, 3), fixed(x.ndcg, 3), fixed(x.mrr, 3)]),
    ),
    '',
    `### Validation trajectory (seed ${args.validationSeed})`,
    '',
    markdownTable(
      ['step', ...SIGNAL_KINDS, 'cap', `Hits@${args.k}`, `NDCG@${args.k}`, `MRR@${args.k}`],
      search.trials.map((t) => [
        t.step,
        ...SIGNAL_KINDS.map((k) => t.weights[k]),
        t.channelCap,
        fixed(t.hits, 3),
        fixed(t.ndcg, 3),
        fixed(t.mrr, 3),
      ]),
    ),
    '',
    `Machine: ${machineLine(machine)}. Whole run ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
    '',
    `Command: \`${command}\``,
  ].join('\n');
  const json = {
    command,
    machine,
    args,
    grids: { weights: WEIGHT_GRID, channelCap: CAP_GRID },
    recommended,
    defaults: { weights: DEFAULT_WEIGHTS, channelCap: DEFAULT_LIMITS.channelCap },
    validationBest: search.best,
    soloSignals: solo,
    test: {
      methods: methods.map(({ perSource: _drop, ...rest }) => rest),
      recommendedVsAdamicAdarHits: vsAa,
      recommendedVsDefaultsHits: vsDefaults,
    },
    trials: search.trials,
  };
  const paths = writeResults(args.out, markdown, json);
  process.stdout.write(`${markdown}\n`);
  log(`wrote ${paths.md} and ${paths.json}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`tune failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
