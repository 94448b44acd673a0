// Match suggestions and introduction paths: gathers evidence through the GraphStore port
// (candidate channels, then the context of every candidate) and hands it to the pure core.
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { MetricsService } from '../observability/metrics.service';
import { badInput, notFound } from '../common/errors/domain-error';
import { slugify } from '../graph-file/normalize';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';
import type {
  NamedNode,
  OrganizationKind,
  OrganizationProfile,
  PlaceNode,
  Relationship,
  RelationshipType,
} from '../graph/graph.types';
import {
  CHANNELS,
  channelsOf,
  type CandidateChannels,
  type ChannelName,
  type CandidateFilter,
  isFormedBefore,
  type Neighbour,
  type PlaceChain,
  type TermStats,
  type WeightedKey,
} from '../graph/match-graph.types';
import {
  blendCandidates,
  type Facets,
  type KnownValues,
  coverageAgainst,
  knownValuesAgainst,
  type TermGroup,
  termGroup,
} from './core/blend';
import {
  SIGNAL_KINDS,
  type CandidateEvidence,
  type Corpus,
  type MatchProfile,
  type Phrase,
  type PlaceRef,
  type ScoredCandidate,
  type SignalKind,
  type SignalWeights,
} from './core/match.types';
import { fitSignalWeights, type WeightExample, type WeightFit } from './core/weight-fit';
import {
  learnLinkStrengths,
  mutualStrength,
  pairKey,
  type LinkTypeStrengths,
  type PairStrength,
} from './core/link-strength';
import { rankPaths, type RankedPath } from './core/paths';
import { DEFAULT_WEDGE_SAMPLING, sampleWedges, type WedgeSampling } from './link-type-sampler';
import { Rng } from '../generator/prng';
import { rankCandidates } from './core/rank';
import { activity } from './core/signals';
import { idf } from './core/vectors';
import { DEFAULT_WEIGHTS, resolveWeights } from './core/weights';
import {
  channelCapFor,
  DEFAULT_LIMITS,
  DEFAULT_WEIGHT_SAMPLING,
  LINK_TYPE_RELEARN_MS,
  MATCHING_OPTIONS,
  WEIGHT_RELEARN_MS,
  type MatchingLimits,
  type MatchingOptions,
  type WeightSampling,
} from './matching.config';
import { type Analyzer, defaultAnalyzer } from './text/analyzer';

export interface MatchRequest {
  organizationId: string;
  first: number;
  kinds?: OrganizationKind[] | null;
  sectorIds?: string[] | null;
  placeIds?: string[] | null;
  includeConnected?: boolean | null;
  minScore?: number | null;
  weights?: { kind: SignalKind; weight: number }[] | null;
}

export interface MatchResult {
  source: OrganizationProfile;
  suggestions: (ScoredCandidate & { organization: OrganizationProfile })[];
  /** Distinct candidates scored (the cost of the query). */
  candidateCount: number;
  channels: CandidateChannels;
}

export const MAX_SUGGESTIONS = 100;
export const MAX_HOPS = 4;
export const MAX_PATHS = 20;
const PATHS_TO_RANK = 200;

/** Bounded memo of analysed texts: phrases and descriptions repeat across queries. */
class AnalysisCache {
  private readonly entries = new Map<string, Map<string, number>>();
  constructor(
    private readonly analyzer: Analyzer,
    private readonly capacity = 200_000,
  ) {}

  terms(key: string, text: string): Map<string, number> {
    let hit = this.entries.get(key);
    if (!hit) {
      // Presence, not frequency: phrases are short and descriptions repeat words for style.
      hit = new Map(this.analyzer.terms(text).map((t) => [t, 1]));
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(key, hit);
    }
    return hit;
  }
}

interface Analysed {
  needs: Phrase[];
  offers: Phrase[];
  desc: Map<string, number>;
}

const intWeight = (x: number): number => Math.max(1, Math.floor(1000 * x));

@Injectable()
export class MatchingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly analyzer: Analyzer = defaultAnalyzer();
  private readonly cache = new AnalysisCache(this.analyzer);
  private readonly analysedProfiles = new WeakMap<OrganizationProfile, Analysed>();
  private readonly profileFacets = new WeakMap<OrganizationProfile, Facets>();
  private readonly profilePhrases = new WeakMap<
    OrganizationProfile,
    Pick<Analysed, 'needs' | 'offers'>
  >();
  private readonly limits: MatchingLimits;
  private readonly defaultWeights: SignalWeights;
  private readonly weighLinkTypes: boolean;
  private readonly learnLinkTypes: boolean;
  private readonly wedgeSampling: WedgeSampling;
  private readonly relearnMs: number;
  private readonly logger = new Logger('Matching');
  /** Link-type strengths learned from the graph, and when; refreshed in the background. */
  private linkModel: { strengths: LinkTypeStrengths; at: number } | null = null;
  private learning: Promise<LinkTypeStrengths | null> | null = null;
  private readonly learnWeights: boolean;
  private readonly weightSampling: WeightSampling;
  private readonly weightRelearnMs: number;
  private weightModel: {
    fit: WeightFit | null;
    at: number;
    /** The cut-off year of the fit's hold-backs (null: per source, see weightExamples). */
    cutoffYear: number | null;
  } | null = null;
  private fittingWeights: Promise<WeightFit | null> | null = null;
  /** Set on shutdown: no background fit starts, and a running one stops at its next source. */
  private stopped = false;

  constructor(
    @Inject(GRAPH_STORE) private readonly store: GraphStore,
    @Optional() private readonly metrics?: MetricsService,
    /** Overrides of the tuned defaults, for experiments (the evaluation tunes with these). */
    @Optional() @Inject(MATCHING_OPTIONS) options?: MatchingOptions,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options?.limits };
    this.defaultWeights = { ...DEFAULT_WEIGHTS, ...options?.weights };
    this.weighLinkTypes = options?.weighLinkTypes ?? true;
    this.learnLinkTypes = options?.learnLinkTypes ?? true;
    this.wedgeSampling = { ...DEFAULT_WEDGE_SAMPLING, ...options?.linkTypeSampling };
    this.relearnMs = options?.linkTypeRelearnMs ?? LINK_TYPE_RELEARN_MS;
    this.learnWeights = options?.learnWeights ?? true;
    this.weightSampling = { ...DEFAULT_WEIGHT_SAMPLING, ...options?.weightSampling };
    this.weightRelearnMs = options?.weightRelearnMs ?? WEIGHT_RELEARN_MS;
  }

  /** Learns the link-type strengths once the store is ready, so that no request waits for it. */
  onApplicationBootstrap(): void {
    if (!this.weighLinkTypes || !this.learnLinkTypes) return;
    this.store
      .whenReady()
      .then(() => this.linkTypeStrengths())
      .then(() => this.weightFit())
      .catch(() => undefined); // the learners log their own failures; a failed start just waits
  }

  /**
   * Stops the background weight fit (at its next source) before the store closes: shutdown does
   * not wait for it, and it does not fail on a closed store.
   */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  /**
   * The weights a query starts from: fitted to this graph when the graph is large enough and the
   * fit ranks held-back partners better than the tuned defaults (core/weight-fit.ts), the defaults
   * otherwise. Never waits: until the first fit is done (seconds to a minute on a large graph,
   * started at bootstrap), queries use the defaults; a stale fit keeps serving while the next one
   * runs in the background.
   */
  currentWeights(): SignalWeights {
    this.refreshWeights();
    return this.weightModel?.fit?.weights ?? this.defaultWeights;
  }

  /** The weights in use and where they come from, without waiting for a fit. */
  weightStatus(): {
    weights: SignalWeights;
    defaults: SignalWeights;
    fit: WeightFit | null;
    cutoffYear: number | null;
    fittedAt: Date | null;
    fitting: boolean;
  } {
    const weights = this.currentWeights();
    return {
      weights,
      defaults: { ...this.defaultWeights },
      fit: this.weightModel?.fit ?? null,
      cutoffYear: this.weightModel?.cutoffYear ?? null,
      fittedAt: this.weightModel ? new Date(this.weightModel.at) : null,
      fitting: this.fittingWeights !== null,
    };
  }

  /**
   * The current weight fit, waiting for one when there is none yet or it is stale (null: learning
   * is off, or the graph has too few organisations with two or more partners to fit on).
   */
  async weightFit(): Promise<WeightFit | null> {
    if (!this.learnWeights) return null;
    const current = this.weightModel;
    if (current && Date.now() - current.at < this.weightRelearnMs) return current.fit;
    this.refreshWeights();
    return this.fittingWeights;
  }

  private refreshWeights(): void {
    if (!this.learnWeights || this.fittingWeights || this.stopped) return;
    const current = this.weightModel;
    if (current && Date.now() - current.at < this.weightRelearnMs) return;
    this.fittingWeights = this.fitWeights().finally(() => {
      this.fittingWeights = null;
    });
  }

  private async fitWeights(): Promise<WeightFit | null> {
    try {
      const started = Date.now();
      const { examples, cutoffYear } = await this.drawExamples(this.weightSampling);
      if (this.stopped) return this.weightModel?.fit ?? null; // shut down part-way: nothing to fit
      const fit =
        examples.length >= this.weightSampling.minExamples
          ? fitSignalWeights(examples, this.defaultWeights)
          : null;
      this.weightModel = { fit, at: Date.now(), cutoffYear };
      if (!fit && examples.length > 0) {
        this.logger.log(
          `signal weights kept at the defaults: ${examples.length} held-back partners in ` +
            `${Date.now() - started} ms, fewer than the ${this.weightSampling.minExamples} a fit needs`,
        );
      }
      if (fit) {
        this.logger.log(
          `signal weights ${fit.kept ? 'fitted to the graph' : 'kept at the defaults'} ` +
            `(${examples.length} held-back partners, ${Date.now() - started} ms): ` +
            SIGNAL_KINDS.map((k) => `${k} ${fit.weights[k]}`).join(', '),
        );
      }
      return fit;
    } catch (err) {
      // Matching goes on with the previous fit or the defaults; tried again next time. A fit cut
      // short by shutdown (the store closed under it) is not a failure.
      if (!this.stopped)
        this.logger.warn(`fitting signal weights failed: ${(err as Error).message}`);
      this.weightModel = {
        fit: this.weightModel?.fit ?? null,
        at: Date.now(),
        cutoffYear: this.weightModel?.cutoffYear ?? null,
      };
      return this.weightModel.fit;
    }
  }

  /**
   * Sources drawn with a seeded generator, each with partners held back: the engine's candidates
   * for it, scored in full with the default weights as if those relationships did not exist.
   * When the source's relationships have years, the partners it first worked with in its latest
   * year are held back (new partners are what a query is for: how they came about is what the
   * weights should reward), and ranked as the graph stood at the start of that year
   * (heldBackRanking); otherwise one partner at random. Sources with fewer than two partners, or
   * all of them from one year, are skipped (nothing would be left). No source is started once
   * the sampling's time budget is spent.
   */
  async weightExamples(sampling: WeightSampling = this.weightSampling): Promise<WeightExample[]> {
    return (await this.drawExamples(sampling)).examples;
  }

  /** weightExamples, with the cut-off year they were drawn with (null: none). */
  private async drawExamples(
    sampling: WeightSampling,
  ): Promise<{ examples: WeightExample[]; cutoffYear: number | null }> {
    const ids = [...(await this.store.organizationIds())].sort();
    // Too small to fit: not worth the queries.
    if (ids.length < sampling.minExamples) return { examples: [], cutoffYear: null };
    const cut = sampling.recentShare > 0 ? await this.recentCut(ids, sampling) : null;
    const rng = new Rng(sampling.seed);
    const examples: WeightExample[] = [];
    let drawn = 0;
    // With a cut-off, only sources that met someone since count: more are drawn to find them.
    const maxDraws = Math.min(ids.length, sampling.sources * (cut === null ? 4 : 10));
    const deadline = performance.now() + (sampling.budgetMs ?? Number.POSITIVE_INFINITY);
    while (
      examples.length < sampling.sources &&
      drawn < maxDraws &&
      performance.now() < deadline &&
      !this.stopped
    ) {
      // A partial Fisher–Yates shuffle: sources are drawn without replacement.
      const j = drawn + rng.int(ids.length - drawn);
      [ids[drawn], ids[j]] = [ids[j] as string, ids[drawn] as string];
      const sourceId = ids[drawn] as string;
      drawn++;
      const links = (await this.store.relationshipsOf([sourceId], null)).get(sourceId) ?? [];
      const hide =
        cut === null ? heldBack(sourceId, links, rng) : heldBackSince(sourceId, links, cut);
      if (!hide) continue;
      const ranked = await this.heldBackRanking(sourceId, hide.partners, hide.formedBefore);
      if (!ranked) continue;
      const held = new Set(hide.partners);
      // The embedded store answers in microtasks: without this the fit would hold the event loop
      // (and every request) for its whole run (20 s at 100k organisations).
      await new Promise<void>((resolve) => setImmediate(resolve));
      examples.push({
        values: ranked.map((c) => c.signals.map((x) => x.value)),
        positives: ranked.flatMap((c, i) => (held.has(c.id) ? [i] : [])),
        available: ranked[0]?.signals.map((x) => x.available) ?? SIGNAL_KINDS.map(() => false),
      });
    }
    return { examples, cutoffYear: cut };
  }

  /** The weight fit's cut-off year, from the relationships of up to 1,000 organisations. */
  private async recentCut(
    ids: readonly string[],
    sampling: WeightSampling,
  ): Promise<number | null> {
    const pool = [...ids];
    const rng = new Rng(sampling.seed + 1);
    const n = Math.min(pool.length, 1000);
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
    }
    const years: number[] = [];
    let undated = 0;
    for (let i = 0; i < n && !this.stopped; i += 250) {
      const found = await this.store.relationshipsOf(pool.slice(i, Math.min(n, i + 250)), null);
      for (const links of found.values()) {
        for (const r of links) {
          if (r.since === null) undated++;
          else years.push(r.since);
        }
      }
    }
    return cutYear(years, undated, sampling.recentShare);
  }

  /**
   * Every candidate the engine retrieves for the source, scored in full with the default weights,
   * as if its relationships with the `hide` partners did not exist (null: no such source). The
   * source's other partners are left out, as in a query. With `formedBefore` (the year the hidden
   * partners were met), the network and activity are scored as the graph stood at the start of
   * that year: every relationship formed since, anyone's, is left out too, so that partners
   * met in the same year (one project's members, say) do not pass for earlier mutual connections.
   */
  async heldBackRanking(
    sourceId: string,
    hide: readonly string[],
    formedBefore: number | null = null,
  ): Promise<ScoredCandidate[] | null> {
    const source = (await this.store.getOrganizations([sourceId])).get(sourceId);
    if (!source) return null;
    const { scored } = await this.retrieveAndScore(source, {}, this.defaultWeights, {
      exhaustive: false,
      limit: Number.MAX_SAFE_INTEGER,
      hide: new Set(hide),
      ...(formedBefore === null ? {} : { formedBefore }),
    });
    return scored.ranked;
  }

  /**
   * The link-type strengths learned from the graph (null: the fixed table). Learned on the first
   * match; afterwards a stale model keeps serving while a new one is learned in the background.
   */
  async linkTypeStrengths(): Promise<LinkTypeStrengths | null> {
    if (!this.weighLinkTypes || !this.learnLinkTypes) return null;
    const current = this.linkModel;
    if (current && Date.now() - current.at < this.relearnMs) return current.strengths;
    this.learning ??= this.learnStrengths().finally(() => {
      this.learning = null;
    });
    return current ? current.strengths : this.learning;
  }

  /** Every pair of link types with what it counts for now (the prior table without a model). */
  async linkTypeTable(): Promise<PairStrength[]> {
    const model = (await this.linkTypeStrengths()) ?? learnLinkStrengths([]);
    return [...model.pairs.values()].sort(
      (a, b) => b.strength - a.strength || pairKey(...a.types).localeCompare(pairKey(...b.types)),
    );
  }

  private async learnStrengths(): Promise<LinkTypeStrengths | null> {
    try {
      const strengths = learnLinkStrengths(await sampleWedges(this.store, this.wedgeSampling));
      this.linkModel = { strengths, at: Date.now() };
      return strengths;
    } catch (err) {
      // Matching goes on with the previous model or the fixed table; tried again next time.
      this.logger.warn(`learning link-type strengths failed: ${(err as Error).message}`);
      return this.linkModel?.strengths ?? null;
    }
  }

  async suggest(req: MatchRequest): Promise<MatchResult> {
    const end = this.metrics?.matchLatency.startTimer();
    const result = await this.rank(req, false);
    end?.();
    this.metrics?.matchCandidates.observe(result.candidateCount);
    return result;
  }

  /**
   * The exhaustive baseline: the same core scores every organisation that passes the filter,
   * with no candidate generation. For benchmarks and recall checks, never for the API.
   */
  suggestExhaustive(req: MatchRequest): Promise<MatchResult> {
    return this.rank(req, true);
  }

  private async rank(req: MatchRequest, exhaustive: boolean): Promise<MatchResult> {
    if (!Number.isInteger(req.first) || req.first < 1 || req.first > MAX_SUGGESTIONS) {
      throw badInput('first', `must be between 1 and ${MAX_SUGGESTIONS}`);
    }
    if (
      req.minScore !== null &&
      req.minScore !== undefined &&
      !(req.minScore >= 0 && req.minScore <= 1)
    ) {
      throw badInput('filter.minScore', 'must be between 0 and 1');
    }
    const weights = resolveWeights(req.weights, this.currentWeights());
    const source = (await this.store.getOrganizations([req.organizationId])).get(
      req.organizationId,
    );
    if (!source) throw notFound('organization', req.organizationId, 'organizationId');
    const { scored, candidateIds, channels } = await this.retrieveAndScore(source, req, weights, {
      exhaustive,
      limit: req.first,
    });
    const minScore = req.minScore ?? 0;
    const kept = scored.ranked
      .filter((s) => s.score >= minScore && s.score > 0)
      .slice(0, req.first);
    return {
      source,
      candidateCount: candidateIds.length,
      channels,
      suggestions: kept.map((s) => ({
        ...s,
        organization: scored.profiles.get(s.id) as OrganizationProfile,
      })),
    };
  }

  /**
   * Retrieves the source's candidates (or, exhaustive, every organisation passing the filter) and
   * scores the best `limit` in full. With `hide`, as if the source's relationships with those
   * organisations did not exist: they are candidates, no one's mutual connections, and the
   * source's other partners are left out (weight learning).
   */
  private async retrieveAndScore(
    source: OrganizationProfile,
    req: Omit<MatchRequest, 'organizationId' | 'first' | 'weights' | 'minScore'>,
    weights: SignalWeights,
    mode: {
      exhaustive: boolean;
      limit: number;
      hide?: ReadonlySet<string>;
      /** With `hide`: the network as it stood at the start of this year (heldBackRanking). */
      formedBefore?: number;
    },
  ): Promise<{
    scored: Awaited<ReturnType<MatchingService['score']>>;
    candidateIds: string[];
    channels: CandidateChannels;
  }> {
    const { exhaustive, hide } = mode;
    const formedBefore = hide === undefined ? undefined : mode.formedBefore;
    // The source's neighbourhood depends on nothing else: fetched while candidates are found.
    const neighbourhood = Promise.all([
      this.store.neighbours(source.id, formedBefore),
      this.store.relationshipsOf([source.id], null),
    ]);
    neighbourhood.catch(() => undefined); // awaited in score(); an earlier failure must not leave it unhandled

    const needTerms = this.phrases(source.needs);
    const offerTerms = this.phrases(source.offers);
    const descTerms = this.description(source);
    const sourceTermList = [
      ...new Set([
        ...needTerms.flatMap((p) => [...p.terms.keys()]),
        ...offerTerms.flatMap((p) => [...p.terms.keys()]),
        ...descTerms.keys(),
      ]),
    ];
    const [stats, sectorCounts, placeIds] = await Promise.all([
      this.store.termStats(sourceTermList),
      this.store.sectorCounts(source.sectors.map((s) => s.id)),
      req.placeIds?.length
        ? this.store.placeDescendants(req.placeIds.map(slugify))
        : Promise.resolve(null),
    ]);
    const filter = {
      kinds: req.kinds?.length ? req.kinds : null,
      sectorIds: req.sectorIds?.length ? req.sectorIds.map(slugify) : null,
      placeIds: placeIds ? [...placeIds].sort() : null,
      excludeConnected: !req.includeConnected && hide === undefined,
    };
    const sectorKeys = source.sectors
      .filter((s) => (sectorCounts.get(s.id) ?? 0) <= this.limits.maxFacetMembers)
      .map((s) => ({
        key: s.id,
        weight: intWeight(idf(stats.organizations, sectorCounts.get(s.id))),
      }));
    const needKeys = this.capabilityKeys(needTerms, stats);
    const offerKeys = this.capabilityKeys(offerTerms, stats);
    const textKeys = this.textKeys(
      [...new Set([...needTerms.flatMap((p) => [...p.terms.keys()]), ...descTerms.keys()])],
      stats,
    );
    const retrievedChannels: CandidateChannels = exhaustive
      ? channelsOf({
          sector: (await this.everyCandidate(source.id, filter)).map((id) => [id, 0] as const),
          needsAnswered: [],
          offersWanted: [],
          network: [],
          text: [],
          active: [],
        })
      : await this.store.matchCandidates({
          sourceId: source.id,
          cap: channelCapFor(stats.organizations, this.limits),
          filter,
          sectors: sectorKeys,
          needTerms: needKeys,
          offerTerms: offerKeys,
          maxCapabilityOrganizations: this.limits.maxFacetMembers,
          maxHubDegree: this.limits.maxHubDegree,
          textTerms: textKeys,
          activeCap: weights.ACTIVITY > 0 ? this.limits.activeCap : 0,
          ...(formedBefore === undefined ? {} : { formedBefore }),
        });
    const channels =
      hide === undefined
        ? retrievedChannels
        : withoutIds(
            retrievedChannels,
            new Set((await neighbourhood)[0].map((n) => n.id).filter((id) => !hide.has(id))),
          );
    const total = (keys: readonly WeightedKey[]): number => keys.reduce((a, k) => a + k.weight, 0);
    const retrieved = [...new Set(CHANNELS.flatMap((c) => channels[c]))];
    // Scored in full: the best `keep` estimates, never fewer than the suggestions asked for. The
    // weight fit scores as many as it always has (fitBlendKeep), so that serving with a smaller
    // keep does not narrow what the fit learns from.
    const keep =
      hide === undefined
        ? Math.max(this.limits.blendKeep, Math.min(mode.limit, MAX_SUGGESTIONS))
        : this.limits.fitBlendKeep;
    // Knowing the sector and geography values only matters when some must be left out.
    const blend =
      exhaustive || retrieved.length <= keep || !this.limits.blendWithProfiles
        ? undefined
        : await this.knownValues(
            source,
            stats.organizations,
            retrieved,
            {
              needs: keyGroups(needTerms, needKeys),
              offers: keyGroups(offerTerms, offerKeys),
            },
            formedBefore,
          );
    const known = blend?.known;
    const candidateIds = exhaustive
      ? channels.sector
      : blendCandidates(
          {
            ids: channels,
            scores: channels.scores,
            totals: {
              sector: total(sectorKeys),
              needsAnswered: total(needKeys),
              offersWanted: total(offerKeys),
              text: total(textKeys),
              active: stats.organizations,
            },
          },
          weights,
          { keep, perChannel: this.limits.channelKeep },
          (id) => known?.get(id),
        );
    const scored = await this.score(
      source,
      candidateIds,
      weights,
      stats,
      mode.limit,
      neighbourhood,
      blend,
      hide === undefined ? undefined : { hide, formedBefore },
    );
    return { scored, candidateIds, channels };
  }

  /**
   * Sector overlap and geography of every retrieved candidate, and an estimate of complementarity
   * from the retrieval terms its phrases hold: cheap enough to know for all of them before
   * choosing which to score in full.
   */
  private async knownValues(
    source: OrganizationProfile,
    organizations: number,
    ids: readonly string[],
    groups: { needs: TermGroup[]; offers: TermGroup[] },
    formedBefore?: number,
  ): Promise<BlendRead> {
    const [profiles, degrees] = await Promise.all([
      this.store.getOrganizations(ids),
      this.store.degrees(ids, formedBefore),
    ]);
    const sourceFacets = this.facets(source);
    const sectorIds = new Set<string>(sourceFacets.sectorIds);
    const placeIds = new Set<string>(sourceFacets.locations.map((l) => l.id));
    const candidates: [string, Facets, Pick<Analysed, 'needs' | 'offers'>][] = [];
    for (const p of profiles.values()) {
      const f = this.facets(p);
      for (const id of f.sectorIds) sectorIds.add(id);
      for (const l of f.locations) placeIds.add(l.id);
      candidates.push([p.id, f, this.analysedPhrases(p)]);
    }
    const [sectorCounts, chains] = await Promise.all([
      this.store.sectorCounts([...sectorIds]),
      this.store.placeAncestors([...placeIds]),
    ]);
    const valuesOf = knownValuesAgainst(sourceFacets, organizations, sectorCounts, chains);
    const answers = coverageAgainst(groups.needs);
    const wants = coverageAgainst(groups.offers);
    const out = new Map<string, KnownValues>();
    for (const [id, f, { needs, offers }] of candidates) {
      const known = valuesOf(f);
      known.complementarity = 1 - (1 - answers(offers)) * (1 - wants(needs));
      known.activity = activity(degrees.get(id) ?? 0, organizations);
      out.set(id, known);
    }
    return { known: out, profiles, sectorCounts, chains, degrees };
  }

  /** Scores the given candidates against the source with the pure core. */
  private async score(
    source: OrganizationProfile,
    candidateIds: readonly string[],
    weights: ReturnType<typeof resolveWeights>,
    sourceStats: TermStats,
    limit: number,
    neighbourhood: Promise<[Neighbour[], Map<string, Relationship[]>]>,
    /**
     * What the blend read of every retrieved candidate, a superset of the scored ones: their
     * profiles, degrees, sector counts and place chains are not read again.
     */
    read?: BlendRead,
    /**
     * Partners of the source to score as if they were not, and the year whose start the network
     * is seen from (see retrieveAndScore).
     */
    held?: { hide: ReadonlySet<string>; formedBefore: number | undefined },
  ): Promise<{ ranked: ScoredCandidate[]; profiles: Map<string, OrganizationProfile> }> {
    const hide = held?.hide;
    const formedBefore = held?.formedBefore;
    // Everything that needs the candidates' profiles starts as soon as they are known (at once
    // after the blend), beside the common neighbours: on Neo4j each wait is a round trip.
    const profilesRead = read
      ? Promise.resolve(read.profiles)
      : this.store.getOrganizations(candidateIds);
    const context = profilesRead.then(async (profiles) => {
      const all = [
        source,
        ...candidateIds
          .map((id) => profiles.get(id))
          .filter((p): p is OrganizationProfile => p !== undefined),
      ];
      const analysed = new Map(all.map((p) => [p.id, this.analysed(p)]));
      const terms = new Set<string>();
      for (const a of analysed.values()) {
        for (const ph of [...a.needs, ...a.offers]) for (const t of ph.terms.keys()) terms.add(t);
        for (const t of a.desc.keys()) terms.add(t);
      }
      const missing = [...terms].filter((t) => !sourceStats.descriptionDf.has(t));
      const [moreStats, sectorCounts, ancestors] = await Promise.all([
        this.store.termStats(missing),
        read?.sectorCounts ??
          this.store.sectorCounts([...new Set(all.flatMap((p) => p.sectors.map((x) => x.id)))]),
        read?.chains ??
          this.store.placeAncestors([...new Set(all.flatMap((p) => p.locations.map((l) => l.id)))]),
      ]);
      return { profiles, analysed, moreStats, sectorCounts, ancestors };
    });
    context.catch(() => undefined); // awaited below; an earlier failure must not leave it unhandled
    const [
      { profiles, analysed, moreStats, sectorCounts, ancestors },
      foundCommon,
      [foundNeighbours, foundLinks],
      linkModel,
      foundDegrees,
    ] = await Promise.all([
      context,
      this.store.commonNeighbours(source.id, candidateIds, formedBefore),
      neighbourhood,
      this.linkTypeStrengths(),
      read?.degrees ?? this.store.degrees(candidateIds, formedBefore),
    ]);
    const degrees = new Map(foundDegrees);
    const common =
      hide === undefined
        ? foundCommon
        : new Map([...foundCommon].map(([id, zs]) => [id, zs.filter((z) => !hide.has(z.id))]));
    const sourceNeighbours =
      hide === undefined ? foundNeighbours : foundNeighbours.filter((n) => !hide.has(n.id));
    const sourceLinks =
      hide === undefined
        ? foundLinks
        : new Map([
            [
              source.id,
              (foundLinks.get(source.id) ?? []).filter(
                (r) => !hide.has(r.from) && !hide.has(r.to) && isFormedBefore(r, formedBefore),
              ),
            ],
          ]);
    // Degrees as of a year leave out the held-back relationships already.
    if (hide !== undefined && formedBefore === undefined) {
      // The held-back partners without their relationships to the source.
      for (const r of foundLinks.get(source.id) ?? []) {
        const other = r.from === source.id ? r.to : r.from;
        if (hide.has(other)) degrees.set(other, Math.max(0, (degrees.get(other) ?? 0) - 1));
      }
    }
    // The types linking the source to each of its neighbours: a shared partner the source
    // collaborates with says more than a shared sponsor that merely supports it.
    const sourceTypes = new Map<string, RelationshipType[]>();
    for (const r of sourceLinks.get(source.id) ?? []) {
      const other = r.from === source.id ? r.to : r.from;
      sourceTypes.set(other, [...(sourceTypes.get(other) ?? []), r.type]);
    }
    const corpus: Corpus = {
      organizations: sourceStats.organizations,
      capabilities: sourceStats.capabilities,
      descriptionDf: new Map([...sourceStats.descriptionDf, ...moreStats.descriptionDf]),
      capabilityDf: new Map([...sourceStats.capabilityDf, ...moreStats.capabilityDf]),
      sectorCounts,
    };
    const degreeOf = new Map(sourceNeighbours.map((n) => [n.id, n.degree]));
    // A mutual connection is a neighbour of the source: its name comes with the neighbourhood.
    const nameOf = new Map(foundNeighbours.map((n) => [n.id, n.name]));
    const closures = placeClosures(ancestors);
    const toProfile = (p: OrganizationProfile): MatchProfile => {
      const a = analysed.get(p.id) as Analysed;
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        sectors: p.sectors,
        offers: a.offers,
        needs: a.needs,
        descriptionTerms: a.desc,
        descriptionWords: new Map(),
        locations: p.locations.map(placeRef),
        locationClosure: closures(null, p.locations),
        markets: p.markets.map(placeRef),
        relationshipCount: p.id === source.id ? sourceNeighbours.length : (degrees.get(p.id) ?? 0),
      };
    };
    const sourceProfile = toProfile(source);
    sourceProfile.descriptionWords = this.analyzer.surface(source.description ?? '');
    const evidence: CandidateEvidence[] = candidateIds
      .map((id) => profiles.get(id))
      .filter((p): p is OrganizationProfile => p !== undefined)
      .map((p) => ({
        profile: toProfile(p),
        mutual: (common.get(p.id) ?? []).map((z) => ({
          id: z.id,
          name: nameOf.get(z.id) ?? z.id,
          degree: degreeOf.get(z.id) ?? 2,
          strength: this.weighLinkTypes
            ? mutualStrength(linkModel, sourceTypes.get(z.id) ?? [], z.types)
            : 1,
        })),
      }));
    // Only the best `limit` are needed: scores at or above minScore are a prefix of the ranking.
    const ranked = rankCandidates(sourceProfile, evidence, corpus, weights, limit);
    return { ranked, profiles };
  }

  /** Every organisation passing the filter, other than the source (exhaustive baseline). */
  private async everyCandidate(sourceId: string, filter: CandidateFilter): Promise<string[]> {
    const ids = (await this.store.organizationIds()).filter((id) => id !== sourceId);
    const excluded = filter.excludeConnected
      ? new Set((await this.store.neighbours(sourceId)).map((n) => n.id))
      : new Set<string>();
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      const page = await this.store.getOrganizations(ids.slice(i, i + 5000));
      for (const p of page.values()) {
        if (excluded.has(p.id)) continue;
        if (filter.kinds && !filter.kinds.includes(p.kind)) continue;
        if (filter.sectorIds && !p.sectors.some((x) => filter.sectorIds?.includes(x.id))) continue;
        if (filter.placeIds && !p.locations.some((x) => filter.placeIds?.includes(x.id))) continue;
        out.push(p.id);
      }
    }
    return out;
  }

  /** Warm-introduction paths through existing relationships, best first. */
  async introductionPaths(
    fromId: string,
    toId: string,
    maxHops: number,
    first: number,
  ): Promise<RankedPath[]> {
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS)
      throw badInput('maxHops', `must be between 1 and ${MAX_HOPS}`);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PATHS)
      throw badInput('first', `must be between 1 and ${MAX_PATHS}`);
    if (fromId === toId) throw badInput('toId', 'must differ from fromId');
    const existing = await this.store.existingIds([fromId, toId]);
    if (!existing.has(fromId)) throw notFound('organization', fromId, 'fromId');
    if (!existing.has(toId)) throw notFound('organization', toId, 'toId');
    // Enough shortest paths to rank by strength and recency, not only by id.
    const paths = await this.store.paths(fromId, toId, maxHops, PATHS_TO_RANK);
    return rankPaths(paths).slice(0, first);
  }

  /**
   * A profile's analysed phrases and description. The embedded store hands out one frozen
   * profile object per organisation until it changes, so this is mostly a lookup.
   */
  private analysed(p: OrganizationProfile): Analysed {
    let a = this.analysedProfiles.get(p);
    if (!a) {
      a = { ...this.analysedPhrases(p), desc: this.description(p) };
      this.analysedProfiles.set(p, a);
    }
    return a;
  }

  /** The ids the blend reads of a profile, derived once per profile object. */
  private facets(p: OrganizationProfile): Facets {
    let f = this.profileFacets.get(p);
    if (!f) {
      f = {
        sectorIds: p.sectors.map((x) => x.id),
        locations: p.locations,
        marketIds: p.markets.map((m) => m.id),
      };
      this.profileFacets.set(p, f);
    }
    return f;
  }

  /** A profile's analysed phrases only (descriptions cost more to analyse). */
  private analysedPhrases(p: OrganizationProfile): Pick<Analysed, 'needs' | 'offers'> {
    let a = this.profilePhrases.get(p);
    if (!a) {
      a = { needs: this.phrases(p.needs), offers: this.phrases(p.offers) };
      this.profilePhrases.set(p, a);
    }
    return a;
  }

  private phrases(nodes: readonly NamedNode[]): Phrase[] {
    return nodes.map((n) => ({
      id: n.id,
      name: n.name,
      terms: this.cache.terms(`c:${n.id}`, n.name),
    }));
  }

  private description(p: OrganizationProfile): Map<string, number> {
    return this.cache.terms(`d:${p.id}:${p.updatedAt}`, p.description ?? '');
  }

  private capabilityKeys(phrases: readonly Phrase[], stats: TermStats): WeightedKey[] {
    const terms = [...new Set(phrases.flatMap((p) => [...p.terms.keys()]))].sort();
    return terms
      .filter((t) => (stats.capabilityDf.get(t) ?? 0) <= this.limits.maxTermDf)
      .map((t) => ({
        key: t,
        weight: intWeight(idf(stats.capabilities, stats.capabilityDf.get(t))),
      }));
  }

  private textKeys(terms: readonly string[], stats: TermStats): WeightedKey[] {
    return terms
      .filter((t) => {
        const df = stats.descriptionDf.get(t) ?? 0;
        return df >= 1 && df <= this.limits.maxTermDf;
      })
      .map((t) => ({
        key: t,
        weight: intWeight(idf(stats.organizations, stats.descriptionDf.get(t))),
      }))
      .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1))
      .slice(0, this.limits.textTerms);
  }
}

const placeRef = (p: PlaceNode): PlaceRef => ({ id: p.id, name: p.name, kind: p.kind });

/** Each phrase's retrieval terms with their weights (terms too common to retrieve by left out). */
function keyGroups(phrases: readonly Phrase[], keys: readonly WeightedKey[]): TermGroup[] {
  const weight = new Map(keys.map((k) => [k.key, k.weight]));
  return phrases.map((p) =>
    termGroup(
      new Map(
        [...p.terms.keys()].flatMap((t): [string, number][] =>
          weight.has(t) ? [[t, weight.get(t) as number]] : [],
        ),
      ),
    ),
  );
}

/** Place closures (locations and every place they lie within), shared between organisations. */
function placeClosures(
  ancestors: ReadonlyMap<string, readonly PlaceNode[]>,
): (key: string | null, locations: readonly PlaceNode[]) => PlaceRef[] {
  const refs = new Map<string, PlaceRef>();
  const ref = (p: PlaceNode): PlaceRef => {
    let r = refs.get(p.id);
    if (!r) refs.set(p.id, (r = placeRef(p)));
    return r;
  };
  const closures = new Map<string, PlaceRef[]>();
  return (given, locations) => {
    const key = given ?? locations.map((l) => l.id).join('\u0000');
    let closure = closures.get(key);
    if (!closure) {
      const byId = new Map<string, PlaceRef>();
      for (const l of locations) for (const x of ancestors.get(l.id) ?? [l]) byId.set(x.id, ref(x));
      closure = [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
      closures.set(key, closure);
    }
    return closure;
  };
}

/** The channels without the given organisations (their scores kept aligned). */
function withoutIds(channels: CandidateChannels, drop: ReadonlySet<string>): CandidateChannels {
  const lists = {} as Record<ChannelName, (readonly [string, number])[]>;
  for (const c of CHANNELS) {
    lists[c] = channels[c]
      .map((id, i) => [id, channels.scores[c][i] as number] as const)
      .filter(([id]) => !drop.has(id));
  }
  return channelsOf(lists);
}

/**
 * The partners of `sourceId` to hold back for weight fitting: those it first worked with in its
 * latest year, when its relationships have years and some partners date from before; otherwise
 * one at random. Null when fewer than two partners (nothing would be left).
 */
export function heldBack(
  sourceId: string,
  links: readonly Relationship[],
  rng: Rng,
): HeldBack | null {
  const first = new Map<string, number | null>();
  for (const r of links) {
    const other = r.from === sourceId ? r.to : r.from;
    if (other === sourceId) continue;
    const seen = first.get(other);
    const year = r.since;
    if (!first.has(other)) first.set(other, year);
    else if (year !== null && (seen === null || seen === undefined || year < seen))
      first.set(other, year);
  }
  const partners = [...first.keys()].sort();
  if (partners.length < 2) return null;
  const years = partners.map((p) => first.get(p)).filter((y): y is number => y != null);
  if (years.length === partners.length) {
    const latest = Math.max(...years);
    const newest = partners.filter((p) => first.get(p) === latest);
    if (newest.length < partners.length) return { partners: newest, formedBefore: latest };
  }
  return { partners: [partners[rng.int(partners.length)] as string], formedBefore: null };
}

/**
 * Partners held back for the weight fit, and, when they are the newest (met in one year), that
 * year: they are ranked as the network stood at its start (heldBackRanking).
 */
export interface HeldBack {
  partners: string[];
  formedBefore: number | null;
}

/** The year from which the newest `share` of the dated relationships were formed. */
export function cutYear(years: readonly number[], undated: number, share: number): number | null {
  if (years.length === 0 || years.length < undated || !(share > 0 && share < 1)) return null;
  const sorted = [...years].sort((a, b) => a - b);
  const cut = sorted[
    Math.min(sorted.length - 1, Math.floor(sorted.length * (1 - share)))
  ] as number;
  return cut > (sorted[0] as number) ? cut : null;
}

/** The partners of `sourceId` first met in year `cut` or later (undated counts as earlier). */
export function heldBackSince(
  sourceId: string,
  links: readonly Relationship[],
  cut: number,
): HeldBack | null {
  const first = new Map<string, number>();
  for (const r of links) {
    const other = r.from === sourceId ? r.to : r.from;
    if (other === sourceId) continue;
    const year = r.since ?? Number.NEGATIVE_INFINITY;
    first.set(other, Math.min(first.get(other) ?? Number.POSITIVE_INFINITY, year));
  }
  const partners = [...first.keys()].filter((p) => (first.get(p) as number) >= cut).sort();
  return partners.length > 0 ? { partners, formedBefore: cut } : null;
}

/** What the blend reads of the retrieved candidates, passed on so that scoring does not read it again. */
interface BlendRead {
  known: Map<string, KnownValues>;
  profiles: Map<string, OrganizationProfile>;
  degrees: Map<string, number>;
  sectorCounts: Map<string, number>;
  chains: Map<string, PlaceChain>;
}
