// The operations the dashboard sends, with the shapes of their answers (the API's public contract,
// docs/design.md). Each function is one request.
import { gql } from './api';

export const ORGANIZATION_KINDS = [
  'ENTERPRISE',
  'LAB',
  'UNIVERSITY',
  'CLIENT',
  'GOVERNMENT',
  'FACILITY',
  'INVESTOR',
  'OTHER',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const SIGNAL_KINDS = [
  'COMPLEMENTARITY',
  'SECTOR',
  'CAPABILITY',
  'TEXT',
  'NETWORK',
  'GEOGRAPHY',
  'ACTIVITY',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type RelationshipType = 'COLLABORATES_WITH' | 'SUPPLIES' | 'FUNDS' | 'SUPPORTS' | 'PART_OF';

export interface OrgRef {
  id: string;
  name: string;
  kind: OrganizationKind;
}
export interface Sector {
  id: string;
  name: string;
}
export interface Capability {
  id: string;
  name: string;
}
/** A place and (two levels of) the places it lies within. */
export interface Place {
  id: string;
  name: string;
  kind: string;
  within?: Place | null;
}
export interface Relationship {
  type: RelationshipType;
  since: number | null;
  description: string | null;
  source: string | null;
  from: OrgRef;
  to: OrgRef;
}

export interface Organization extends OrgRef {
  description: string | null;
  aliases: string[];
  website: string | null;
  founded: number | null;
  strategicEnterprise: boolean;
  sectors: Sector[];
  offers: Capability[];
  needs: Capability[];
  locations: Place[];
  markets: Place[];
}

export interface SearchHit extends OrgRef {
  aliases: string[];
  description: string | null;
  sectors: Sector[];
}

export interface SearchPage {
  totalCount: number;
  hits: SearchHit[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface MatchSignal {
  kind: SignalKind;
  value: number;
  weight: number;
  contribution: number;
  available: boolean;
}
export interface CapabilityMatch {
  need: Capability;
  offer: Capability;
  needer: OrgRef;
  offerer: OrgRef;
  similarity: number;
}
export interface Suggestion {
  organization: OrgRef & { locations: { id: string; name: string }[] };
  score: number;
  signals: MatchSignal[];
  reasons: string[];
  sharedSectors: Sector[];
  capabilityMatches: CapabilityMatch[];
  mutualConnections: OrgRef[];
}

export interface MatchFilter {
  kinds?: OrganizationKind[];
  sectorIds?: string[];
  placeIds?: string[];
  includeConnected?: boolean;
}
export type Weights = Record<SignalKind, number>;

export interface IntroductionPath {
  hops: number;
  strength: number;
  organizations: OrgRef[];
  relationships: {
    type: RelationshipType;
    since: number | null;
    from: { id: string };
    to: { id: string };
  }[];
}

export interface EcosystemStats {
  organizationCount: number;
  relationshipCount: number;
  byKind: { kind: OrganizationKind; count: number }[];
  bySector: { sector: Sector; count: number }[];
  topConnectors: { organization: OrgRef; degree: number }[];
}

const ORG_REF = 'id name kind';
const PLACE = 'id name kind within { id name kind within { id name kind } }';

export async function searchOrganizations(
  args: {
    search: string | null;
    kinds: OrganizationKind[];
    sectorIds: string[];
    after: string | null;
    first?: number;
  },
  signal?: AbortSignal,
): Promise<SearchPage> {
  const data = await gql<{
    organizations: {
      totalCount: number;
      edges: { node: SearchHit }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>(
    `query Search($search: String, $kinds: [OrganizationKind!], $sectorIds: [ID!], $first: Int!, $after: String) {
      organizations(search: $search, kinds: $kinds, sectorIds: $sectorIds, first: $first, after: $after) {
        totalCount
        edges { node { ${ORG_REF} aliases description sectors { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    {
      search: args.search || null,
      kinds: args.kinds.length ? args.kinds : null,
      sectorIds: args.sectorIds.length ? args.sectorIds : null,
      first: args.first ?? 20,
      after: args.after,
    },
    { signal },
  );
  const c = data.organizations;
  return {
    totalCount: c.totalCount,
    hits: c.edges.map((e) => e.node),
    endCursor: c.pageInfo.endCursor,
    hasNextPage: c.pageInfo.hasNextPage,
  };
}

let sectorsCache: Promise<Sector[]> | null = null;
/** Every sector (cached for the page's life; a failure is retried next time). */
export function sectors(): Promise<Sector[]> {
  sectorsCache ??= gql<{ sectors: Sector[] }>('query Sectors { sectors { id name } }').then(
    (d) => d.sectors,
    (e: unknown) => {
      sectorsCache = null;
      throw e;
    },
  );
  return sectorsCache;
}

export async function organization(id: string, signal?: AbortSignal): Promise<Organization | null> {
  const data = await gql<{ organization: Organization | null }>(
    `query Organization($id: ID!) {
      organization(id: $id) {
        ${ORG_REF} description aliases website founded strategicEnterprise
        sectors { id name } offers { id name } needs { id name }
        locations { ${PLACE} } markets { ${PLACE} }
      }
    }`,
    { id },
    { signal },
  );
  return data.organization;
}

export async function matchSuggestions(
  args: { organizationId: string; first: number; filter: MatchFilter; weights: Weights },
  signal?: AbortSignal,
): Promise<Suggestion[]> {
  const data = await gql<{ matchSuggestions: Suggestion[] }>(
    `query Suggestions($id: ID!, $first: Int!, $filter: MatchFilter, $weights: [SignalWeight!]) {
      matchSuggestions(organizationId: $id, first: $first, filter: $filter, weights: $weights) {
        organization { ${ORG_REF} locations { id name } }
        score
        signals { kind value weight contribution available }
        reasons
        sharedSectors { id name }
        capabilityMatches { need { id name } offer { id name } needer { ${ORG_REF} } offerer { ${ORG_REF} } similarity }
        mutualConnections { ${ORG_REF} }
      }
    }`,
    {
      id: args.organizationId,
      first: args.first,
      filter: args.filter,
      weights: SIGNAL_KINDS.map((kind) => ({ kind, weight: args.weights[kind] })),
    },
    { signal },
  );
  return data.matchSuggestions;
}

export async function introductionPaths(
  fromId: string,
  toId: string,
  signal?: AbortSignal,
): Promise<IntroductionPath[]> {
  const data = await gql<{ introductionPaths: IntroductionPath[] }>(
    `query Paths($from: ID!, $to: ID!) {
      introductionPaths(fromId: $from, toId: $to, maxHops: 4, first: 5) {
        hops strength
        organizations { ${ORG_REF} }
        relationships { type since from { id } to { id } }
      }
    }`,
    { from: fromId, to: toId },
    { signal },
  );
  return data.introductionPaths;
}

type NetRel = { type: RelationshipType; from: OrgRef; to: OrgRef };
type NetRelDeep = {
  type: RelationshipType;
  from: OrgRef & { relationships: NetRel[] };
  to: OrgRef & { relationships: NetRel[] };
};

/** The organisation's relationships, and for two hops its neighbours' relationships too. */
export async function neighbourhood(
  id: string,
  hops: 1 | 2,
  signal?: AbortSignal,
): Promise<{ center: OrgRef; relationships: NetRel[] } | null> {
  const end =
    hops === 2
      ? `{ ${ORG_REF} relationships { type from { ${ORG_REF} } to { ${ORG_REF} } } }`
      : `{ ${ORG_REF} }`;
  const data = await gql<{
    organization: (OrgRef & { relationships: (NetRel | NetRelDeep)[] }) | null;
  }>(
    `query Neighbourhood($id: ID!) { organization(id: $id) { ${ORG_REF} relationships { type from ${end} to ${end} } } }`,
    { id },
    { signal },
  );
  const org = data.organization;
  if (!org) return null;
  const rels: NetRel[] = [];
  const flat = (r: NetRel): NetRel => ({
    type: r.type,
    from: { id: r.from.id, name: r.from.name, kind: r.from.kind },
    to: { id: r.to.id, name: r.to.name, kind: r.to.kind },
  });
  for (const r of org.relationships) {
    rels.push(flat(r));
    if (hops === 2) {
      const deep = r as NetRelDeep;
      const neighbour = deep.from.id === org.id ? deep.to : deep.from;
      for (const r2 of neighbour.relationships ?? []) rels.push(flat(r2));
    }
  }
  return { center: { id: org.id, name: org.name, kind: org.kind }, relationships: rels };
}

export async function ecosystemStats(signal?: AbortSignal): Promise<EcosystemStats> {
  const data = await gql<{ ecosystemStats: EcosystemStats }>(
    `query Ecosystem { ecosystemStats(topConnectors: 10) {
      organizationCount relationshipCount
      byKind { kind count }
      bySector { sector { id name } count }
      topConnectors { organization { ${ORG_REF} } degree }
    } }`,
    {},
    { signal },
  );
  return data.ecosystemStats;
}

/** The weights the API's match queries start from, and whether they were fitted to this graph. */
export async function signalWeights(
  signal?: AbortSignal,
): Promise<{ weights: { kind: SignalKind; weight: number }[]; fitted: boolean }> {
  const data = await gql<{
    signalWeights: { weights: { kind: SignalKind; weight: number }[]; fitted: boolean };
  }>(`query Weights { signalWeights { weights { kind weight } fitted } }`, {}, { signal });
  return data.signalWeights;
}

/** A cheap call that tells whether a token is accepted. */
export async function checkToken(token: string): Promise<void> {
  await gql<{ organizations: { totalCount: number } }>(
    'query Check { organizations(first: 1) { totalCount } }',
    {},
    { token, reportAuthFailure: false },
  );
}
