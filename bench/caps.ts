// `npm run caps -- [--orgs 100000] [--seed 42] [--sources 40] [--caps 60,200,400,600]
//                  [--keeps 50,100,150,300] [--out FILE]`
//
// How the candidate limits trade recall for time: imports a generated graph into a fresh
// embedded store, takes the exhaustive top 10 of each sampled source (the same core over every
// organisation), then for every channel cap × blend keep measures recall@10 against it, the
// candidates scored in full, and ms per query in-process (each setting warmed up on the same
// sources first; settings interleaved per round, so machine noise falls on all of them alike).
// DEFAULT_LIMITS (src/matching/matching.config.ts) come from this.
import { parseArgs } from 'node:util';
import {
  channelCapFor,
  DEFAULT_LIMITS,
  type MatchingLimits,
} from '../src/matching/matching.config';
import { MatchingService } from '../src/matching/matching.service';
import { ensureGraph } from './lib/graphs';
import { sampleIds } from './lib/holdout';
import { describeMachine, machineLine } from './lib/machine';
import { mean, overlapRecall, percentile } from './lib/metrics';
import {
  commandLine,
  count,
  fixed,
  log,
  markdownTable,
  RESULTS_DIR,
  stamp,
  writeResults,
} from './lib/report';
import { importIntoTemporaryStore } from './lib/store-graph';

const K = 10;
const ROUNDS = 3;

const list = (value: string | undefined, fallback: number[]): number[] => {
  if (value === undefined) return fallback;
  const out = value.split(',').map(Number);
  if (out.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`expected positive integers separated by commas, got "${value}"`);
  return out;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string' },
      seed: { type: 'string' },
      sources: { type: 'string' },
      caps: { type: 'string' },
      keeps: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [orgs] = list(values.orgs, [100_000]);
  const [seed] = list(values.seed, [42]);
  const [sources] = list(values.sources, [40]);
  const caps = list(values.caps, [60, 200, 400, 600]);
  const keeps = list(values.keeps, [50, 100, 150, 300]);
  const started = Date.now();
  const machine = describeMachine();

  const { graph } = await ensureGraph({ organizations: orgs as number, seed: seed as number });
  log(`importing ${graph}`);
  const t = await importIntoTemporaryStore(graph);
  try {
    const ids = sampleIds(await t.store.organizationIds(), sources as number, 1);
    // Caps are measured with the default weights (no fit in the background).
    const exhaustive = new MatchingService(t.store, undefined, { learnWeights: false });
    const truth = new Map<string, string[]>();
    for (const id of ids) {
      const r = await exhaustive.suggestExhaustive({ organizationId: id, first: K });
      truth.set(
        id,
        r.suggestions.map((s) => s.id),
      );
    }
    log(`exhaustive top ${K} of ${ids.length} sources done`);

    // A fixed cap per setting (channelCap = maxChannelCap); the default row scales with the graph.
    const defaultCap = channelCapFor(t.imported.organizations, DEFAULT_LIMITS);
    const settings: Pick<MatchingLimits, 'channelCap' | 'maxChannelCap' | 'blendKeep'>[] = [
      ...new Set([...caps, defaultCap]),
    ]
      .sort((a, b) => a - b)
      .flatMap((cap) =>
        keeps.map((blendKeep) => ({ channelCap: cap, maxChannelCap: cap, blendKeep })),
      );
    const runs = settings.map((limits) => ({
      limits,
      service: new MatchingService(t.store, undefined, { limits, learnWeights: false }),
      ms: [] as number[],
      recall: new Map<string, number>(),
      candidates: [] as number[],
    }));
    for (const run of runs)
      for (const id of ids) await run.service.suggest({ organizationId: id, first: K });
    for (let round = 0; round < ROUNDS; round++) {
      for (const run of runs) {
        for (const id of ids) {
          const t0 = process.hrtime.bigint();
          const r = await run.service.suggest({ organizationId: id, first: K });
          run.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (round === 0) {
            run.candidates.push(r.candidateCount);
            const recall = overlapRecall(
              r.suggestions.map((s) => s.id),
              truth.get(id) ?? [],
              K,
            );
            if (recall !== null) run.recall.set(id, recall);
          }
        }
      }
      log(`round ${round + 1} of ${ROUNDS} done`);
    }

    const rows = runs.map((r) => {
      const recall = mean([...r.recall.values()]);
      return {
        channelCap: r.limits.channelCap,
        blendKeep: r.limits.blendKeep,
        recall: recall.mean,
        recallCi95: recall.ci95,
        candidates: mean(r.candidates).mean,
        p50Ms: percentile(r.ms, 0.5),
        meanMs: mean(r.ms).mean,
      };
    });
    const isDefault = (r: { channelCap: number; blendKeep: number }): boolean =>
      r.channelCap === defaultCap && r.blendKeep === DEFAULT_LIMITS.blendKeep;
    const markdown = [
      '## Candidate limits: recall against the exhaustive top 10, and time',
      '',
      `Generated graph of ${count(orgs)} organisations (seed ${seed}), ${count(
        t.imported.relationships,
      )} relationships, in a fresh embedded store; ${ids.length} sampled sources. Recall@${K} = share of the exhaustive top ${K} (suggestExhaustive: the same core over every organisation) found by suggest with the setting; candidates = organisations scored in full; ms per query in-process, ${ROUNDS} rounds after one warm-up round, settings interleaved. Other limits: the defaults (channel keep ${DEFAULT_LIMITS.channelKeep}). In bold, the default setting at this size: a channel cap of ${DEFAULT_LIMITS.channelCap} × √(organisations / 1,000), at most ${DEFAULT_LIMITS.maxChannelCap}, is ${defaultCap} here.`,
      '',
      markdownTable(
        ['channel cap', 'blend keep', `recall@${K}`, 'candidates scored', 'p50 ms', 'mean ms'],
        rows.map((r) => {
          const b = (x: string): string => (isDefault(r) ? `**${x}**` : x);
          return [
            b(String(r.channelCap)),
            b(String(r.blendKeep)),
            b(`${fixed(r.recall, 3)} ± ${fixed(r.recallCi95, 3)}`),
            fixed(r.candidates, 0),
            fixed(r.p50Ms, 2),
            fixed(r.meanMs, 2),
          ];
        }),
      ),
      '',
      `${machineLine(machine)}; whole run ${fixed((Date.now() - started) / 1000, 0)} s.`,
      '',
      `Command: \`${commandLine('caps')}\``,
      '',
    ].join('\n');
    process.stdout.write(markdown);
    const written = writeResults(values.out ?? `${RESULTS_DIR}/caps-${stamp()}`, markdown, {
      machine,
      orgs,
      seed,
      sources: ids.length,
      k: K,
      rows,
      defaults: DEFAULT_LIMITS,
    });
    log(`wrote ${written.md} and ${written.json}`);
  } finally {
    await t.dispose();
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
