// Organisation kinds in a generated ecosystem: how common each is, what it offers and needs, how
// it names and describes itself, and how strongly it attracts relationships (governments and
// universities are hubs; clients buy from a few suppliers).
import type { OrganizationKind } from '../graph/graph.types';
import type { Aspect } from './vocabulary';

export interface KindProfile {
  kind: OrganizationKind;
  /** Share of the organisations (sums to 1 over kinds). */
  share: number;
  offerAspects: readonly Aspect[];
  needAspects: readonly Aspect[];
  offers: readonly [number, number];
  needs: readonly [number, number];
  /** Words its offers the research way ("computational modelling of …"). */
  researchStyle: boolean;
  /** Multiplies the number of relationships it starts. */
  activity: number;
  founded: readonly [number, number];
  /** {C} invented name, {S} topic short form (title case), {T} topic name (title case). */
  names: readonly string[];
  /** {name}, {city}, {country}, {topics}, {offers}, {needs}. */
  descriptions: readonly string[];
}

export const KIND_PROFILES: readonly KindProfile[] = [
  {
    kind: 'ENTERPRISE',
    share: 0.55,
    offerAspects: ['solutions', 'solutions', 'manufacturing', 'data'],
    needAspects: [
      'simulation',
      'testing',
      'research',
      'talent',
      'financing',
      'pilots',
      'data',
      'facilities',
    ],
    offers: [2, 4],
    needs: [1, 3],
    researchStyle: false,
    activity: 0.8,
    founded: [1985, 2025],
    names: [
      '{C} Technologies',
      '{C} Systems',
      '{C} {S}',
      '{C} Solutions',
      '{C} Innovations',
      '{C} Dynamics',
      '{C} Tech',
    ],
    descriptions: [
      '{name} is a technology company in {city} working on {topics}. It offers {offers} and is looking for {needs}.',
      '{name} is a {city} start-up building {topics} products. Its offering covers {offers}; it needs {needs}.',
      'Founded in {country}, {name} develops {topics}. It sells {offers} and seeks {needs}.',
    ],
  },
  {
    kind: 'LAB',
    share: 0.1,
    offerAspects: ['research', 'simulation', 'testing', 'data'],
    needAspects: ['financing', 'pilots', 'facilities', 'talent'],
    offers: [2, 4],
    needs: [0, 2],
    researchStyle: true,
    activity: 1.1,
    founded: [1960, 2025],
    names: ['{C} {S} Lab', '{C} Research Institute', '{C} Centre for {T}', '{C} Laboratory'],
    descriptions: [
      '{name} is a research lab in {city} studying {topics}. Its team offers {offers}.',
      'Research laboratory in {city} focused on {topics}, offering {offers} to industry partners; it looks for {needs}.',
    ],
  },
  {
    kind: 'UNIVERSITY',
    share: 0.03,
    offerAspects: ['research', 'talent', 'simulation', 'data', 'testing'],
    needAspects: ['financing', 'pilots'],
    offers: [3, 5],
    needs: [0, 2],
    researchStyle: true,
    activity: 3,
    founded: [1850, 2000],
    names: [
      'University of {C}',
      '{C} University',
      '{C} Institute of Technology',
      '{C} Polytechnic University',
    ],
    descriptions: [
      '{name} is a university in {city} with research groups in {topics}. It offers {offers}.',
      'Research university in {country} known for {topics}; its faculties offer {offers}.',
    ],
  },
  {
    kind: 'CLIENT',
    share: 0.12,
    offerAspects: ['pilots'],
    needAspects: ['solutions', 'solutions', 'data', 'manufacturing'],
    offers: [0, 1],
    needs: [2, 4],
    researchStyle: false,
    activity: 0.7,
    founded: [1900, 2015],
    names: [
      '{C} Holdings',
      '{C} Group',
      '{C} Corporation',
      '{C} Properties',
      '{C} Logistics',
      '{C} Hospital',
    ],
    descriptions: [
      '{name} is a large organisation in {city} that adopts {topics}. It needs {needs}.',
      '{name}, based in {city}, buys {topics} technology and is looking for {needs}.',
    ],
  },
  {
    kind: 'GOVERNMENT',
    share: 0.02,
    offerAspects: ['support', 'financing', 'support'],
    needAspects: ['solutions', 'research'],
    offers: [1, 3],
    needs: [0, 2],
    researchStyle: false,
    activity: 4,
    founded: [1950, 2022],
    names: [
      '{C} Innovation Agency',
      '{C} Development Council',
      '{C} Technology Office',
      '{C} Trade Bureau',
    ],
    descriptions: [
      '{name} is a public agency in {country} that supports {topics}. It offers {offers}.',
      'Government body in {city} promoting {topics}; it provides {offers}.',
    ],
  },
  {
    kind: 'FACILITY',
    share: 0.03,
    offerAspects: ['facilities', 'testing', 'simulation'],
    needAspects: ['talent', 'pilots'],
    offers: [2, 4],
    needs: [0, 1],
    researchStyle: false,
    activity: 1.5,
    founded: [1990, 2025],
    names: [
      '{C} {S} Testing Centre',
      '{C} Pilot Plant',
      '{C} Innovation Hub',
      '{C} Prototyping Centre',
    ],
    descriptions: [
      '{name} is a shared facility in {city} offering {offers} for {topics} projects.',
      'Open-access facility in {city} for {topics}: {offers}.',
    ],
  },
  {
    kind: 'INVESTOR',
    share: 0.07,
    offerAspects: ['financing'],
    needAspects: ['support'],
    offers: [1, 3],
    needs: [0, 1],
    researchStyle: false,
    activity: 2,
    founded: [1980, 2025],
    names: ['{C} Capital', '{C} Ventures', '{C} Partners', '{C} Investment Fund'],
    descriptions: [
      '{name} is an investor in {city} backing {topics} companies. It offers {offers}.',
      'Venture investor based in {city}, focused on {topics}; it provides {offers}.',
    ],
  },
  {
    kind: 'OTHER',
    share: 0.08,
    offerAspects: ['support', 'talent'],
    needAspects: ['financing', 'pilots'],
    offers: [1, 2],
    needs: [1, 2],
    researchStyle: false,
    activity: 1.5,
    founded: [1970, 2025],
    names: ['{C} Association', '{C} Foundation', '{C} Alliance', '{C} Network'],
    descriptions: [
      '{name} is an industry association in {city} connecting members in {topics}. It offers {offers}.',
      'Non-profit network in {city} for {topics}, offering {offers} and looking for {needs}.',
    ],
  },
];

export const KIND_INDEX: Readonly<Record<OrganizationKind, number>> = Object.fromEntries(
  KIND_PROFILES.map((p, i) => [p.kind, i]),
) as Record<OrganizationKind, number>;

export function profileOf(kind: number): KindProfile {
  const p = KIND_PROFILES[kind];
  if (!p) throw new RangeError(`generator: no kind ${kind}`);
  return p;
}
