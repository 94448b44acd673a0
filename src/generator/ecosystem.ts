// A whole synthetic ecosystem from a seed: places, organisations, relationships and an optional
// held-out set of relationships, plus the graph-file records that describe it. Pure and
// deterministic: the same options give byte-identical files (no clock, no Math.random).
import type {
  PlaceRecord,
  OrganizationRecord,
  RelationshipRecord,
} from '../graph-file/graph-file-writer';
import { RELATIONSHIP_TYPES, RelationshipType } from '../graph/graph.types';
import { profileOf } from './kinds';
import { GeneratedOrganization, OrganizationFactory } from './organizations';
import { buildPlaces, PlaceHierarchy } from './places';
import { Rng } from './prng';
import { EdgeList, generateRelationships, holdOut } from './relationships';
import { buildTopicModel } from './topic-model';
import { TOPICS } from './vocabulary';

export interface EcosystemOptions {
  organizations: number;
  seed: number;
  /** Average relationships per organisation (relationships ≈ organisations × this). */
  relsPerOrg?: number;
  /** Fraction of relationships held out of the graph (0 for none). */
  holdout?: number;
}

export interface Ecosystem {
  places: PlaceHierarchy;
  organizations: GeneratedOrganization[];
  edges: EdgeList;
  /** 1 for relationships held out of the graph. */
  heldOut: Uint8Array;
}

export const DEFAULT_RELS_PER_ORG = 10;

export function generateEcosystem(options: EcosystemOptions): Ecosystem {
  const n = options.organizations;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('generator: organizations must be ≥ 1');
  const relsPerOrg = options.relsPerOrg ?? DEFAULT_RELS_PER_ORG;
  if (!(relsPerOrg >= 0)) throw new RangeError('generator: relsPerOrg must be ≥ 0');
  const fraction = options.holdout ?? 0;
  if (!(fraction >= 0 && fraction < 1))
    throw new RangeError('generator: holdout must be in [0, 1)');

  // One stream per stage: changing how one stage draws leaves the others' output unchanged.
  const root = new Rng(options.seed);
  const places = buildPlaces(root.fork(1));
  const topics = buildTopicModel(root.fork(2), places);
  const factory = new OrganizationFactory(root.fork(3), places, topics);
  const organizations = Array.from({ length: n }, (_, i) => factory.create(i));
  const edges = generateRelationships(root.fork(4), organizations, { relsPerOrg });
  const heldOut = holdOut(root.fork(5), edges, n, fraction);
  return { places, organizations, edges, heldOut };
}

// ── graph-file records ─────────────────────────────────────────────────────────

export function* placeRecords(eco: Ecosystem): Generator<PlaceRecord> {
  const all = eco.places.places;
  // Parents come before children in the hierarchy's construction order.
  for (const p of all) {
    const parent = p.parent >= 0 ? all[p.parent] : undefined;
    yield { name: p.name, kind: p.kind, ...(parent && { within: parent.name }) };
  }
}

export function* organizationRecords(eco: Ecosystem): Generator<OrganizationRecord> {
  const placeName = (i: number): string => eco.places.places[i]?.name ?? '';
  for (const o of eco.organizations) {
    yield {
      id: o.id,
      name: o.name,
      kind: profileOf(o.kind).kind,
      description: o.description,
      aliases: o.aliases,
      sectors: o.sectors,
      offers: o.offerPhrases,
      needs: o.needPhrases,
      locations:
        o.extraLocation >= 0
          ? [placeName(o.site), placeName(o.extraLocation)]
          : [placeName(o.site)],
      markets: o.markets.map(placeName),
      website: o.website,
      founded: o.founded,
      strategicEnterprise: o.strategicEnterprise,
    };
  }
}

const DESCRIPTIONS: Readonly<Record<RelationshipType, readonly string[]>> = {
  COLLABORATES_WITH: [
    'Joint project on {topic}',
    'Research collaboration on {topic}',
    'Co-development of {topic}',
  ],
  SUPPLIES: ['Supplies {topic} technology', 'Supplier of {topic} products and services'],
  FUNDS: ['Investment in {topic}', 'Funding for {topic} work'],
  SUPPORTS: ['Support programme for {topic}', 'Facilities and advice for {topic} projects'],
  PART_OF: ['Member organisation working on {topic}'],
};

export function relationshipRecord(eco: Ecosystem, e: number): RelationshipRecord {
  const { edges, organizations } = eco;
  const type = RELATIONSHIP_TYPES[edges.type[e] as number] as RelationshipType;
  const templates = DESCRIPTIONS[type];
  const topic = TOPICS[edges.topic[e] as number]?.name ?? 'innovation';
  const since = edges.since[e] as number;
  return {
    from: (organizations[edges.from[e] as number] as GeneratedOrganization).id,
    to: (organizations[edges.to[e] as number] as GeneratedOrganization).id,
    type,
    since: since === 0 ? null : since,
    // The choice of wording is a function of the edge, so no random stream is needed here.
    description: (templates[e % templates.length] as string).replace('{topic}', topic),
    source: 'generated',
  };
}

/** Relationships kept in the graph (not held out). */
export function* relationshipRecords(eco: Ecosystem): Generator<RelationshipRecord> {
  for (let e = 0; e < eco.edges.count; e++) {
    if (!eco.heldOut[e]) yield relationshipRecord(eco, e);
  }
}

/** Held-out pairs as [from id, to id]; one relationship per pair, so already distinct. */
export function* heldOutPairs(eco: Ecosystem): Generator<[string, string]> {
  for (let e = 0; e < eco.edges.count; e++) {
    if (!eco.heldOut[e]) continue;
    const r = relationshipRecord(eco, e);
    yield [r.from, r.to];
  }
}
