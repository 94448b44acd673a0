// Generated organisations: a kind, 1–3 topics of interest (the first by popularity, the others
// mostly its neighbours), a site (often one of the topic's hubs), offers and needs as capability
// concepts of its topics (each worded by one paraphrase), and a name and description built from
// them, so text similarity carries the same signal as the structured facets.
import { KIND_PROFILES, KindProfile, profileOf } from './kinds';
import { acronym, NameFactory } from './names';
import type { PlaceHierarchy } from './places';
import { Rng, WeightedSampler } from './prng';
import type { TopicModel } from './topic-model';
import {
  ASPECTS,
  aspectApplies,
  conceptOf,
  conceptPhrase,
  FINE_SECTORS,
  OASES_SECTORS,
  Topic,
  TOPICS,
} from './vocabulary';

export interface GeneratedOrganization {
  id: string;
  name: string;
  /** Index into KIND_PROFILES. */
  kind: number;
  topics: number[];
  /** Place index of its site, and of its city. */
  site: number;
  city: number;
  /** A second location (a city elsewhere) for some multinationals, else -1. */
  extraLocation: number;
  markets: number[];
  offers: number[];
  needs: number[];
  offerPhrases: string[];
  needPhrases: string[];
  sectors: string[];
  aliases: string[];
  description: string;
  founded: number | null;
  website: string | null;
  strategicEnterprise: boolean;
}

export const organizationId = (i: number): string => `g-${String(i + 1).padStart(6, '0')}`;

const topicAt = (i: number): Topic => TOPICS[i] as Topic;

function joinPhrases(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export class OrganizationFactory {
  private readonly kinds = new WeightedSampler(KIND_PROFILES.map((p) => p.share));
  private readonly siteSampler: WeightedSampler;
  private readonly citySampler: WeightedSampler;
  private readonly names: NameFactory;

  constructor(
    private readonly rng: Rng,
    private readonly places: PlaceHierarchy,
    private readonly topics: TopicModel,
  ) {
    const weightOf = (i: number): number => places.places[i]?.weight ?? 0;
    this.siteSampler = new WeightedSampler(places.sites.map(weightOf));
    this.citySampler = new WeightedSampler(places.cities.map(weightOf));
    this.names = new NameFactory(rng);
  }

  create(index: number): GeneratedOrganization {
    const rng = this.rng;
    const kind = this.kinds.sample(rng);
    const profile = profileOf(kind);
    const topics = this.interests();
    const first = topics[0] as number;
    const hubs = this.topics.hubs[first] ?? [];
    const site =
      hubs.length > 0 && rng.chance(0.55)
        ? rng.pick(hubs)
        : (this.places.sites[this.siteSampler.sample(rng)] as number);
    const city = this.places.places[site]?.city ?? -1;

    const offers = this.concepts(profile.offers, profile.offerAspects, topics, 0.9, new Set());
    const needs = this.concepts(profile.needs, profile.needAspects, topics, 0.65, new Set(offers));
    const offerPhrases = offers.map((c) => conceptPhrase(c, rng.int(4), profile.researchStyle));
    const needPhrases = needs.map((c) => conceptPhrase(c, rng.int(4), false));

    const name = this.names.name(profile.names, topicAt(first).short, topicAt(first).name);
    const alias = rng.chance(0.2) ? acronym(name) : null;
    const founded = rng.chance(0.9) ? this.foundedYear(profile) : null;
    return {
      id: organizationId(index),
      name,
      kind,
      topics,
      site,
      city,
      extraLocation:
        profile.kind === 'ENTERPRISE' && rng.chance(0.1)
          ? (this.places.cities[this.citySampler.sample(rng)] as number)
          : -1,
      markets: this.markets(),
      offers,
      needs,
      offerPhrases,
      needPhrases,
      sectors: this.sectors(topics),
      aliases: alias ? [alias] : [],
      description: this.describe(profile, name, city, topics, offerPhrases, needPhrases),
      founded,
      website: rng.chance(0.6)
        ? `https://www.${name
            .toLowerCase()
            .replace(/[^a-z0-9]+/gu, '-')
            .replace(/^-|-$/gu, '')}.example`
        : null,
      strategicEnterprise: profile.kind === 'ENTERPRISE' && rng.chance(0.05),
    };
  }

  /** 1–3 topics: the first by popularity, the others mostly its neighbours (coherent interests). */
  private interests(): number[] {
    const rng = this.rng;
    const first = this.topics.popularity.sample(rng);
    const count = 1 + (rng.chance(0.6) ? 1 : 0) + (rng.chance(0.25) ? 1 : 0);
    const topics = [first];
    for (let k = 0; k < count * 3 && topics.length < count; k++) {
      const neighbours = this.topics.neighbours[first] ?? [];
      const t =
        neighbours.length > 0 && rng.chance(0.7)
          ? rng.pick(neighbours)
          : this.topics.popularity.sample(rng);
      if (!topics.includes(t)) topics.push(t);
    }
    return topics;
  }

  /** Distinct concepts of the organisation's topics (or, with 1-own, of their neighbours). */
  private concepts(
    range: readonly [number, number],
    aspects: readonly string[],
    topics: readonly number[],
    own: number,
    exclude: ReadonlySet<number>,
  ): number[] {
    const rng = this.rng;
    const want = rng.between(range[0], range[1]);
    const out: number[] = [];
    for (let attempt = 0; attempt < want * 4 && out.length < want; attempt++) {
      let topic = rng.pick(topics);
      if (!rng.chance(own)) topic = rng.pick(this.topics.neighbours[topic] ?? [topic]);
      const aspect = ASPECTS.indexOf(rng.pick(aspects) as (typeof ASPECTS)[number]);
      if (!aspectApplies(topicAt(topic), aspect)) continue;
      const concept = conceptOf(topic, aspect);
      if (!exclude.has(concept) && !out.includes(concept)) out.push(concept);
    }
    return out;
  }

  private sectors(topics: readonly number[]): string[] {
    const out = new Set<string>();
    for (const t of topics) out.add(OASES_SECTORS[topicAt(t).oases] as string);
    for (const t of topics) out.add((FINE_SECTORS[topicAt(t).fine] as { name: string }).name);
    return [...out];
  }

  private markets(): number[] {
    const rng = this.rng;
    const count = rng.pick([0, 0, 1, 1, 2, 3]);
    const out = new Set<number>();
    for (let k = 0; k < count; k++) out.add(rng.pick(this.places.markets));
    return [...out];
  }

  /** Recent years are likelier for young kinds: the newest firms are the most numerous. */
  private foundedYear(profile: KindProfile): number {
    const [min, max] = profile.founded;
    const age = Math.abs(this.rng.normal()) * (max - min) * 0.35;
    return Math.max(min, Math.round(max - age));
  }

  private describe(
    profile: KindProfile,
    name: string,
    city: number,
    topics: readonly number[],
    offers: readonly string[],
    needs: readonly string[],
  ): string {
    const rng = this.rng;
    const cityPlace = this.places.places[city];
    const country = cityPlace ? this.places.places[cityPlace.country] : undefined;
    const topicWords = topics.map((t) => (rng.chance(0.7) ? topicAt(t).name : topicAt(t).alt));
    return rng
      .pick(profile.descriptions)
      .replace('{name}', name)
      .replace('{city}', cityPlace?.name ?? 'Hong Kong')
      .replace('{country}', country?.name ?? 'China')
      .replace('{topics}', joinPhrases(topicWords))
      .replace('{offers}', offers.length ? joinPhrases(offers.slice(0, 2)) : 'advice to partners')
      .replace('{needs}', needs.length ? joinPhrases(needs.slice(0, 2)) : 'new partners');
  }
}
