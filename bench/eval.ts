// `npm run eval -- --graph FILE --holdout FILE.csv [--sample 1000] [--k 10] [--seed 1] [--out FILE]`
// `npm run eval -- --graph graph-seed/seed.json --leave-one-out [--cites TEXT] [--k 10] [--out FILE]`
//
// Offline evaluation of the matching engine as link prediction. The graph is imported into a
// fresh temporary embedded store; with --holdout, sources with held-out partners are sampled and
// the engine's top k (existing partners excluded) is scored next to random, popularity, common
// neighbours and Adamic–Adar on the same graph and sample. With --leave-one-out, each relationship
// whose `source` contains --cites is removed (with any other relationship of the same pair),
// both ends are ranked, and it is restored. Markdown then JSON go to stdout; --out FILE writes
// FILE.md and FILE.json. --weights '{"NETWORK":0.3}', --channel-cap N (a fixed cap), --blend-keep N and
// --untyped-network (mutual connections not weighted by link type) and --fixed-link-types (link
// types weighted by the fixed table, not learned from the graph) and --fixed-weights (the weights
// as given, not fitted to the graph) evaluate other settings.
import { parseArgs } from 'node:util';
import type { Relationship } from '../src/graph/graph.types';
import { SIGNAL_KINDS, type SignalWeights } from '../src/matching/core/match.types';
import { DEFAULT_WEIGHTS } from '../src/matching/core/weights';
import type { PairStrength } from '../src/matching/core/link-strength';
import type { FitQuality, WeightFit } from '../src/matching/core/weight-fit';
import { DEFAULT_LIMITS, type MatchingOptions } from '../src/matching/matching.config';
import { MatchingService, MAX_SUGGESTIONS } from '../src/matching/matching.service';
import { Rng } from '../src/generator/prng';
import { BASELINES, rankBaseline } from './lib/baselines';
import {
  ENGINE,
  engineRanker,
  evaluateBaselines,
  evaluateEngine,
  type MethodResult,
} from './lib/evaluate';
import { indexHoldout, readHoldoutCsv, sampleIds } from './lib/holdout';
import { describeMachine, machineLine, type MachineDescription } from './lib/machine';
import { mean, pairedDifference, percentile } from './lib/metrics';
import { commandLine, fixed, log, markdownTable, toJson, writeResults } from './lib/report';
import { importIntoTemporaryStore, readLinkGraph } from './lib/store-graph';

const USAGE = `usage:
  npm run eval -- --graph FILE --holdout FILE.csv [--sample 1000] [--k 10] [--seed 1] [--out FILE]
  npm run eval -- --graph FILE --leave-one-out [--cites "OASES article"] [--k 10] [--out FILE]
  either: [--weights '{"NETWORK":0.3,...}'] [--channel-cap N] [--blend-keep N] [--untyped-network]
          [--fixed-link-types] [--fixed-weights]`;

const WARM_UP_QUERIES = 20;

interface Args {
  graph: string;
  holdout: string | null;
  leaveOneOut: boolean;
  cites: string;
  sample: number;
  k: number;
  seed: number;
  out: string | null;
  options: MatchingOptions;
}

class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

/** `{"NETWORK":0.3}` → partial weights, each a known signal with a finite weight ≥ 0. */
export function parseWeights(text: string): Partial<SignalWeights> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('--weights must be JSON, e.g. {"NETWORK":0.3}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('--weights must be a JSON object');
  const out: Partial<SignalWeights> = {};
  for (const [kind, weight] of Object.entries(parsed)) {
    if (!(SIGNAL_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--weights: unknown signal ${kind} (${SIGNAL_KINDS.join(', ')})`);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw new UsageError(`--weights: ${kind} must be a number ≥ 0`);
    out[kind as keyof SignalWeights] = weight;
  }
  return out;
}

function parseCommandLine(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      graph: { type: 'string' },
      holdout: { type: 'string' },
      'leave-one-out': { type: 'boolean', default: false },
      cites: { type: 'string', default: 'OASES article' },
      sample: { type: 'string' },
      k: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      weights: { type: 'string' },
      'channel-cap': { type: 'string' },
      'blend-keep': { type: 'string' },
      'untyped-network': { type: 'boolean', default: false },
      'fixed-link-types': { type: 'boolean', default: false },
      'fixed-weights': { type: 'boolean', default: false },
    },
  });
  if (!values.graph) throw new UsageError('--graph is required');
  const leaveOneOut = values['leave-one-out'] ?? false;
  if (!leaveOneOut && !values.holdout)
    throw new UsageError('give --holdout FILE.csv or --leave-one-out');
  if (leaveOneOut && values.holdout)
    throw new UsageError('--holdout and --leave-one-out exclude each other');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const k = positiveInt(values.k, 'k', 10);
  if (k > MAX_SUGGESTIONS) throw new UsageError(`--k must be at most ${MAX_SUGGESTIONS}`);
  const options: MatchingOptions = {};
  if (values.weights) options.weights = parseWeights(values.weights);
  if (values['untyped-network']) options.weighLinkTypes = false;
  if (values['fixed-link-types']) options.learnLinkTypes = false;
  if (values['fixed-weights']) options.learnWeights = false;
  if (values['channel-cap']) {
    // A fixed cap, whatever the graph's size.
    const cap = positiveInt(values['channel-cap'], 'channel-cap', DEFAULT_LIMITS.channelCap);
    options.limits = { channelCap: cap, maxChannelCap: cap };
  }
  if (values['blend-keep']) {
    const keep = positiveInt(values['blend-keep'], 'blend-keep', DEFAULT_LIMITS.blendKeep);
    options.limits = { ...options.limits, blendKeep: keep };
  }
  return {
    graph: values.graph,
    holdout: values.holdout ?? null,
    leaveOneOut,
    cites: values.cites ?? 'OASES article',
    sample: positiveInt(values.sample, 'sample', 1000),
    k,
    seed,
    out: values.out ?? null,
    options,
  };
}

const settingsOf = (options: MatchingOptions) => ({
  weights: { ...DEFAULT_WEIGHTS, ...options.weights },
  limits: { ...DEFAULT_LIMITS, ...options.limits },
  weighLinkTypes: options.weighLinkTypes ?? true,
  learnLinkTypes: options.learnLinkTypes ?? true,
  learnWeights: options.learnWeights ?? true,
});

function settingsLine(options: MatchingOptions): string {
  const s = settingsOf(options);
  const w = SIGNAL_KINDS.map((kind) => `${kind} ${s.weights[kind]}`).join(', ');
  const links = !s.weighLinkTypes
    ? 'mutual connections weighted by degree only (--untyped-network)'
    : s.learnLinkTypes
      ? 'mutual connections weighted by degree and by link-type strengths learned from the graph'
      : 'mutual connections weighted by degree and the fixed link-type table (--fixed-link-types)';
  const fitting = s.learnWeights
    ? 'fitted to the graph from these (below)'
    : 'as given (--fixed-weights)';
  return `weights ${w}, ${fitting}; ${links}; channel cap ${s.limits.channelCap} × √(organisations / 1,000), at most ${s.limits.maxChannelCap}; blend keep ${s.limits.blendKeep} + ${s.limits.channelKeep} per channel`;
}

function weightFitMarkdown(
  fit: WeightFit | null,
  learning: boolean,
  cutoffYear: number | null,
): string[] {
  if (!learning) return [];
  if (!fit)
    return [
      'Signal weights: too few sources with two or more partners to fit (or within the fit’s time budget); the defaults were used.',
      '',
    ];
  const q = (x: FitQuality) => `Hits@10 ${fixed(x.hits, 3)}, MRR ${fixed(x.mrr, 3)}`;
  return [
    `Signal weights fitted to the graph (${fit.examples.fit} sources with partners held back, checked on ${fit.examples.check} others; ` +
      (cutoffYear === null
        ? 'held back: each source’s partners of its own latest year, or one at random'
        : `held back: partners met since ${cutoffYear}, the graph seen as it stood then`) +
      '): ' +
      SIGNAL_KINDS.map((k) => `${k} ${fit.fitted[k]}`).join(', ') +
      `. On the check half: ${q(fit.check.fitted)}, against ${q(fit.check.start)} with the starting weights ` +
      `(gain ${fixed(fit.check.gain.mean, 3)} ± ${fixed(fit.check.gain.standardError, 3)} standard error in hit + reciprocal rank per source); ` +
      (fit.kept
        ? 'kept.'
        : 'not clearly better (kept only above 1.645 standard errors), so the starting weights were used.'),
    '',
  ];
}

/** What the engine learned (or null when it uses the fixed table or no link types). */
async function learnedTable(matching: MatchingService): Promise<PairStrength[] | null> {
  return (await matching.linkTypeStrengths()) ? matching.linkTypeTable() : null;
}

function linkTypesMarkdown(table: PairStrength[] | null): string[] {
  if (!table) return [];
  const seen = table.filter((p) => p.observed > 0);
  return [
    `Link-type strengths the engine learned from the graph (pairs of link types seen in the wedge sample; the rest keep their prior):`,
    '',
    markdownTable(
      ['link types', 'strength', 'prior', 'wedges', 'closed', 'expected by Adamic–Adar'],
      seen.map((p) => [
        p.types.join(' + '),
        fixed(p.strength, 2),
        fixed(p.prior, 2),
        String(p.observed),
        String(p.closed),
        fixed(p.expected, 1),
      ]),
    ),
    '',
  ];
}

// ── holdout mode ──────────────────────────────────────────────────────────────

export interface HoldoutReport {
  mode: 'holdout';
  command: string;
  graph: string;
  holdoutFile: string;
  machine: MachineDescription;
  settings: ReturnType<typeof settingsOf>;
  /** The link-type strengths the engine learned from the graph (null: not learned). */
  linkTypes: PairStrength[] | null;
  /** The signal weights fitted to the graph (null: not fitted). */
  weightFit: WeightFit | null;
  /** The year from which the fit's held-back partners were met (null: per source). */
  weightFitCutoffYear: number | null;
  organizations: number;
  relationships: number;
  importSeconds: number;
  /** Records of the graph file the importer skipped as invalid. */
  badRecords: number;
  holdout: { rows: number; pairsUsed: number; skipped: Record<string, number> };
  eligibleSources: number;
  sources: number;
  k: number;
  seed: number;
  methods: Omit<MethodResult, 'perSource'>[];
  engineVsAdamicAdar: {
    hits: ReturnType<typeof pairedDifference>;
    ndcg: ReturnType<typeof pairedDifference>;
  };
  totalSeconds: number;
}

async function holdoutMode(args: Args): Promise<{ markdown: string; report: HoldoutReport }> {
  const started = Date.now();
  const machine = describeMachine();
  log(`importing ${args.graph} into a temporary embedded store…`);
  const tmp = await importIntoTemporaryStore(args.graph);
  try {
    const { imported, store } = tmp;
    log(
      `imported ${imported.organizations} organisations, ${imported.relationships} relationships in ${(imported.elapsedMs / 1000).toFixed(1)} s`,
    );
    const graph = await readLinkGraph(store);
    const rows = await readHoldoutCsv(args.holdout as string);
    const holdout = indexHoldout(rows, graph);
    const eligible = [...holdout.partners.keys()];
    const sources = sampleIds(eligible, args.sample, args.seed);
    if (sources.length === 0)
      throw new Error('no organisation of the graph has a usable held-out partner');
    const chosen = new Set(sources);
    const warmUp = sampleIds(
      graph.ids.filter((id) => !chosen.has(id)),
      WARM_UP_QUERIES,
      args.seed + 1,
    );
    log(
      `${holdout.pairs} held-out pairs usable, ${eligible.length} eligible sources, ${sources.length} sampled (seed ${args.seed}), k = ${args.k}`,
    );

    const matching = new MatchingService(store, undefined, args.options);
    // The API fits its weights in the background at start; here the fit is awaited, so that every
    // query is ranked with the same weights (and no query time includes the fit).
    const fitStarted = Date.now();
    const fit = await matching.weightFit();
    if (fit)
      log(
        `signal weights ${fit.kept ? 'fitted to the graph' : 'kept at the defaults'} in ${((Date.now() - fitStarted) / 1000).toFixed(1)} s`,
      );
    const input = { sources, holdout: holdout.partners, k: args.k };
    const engine = await evaluateEngine(engineRanker(matching), input, {
      warmUp,
      onProgress: (n) => {
        if (n % 100 === 0 || n === sources.length) log(`  engine ${n}/${sources.length}`);
      },
    });
    const baselines = evaluateBaselines(graph, input, args.seed);
    const aa = baselines.find((b) => b.method === 'adamic-adar') as MethodResult;
    const methods = [engine, ...baselines];
    const report: HoldoutReport = {
      mode: 'holdout',
      command: commandLine('eval'),
      graph: args.graph,
      holdoutFile: args.holdout as string,
      machine,
      settings: settingsOf(args.options),
      linkTypes: await learnedTable(matching),
      weightFit: await matching.weightFit(),
      weightFitCutoffYear: matching.weightStatus().cutoffYear,
      organizations: imported.organizations,
      relationships: imported.relationships,
      importSeconds: imported.elapsedMs / 1000,
      badRecords: imported.bad,
      holdout: { rows: rows.length, pairsUsed: holdout.pairs, skipped: holdout.skipped },
      eligibleSources: eligible.length,
      sources: sources.length,
      k: args.k,
      seed: args.seed,
      methods: methods.map(({ perSource: _drop, ...rest }) => rest),
      engineVsAdamicAdar: {
        hits: pairedDifference(
          engine.perSource.map((s) => s.hits),
          aa.perSource.map((s) => s.hits),
        ),
        ndcg: pairedDifference(
          engine.perSource.map((s) => s.ndcg),
          aa.perSource.map((s) => s.ndcg),
        ),
      },
      totalSeconds: (Date.now() - started) / 1000,
    };
    return { markdown: holdoutMarkdown(report), report };
  } finally {
    await tmp.dispose();
  }
}

/** The metrics table shared by eval and tune. */
export function methodsTable(
  methods: readonly Omit<MethodResult, 'perSource'>[],
  k: number,
): string {
  const pm = (m: { mean: number; ci95: number }) => `${fixed(m.mean, 3)} ± ${fixed(m.ci95, 3)}`;
  return markdownTable(
    ['method', `Hits@${k}`, `Recall@${k}`, `MRR@${k}`, `NDCG@${k}`, 'ms / query'],
    methods.map((m) => [
      m.method === ENGINE ? '**engine**' : m.method,
      pm(m.hits),
      fixed(m.recall.mean, 3),
      fixed(m.mrr.mean, 3),
      fixed(m.ndcg.mean, 3),
      fixed(m.msPerQuery, 2),
    ]),
  );
}

function holdoutMarkdown(r: HoldoutReport): string {
  const s = r.holdout.skipped;
  const d = r.engineVsAdamicAdar.hits;
  return [
    `## Offline evaluation: ${r.graph}`,
    '',
    `${r.organizations.toLocaleString('en-GB')} organisations, ${r.relationships.toLocaleString('en-GB')} relationships; ` +
      `held-out pairs from ${r.holdoutFile}: ${r.holdout.pairsUsed.toLocaleString('en-GB')} used of ${r.holdout.rows.toLocaleString('en-GB')} ` +
      `(skipped: ${s.unknownOrganization} unknown organisation, ${s.alreadyConnected} already connected, ${s.selfPair} self, ${s.duplicate} duplicate). ` +
      `${r.sources} sources sampled (seed ${r.seed}) of ${r.eligibleSources} with a held-out partner; k = ${r.k}; ` +
      `existing partners and the source excluded; ties by id. ± is a 95 % interval over sources.`,
    '',
    methodsTable(r.methods, r.k),
    '',
    `Engine − Adamic–Adar, paired over the same sources: Hits@${r.k} ${d.mean >= 0 ? '+' : ''}${fixed(d.mean, 3)} ± ${fixed(d.ci95, 3)}.`,
    '',
    `Engine settings: ${settingsLine(r.settings)}. ` +
      `ms / query: engine in-process (after ${WARM_UP_QUERIES} warm-up queries), baselines in-process over an in-memory adjacency.`,
    '',
    ...linkTypesMarkdown(r.linkTypes),
    ...weightFitMarkdown(r.weightFit, r.settings.learnWeights, r.weightFitCutoffYear),
    `Machine: ${machineLine(r.machine)}. Import ${r.importSeconds.toFixed(1)} s (${r.badRecords} invalid records skipped); whole run ${r.totalSeconds.toFixed(1)} s.`,
    '',
    `Command: \`${r.command}\``,
  ].join('\n');
}

// ── leave-one-out mode ───────────────────────────────────────────────────────

interface LeaveOneOutQuery {
  from: string;
  to: string;
  types: string[];
  /** 1-based rank of `to` in each method's ranking from `from`; null when not ranked. */
  ranks: Record<string, number | null>;
}

export interface LeaveOneOutReport {
  mode: 'leave-one-out';
  command: string;
  graph: string;
  cites: string;
  machine: MachineDescription;
  settings: ReturnType<typeof settingsOf>;
  linkTypes: PairStrength[] | null;
  /** The signal weights fitted to the graph (null: not fitted). */
  weightFit: WeightFit | null;
  organizations: number;
  relationships: number;
  citedRelationships: number;
  pairs: number;
  k: number;
  /** The engine ranks at most this many (its page limit); baselines rank everyone. */
  engineDepth: number;
  queries: LeaveOneOutQuery[];
  summary: {
    method: string;
    hits: number;
    mrr: number;
    medianRank: number | null;
    ranked: number;
    queries: number;
  }[];
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

async function leaveOneOutMode(
  args: Args,
): Promise<{ markdown: string; report: LeaveOneOutReport }> {
  const machine = describeMachine();
  const tmp = await importIntoTemporaryStore(args.graph);
  try {
    const { store, imported } = tmp;
    const ids = await store.organizationIds();
    const all = new Map<string, Relationship>();
    for (const list of (await store.relationshipsOf(ids, null)).values()) {
      for (const r of list) all.set(`${r.type}\u0000${r.from}\u0000${r.to}`, r);
    }
    const cited = [...all.values()].filter((r) => (r.source ?? '').includes(args.cites));
    if (cited.length === 0) throw new Error(`no relationship's source contains "${args.cites}"`);
    // One test per pair: a pair linked twice is only "missing" when both links are removed.
    const pairs = new Map<string, { a: string; b: string; between: Relationship[] }>();
    for (const r of cited) {
      const key = pairKey(r.from, r.to);
      if (!pairs.has(key)) {
        const between = [...all.values()].filter((x) => pairKey(x.from, x.to) === key);
        pairs.set(key, { a: r.from, b: r.to, between });
      }
    }
    log(
      `${cited.length} relationships cite "${args.cites}": ${pairs.size} pairs, ${2 * pairs.size} ranked queries`,
    );
    // Relationships are removed and restored during the run: the weights stay as given (a fit
    // would see a different graph at every step; the seed is too small to fit on anyway).
    const matching = new MatchingService(store, undefined, {
      ...args.options,
      learnWeights: false,
    });
    const queries: LeaveOneOutQuery[] = [];
    const rngs = new Map(BASELINES.map((name) => [name, new Rng(args.seed)]));
    for (const { a, b, between } of pairs.values()) {
      for (const r of between) await store.disconnect(r);
      try {
        const graph = await readLinkGraph(store);
        for (const [from, to] of [
          [a, b],
          [b, a],
        ] as const) {
          const engine = await matching.suggest({ organizationId: from, first: MAX_SUGGESTIONS });
          const ranks: Record<string, number | null> = {
            [ENGINE]: rankOf(
              engine.suggestions.map((s) => s.id),
              to,
            ),
          };
          for (const name of BASELINES) {
            ranks[name] = rankOf(
              rankBaseline(name, graph, from, graph.size, rngs.get(name) as Rng),
              to,
            );
          }
          queries.push({ from, to, types: between.map((r) => r.type), ranks });
        }
      } finally {
        for (const r of between) await store.connect(r);
      }
    }
    const summary = [ENGINE, ...BASELINES].map((method) => {
      const ranks = queries.map((q) => q.ranks[method] ?? null);
      const found = ranks.filter((x): x is number => x !== null);
      return {
        method,
        hits: mean(ranks.map((x) => (x !== null && x <= args.k ? 1 : 0))).mean,
        mrr: mean(ranks.map((x) => (x === null ? 0 : 1 / x))).mean,
        // Unranked counts as worse than every rank: the median exists while most are ranked.
        medianRank: medianWithMissing(ranks),
        ranked: found.length,
        queries: ranks.length,
      };
    });
    const report: LeaveOneOutReport = {
      mode: 'leave-one-out',
      command: commandLine('eval'),
      graph: args.graph,
      cites: args.cites,
      machine,
      settings: settingsOf({ ...args.options, learnWeights: false }),
      linkTypes: await learnedTable(matching),
      weightFit: await matching.weightFit(),
      organizations: imported.organizations,
      relationships: imported.relationships,
      citedRelationships: cited.length,
      pairs: pairs.size,
      k: args.k,
      engineDepth: MAX_SUGGESTIONS,
      queries,
      summary,
    };
    return { markdown: leaveOneOutMarkdown(report), report };
  } finally {
    await tmp.dispose();
  }
}

/** The median rank, unranked (null) counting as worst; null when the median itself is unranked. */
function medianWithMissing(ranks: readonly (number | null)[]): number | null {
  const sorted = ranks.map((x) => x ?? Infinity).sort((a, b) => a - b);
  const m = percentile(sorted, 0.5);
  return Number.isFinite(m) ? m : null;
}

function rankOf(ranked: readonly string[], id: string): number | null {
  const i = ranked.indexOf(id);
  return i < 0 ? null : i + 1;
}

function leaveOneOutMarkdown(r: LeaveOneOutReport): string {
  const methods = [ENGINE, ...BASELINES];
  const rank = (x: number | null | undefined) =>
    x === null || x === undefined ? `> ${r.engineDepth}` : x <= r.k ? `**${x}**` : String(x);
  return [
    `## Leave-one-out on ${r.graph}`,
    '',
    `${r.organizations} organisations, ${r.relationships} relationships. Each of the ${r.citedRelationships} relationships whose source ` +
      `contains "${r.cites}" is removed (with any other relationship between the same two organisations: ${r.pairs} pairs), ` +
      `both ends are ranked (existing partners excluded), and it is restored. Ranks ≤ ${r.k} in bold; ` +
      `the engine returns at most ${r.engineDepth} suggestions (only candidates it generates and scores above 0).`,
    '',
    markdownTable(
      ['method', `Hits@${r.k}`, 'MRR', 'median rank', 'ranked'],
      r.summary.map((s) => [
        s.method === ENGINE ? '**engine**' : s.method,
        fixed(s.hits, 3),
        fixed(s.mrr, 3),
        s.medianRank === null ? `> ${r.engineDepth}` : fixed(s.medianRank, 1),
        `${s.ranked}/${s.queries}`,
      ]),
    ),
    '',
    markdownTable(
      ['from → to', 'type', ...methods],
      r.queries.map((q) => [
        `${q.from} → ${q.to}`,
        q.types.join(', '),
        ...methods.map((m) => rank(q.ranks[m])),
      ]),
    ),
    '',
    `Engine settings: ${settingsLine(r.settings)}. Random: a seeded permutation per query.`,
    '',
    ...linkTypesMarkdown(r.linkTypes),
    `Machine: ${machineLine(r.machine)}.`,
    '',
    `Command: \`${r.command}\``,
  ].join('\n');
}

// ── main ─────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const { markdown, report } = args.leaveOneOut
    ? await leaveOneOutMode(args)
    : await holdoutMode(args);
  process.stdout.write(`${markdown}\n\n\`\`\`json\n${toJson(report)}\n\`\`\`\n`);
  if (args.out) {
    const paths = writeResults(args.out, markdown, report);
    log(`wrote ${paths.md} and ${paths.json}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      e instanceof UsageError ? `${message}\n${USAGE}\n` : `eval failed: ${message}\n`,
    );
    process.exitCode = 1;
  });
}
