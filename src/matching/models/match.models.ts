import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Capability,
  Organization,
  Relationship,
  Sector,
} from '../../organizations/models/organization.model';
import type { RelationshipType } from '../../graph/graph.types';
import { RelationshipTypeEnum } from '../../organizations/models/enums';
import { SIGNAL_KINDS, type SignalKind } from '../core/match.types';

export const SignalKindEnum = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, k])) as Record<
  SignalKind,
  SignalKind
>;
registerEnumType(SignalKindEnum, {
  name: 'SignalKind',
  description: 'The evidence a match score is made of.',
});

@ObjectType({
  description: "One signal's part in a score: contribution = weight × value / Σ weights used.",
})
export class MatchSignal {
  @Field(() => SignalKindEnum) kind!: SignalKind;
  @Field(() => Float, { description: '0..1' }) value!: number;
  @Field(() => Float) weight!: number;
  @Field(() => Float) contribution!: number;
  @Field({
    description:
      'False when the source has no data for this signal (cold start); it is then left out of the score.',
  })
  available!: boolean;
}

@ObjectType({ description: 'A need of one organisation answered by an offer of the other.' })
export class CapabilityMatch {
  @Field(() => Capability) need!: Capability;
  @Field(() => Capability) offer!: Capability;
  neederId!: string;
  offererId!: string;
  @Field(() => Organization) needer!: Organization;
  @Field(() => Organization) offerer!: Organization;
  @Field(() => Float) similarity!: number;
}

@ObjectType()
export class MatchSuggestion {
  @Field(() => Organization) organization!: Organization;
  @Field(() => Float, { description: '0..1, the weighted sum of the signals.' }) score!: number;
  @Field(() => [MatchSignal]) signals!: MatchSignal[];
  @Field(() => [String], { description: 'Sentences built from the evidence below.' })
  reasons!: string[];
  @Field(() => [Sector]) sharedSectors!: Sector[];
  @Field(() => [CapabilityMatch], { description: 'Need ↔ offer pairs, both directions.' })
  capabilityMatches!: CapabilityMatch[];
  mutualIds!: string[];
  @Field(() => [Organization]) mutualConnections!: Organization[];
}

@ObjectType({ description: 'A chain of existing relationships for a warm introduction.' })
export class IntroductionPath {
  organizationIds!: string[];
  @Field(() => [Organization]) organizations!: Organization[];
  @Field(() => [Relationship]) relationships!: Relationship[];
  @Field(() => Int) hops!: number;
  @Field(() => Float, { description: 'Product of the link strengths per hop, 0..1.' })
  strength!: number;
  @Field(() => Int, { nullable: true, description: 'The oldest hop’s latest start year.' })
  recency!: number | null;
}

@ObjectType({
  description:
    'What a mutual connection counts for in the NETWORK signal, by the types of its two links (to the source and to the candidate), learned from the graph: how often such wedges are closed against what Adamic–Adar expects from their centres’ degrees (1 = as expected), shrunk towards the fixed prior when seldom seen.',
})
export class LinkTypeStrength {
  @Field(() => [RelationshipTypeEnum], { description: 'The two link types, sorted.' })
  types!: RelationshipType[];
  @Field(() => Float) strength!: number;
  @Field(() => Float, { description: 'The fixed table’s value, used when the graph says little.' })
  prior!: number;
  @Field(() => Int, { description: 'Sampled wedges with these link types.' }) observed!: number;
  @Field(() => Int, { description: 'Of those, wedges whose two ends are related.' })
  closed!: number;
  @Field(() => Float, { description: 'Closed wedges Adamic–Adar would expect among them.' })
  expected!: number;
}

@ObjectType({ description: "A signal's weight, and its tuned default." })
export class SignalWeightValue {
  @Field(() => SignalKindEnum) kind!: SignalKind;
  @Field(() => Float) weight!: number;
  @Field(() => Float, {
    description: 'The tuned default (from the offline evaluation on generated graphs).',
  })
  default!: number;
}

@ObjectType({
  description:
    'How well a set of weights ranks partners held back from the graph: the share of sources whose held-back partner is in the top 10, and its mean reciprocal rank.',
})
export class HeldBackQuality {
  @Field(() => Float) hitsAt10!: number;
  @Field(() => Float) mrr!: number;
}

@ObjectType({
  description:
    'A fit of the signal weights to this graph: sources with their newest partners held back (those met since a cut-off year, the graph seen as it stood then, when relationships have years; otherwise one partner at random), ranked as a query would rank them; weights fitted on half of the sources and kept only if they rank the other half better than the defaults.',
})
export class SignalWeightFit {
  @Field({ description: 'Whether the fitted weights are the ones in use.' }) kept!: boolean;
  @Field(() => [SignalWeightValue]) fitted!: SignalWeightValue[];
  @Field(() => Int, { description: 'Held-back partners the weights were fitted on.' })
  fitExamples!: number;
  @Field(() => Int, { description: 'Held-back partners the fit was checked on.' })
  checkExamples!: number;
  @Field(() => HeldBackQuality, { description: 'The defaults, on the check half.' })
  defaultQuality!: HeldBackQuality;
  @Field(() => HeldBackQuality, { description: 'The fitted weights, on the check half.' })
  fittedQuality!: HeldBackQuality;
  @Field(() => Float, {
    description:
      'The fitted weights’ gain on the check half, in hit + reciprocal rank per held-back partner. Kept when above 1.645 standard errors.',
  })
  checkGain!: number;
  @Field(() => Float, { description: 'The standard error of checkGain.' })
  checkGainStandardError!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'The year from which the held-back partners were met, the graph seen as it stood at its start (where the newest tenth of the dated relationships begins). Null when too few relationships have years: each source’s own latest year, or one partner at random, was held back.',
  })
  cutoffYear!: number | null;
}

@ObjectType({
  description:
    'The signal weights a match query starts from (a query can override each), and where they come from.',
})
export class SignalWeightSettings {
  @Field(() => [SignalWeightValue]) weights!: SignalWeightValue[];
  @Field({ description: 'True when the weights in use were fitted to this graph.' })
  fitted!: boolean;
  @Field({ description: 'True while a fit runs (queries meanwhile use the weights above).' })
  fitting!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'When the last fit finished, or found the graph too small to fit on (ISO 8601).',
  })
  fittedAt!: string | null;
  @Field(() => SignalWeightFit, {
    nullable: true,
    description:
      'The last fit; null while none has finished, when learning is off, or when the graph has too few organisations with two or more partners to fit on.',
  })
  fit!: SignalWeightFit | null;
}
