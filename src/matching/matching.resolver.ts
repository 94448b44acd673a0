// Thin resolvers over MatchingService; nested organisations come through the DataLoaders.
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '../common/graphql/context';
import type { OrganizationProfile } from '../graph/graph.types';
import { toRelationshipModel } from '../organizations/organization.mapper';
import { MatchFilter, SignalWeight } from './dto/match.inputs';
import { MAX_PATHS, MatchingService } from './matching.service';
import { Allow, arg, EVERYONE } from '../auth/policy';
import {
  CapabilityMatch,
  IntroductionPath,
  LinkTypeStrength,
  MatchSuggestion,
  SignalWeightSettings,
} from './models/match.models';
import { toSignalWeightSettings } from './signal-weights.mapper';

@Resolver(() => MatchSuggestion)
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Allow({ roles: EVERYONE, ownOrganization: arg('organizationId') })
  @Query(() => [MatchSuggestion], {
    description: 'Organisations the given one should work with, best first, with the evidence.',
  })
  async matchSuggestions(
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 10, description: '1–100' }) first: number,
    @Args('filter', { type: () => MatchFilter, nullable: true }) filter?: MatchFilter | null,
    @Args('weights', {
      type: () => [SignalWeight],
      nullable: true,
      description: 'Overrides of the default weights.',
    })
    weights?: SignalWeight[] | null,
  ): Promise<MatchSuggestion[]> {
    const result = await this.matching.suggest({ organizationId, first, ...filter, weights });
    ctx.loaders.prime([result.source, ...result.suggestions.map((s) => s.organization)]);
    return result.suggestions.map((s) => ({
      organization: s.organization,
      score: s.score,
      signals: s.signals,
      reasons: s.reasons,
      sharedSectors: s.sharedSectors,
      capabilityMatches: s.capabilityMatches.map((m) => ({
        need: { id: m.need.id, name: m.need.name },
        offer: { id: m.offer.id, name: m.offer.name },
        neederId: m.neederId,
        offererId: m.offererId,
        similarity: m.similarity,
      })) as CapabilityMatch[],
      mutualIds: s.mutual.map((m) => m.id),
    })) as MatchSuggestion[];
  }

  @ResolveField()
  mutualConnections(
    @Parent() s: MatchSuggestion,
    @Context() ctx: GqlContext,
  ): Promise<(OrganizationProfile | null)[]> {
    return Promise.all(s.mutualIds.map((id) => ctx.loaders.organization.load(id)));
  }

  @Allow({ roles: EVERYONE })
  @Query(() => [LinkTypeStrength], {
    description:
      'How much a mutual connection counts, for every pair of link types, as learned from the graph (the fixed prior when learning is off), strongest first.',
  })
  async linkTypeStrengths(): Promise<LinkTypeStrength[]> {
    return this.matching.linkTypeTable();
  }

  @Allow({ roles: EVERYONE })
  @Query(() => SignalWeightSettings, {
    description:
      'The signal weights match queries start from: fitted to this graph when that ranks held-back partners better, the tuned defaults otherwise. Never waits for a fit.',
  })
  signalWeights(): SignalWeightSettings {
    return toSignalWeightSettings(this.matching.weightStatus());
  }

  @Allow({ roles: EVERYONE, ownOrganization: arg('fromId') })
  @Query(() => [IntroductionPath], {
    description:
      'Warm-introduction paths through existing relationships: fewer hops, then stronger and more recent links first.',
  })
  async introductionPaths(
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('toId', { type: () => ID }) toId: string,
    @Args('maxHops', { type: () => Int, defaultValue: 3, description: '1–4' }) maxHops: number,
    @Args('first', { type: () => Int, defaultValue: 3, description: `1–${MAX_PATHS}` })
    first: number,
  ): Promise<IntroductionPath[]> {
    const paths = await this.matching.introductionPaths(fromId, toId, maxHops, first);
    return paths.map((p) => ({
      organizationIds: p.organizationIds,
      relationships: p.relationships.map(toRelationshipModel),
      hops: p.hops,
      strength: p.strength,
      recency: p.recency,
    })) as IntroductionPath[];
  }
}

@Resolver(() => CapabilityMatch)
export class CapabilityMatchResolver {
  @ResolveField()
  needer(@Parent() m: CapabilityMatch, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(m.neederId);
  }

  @ResolveField()
  offerer(@Parent() m: CapabilityMatch, @Context() ctx: GqlContext) {
    return ctx.loaders.organization.load(m.offererId);
  }
}

@Resolver(() => IntroductionPath)
export class IntroductionPathResolver {
  @ResolveField()
  organizations(@Parent() p: IntroductionPath, @Context() ctx: GqlContext) {
    return Promise.all(p.organizationIds.map((id) => ctx.loaders.organization.load(id)));
  }
}
