// A collaboration graph made differently from src/generator: organisations join projects on
// topics over twenty years, and every pair in a project collaborates (as in co-authorship or
// R&D-programme data). Offers are free-text phrases made from topic words, needs are empty, there
// are no sectors, kinds include OTHER, locations are countries, and activity is heavy-tailed. The
// held-out pairs are those first formed in the last 15 % of projects: they "form later" in time,
// not at random. For checking that the engine's defaults, tuned on src/generator's graphs, are not
// tuned to that generator alone.
import { Rng } from '../../src/generator/prng';

const WORDS = (
  'quantum battery graphene catalysis photonics genomics proteomics vaccine robotics lidar radar ' +
  'satellite hydrogen turbine solar wind grid storage polymer ceramic alloy sensor imaging ' +
  'microscopy spectroscopy neural language vision speech fintech blockchain cryptography privacy ' +
  'logistics shipping aviation railway traffic autonomous drone agriculture irrigation soil ' +
  'climate ocean fisheries forestry water desalination membrane filtration antibiotic microbiome ' +
  'cancer cardiology neuroscience dementia diabetes obesity nutrition aging rehabilitation ' +
  'prosthetics exoskeleton haptics semiconductor lithography packaging chip memory compiler cloud ' +
  'edge network wireless antenna optics laser plasma fusion nuclear reactor waste recycling ' +
  'textile cement steel concrete construction housing urban mobility tourism education heritage'
).split(' ');

const COUNTRIES = [
  'Germany',
  'France',
  'Spain',
  'Italy',
  'Netherlands',
  'Belgium',
  'Sweden',
  'Finland',
  'Denmark',
  'Poland',
  'Austria',
  'Portugal',
  'Greece',
  'Ireland',
  'Czechia',
  'Hungary',
  'Romania',
  'Norway',
  'Switzerland',
  'United Kingdom',
  'Israel',
  'Turkey',
  'Slovenia',
  'Estonia',
  'Latvia',
];

const KINDS: readonly (readonly [string, number])[] = [
  ['UNIVERSITY', 0.18],
  ['LAB', 0.17],
  ['ENTERPRISE', 0.5],
  ['OTHER', 0.15],
];

const TEMPLATES = [
  'research on {a} {b}',
  '{a} and {b} expertise',
  'development of {a} {b} systems',
  '{a} testing facilities',
  'applied {a} for {b}',
  '{a} {b} modelling',
  'pilot lines for {a}',
  'advanced {a} {b} materials',
];

const TOPICS = 80;
const FIRST_YEAR = 2005;
const YEARS = 20;
/** Projects after this share of them make the held-out pairs. */
const CUT = 0.85;

export interface ProjectsGraph {
  /** Graph-file records, in file order: places, organisations, relationships. */
  records: unknown[];
  /** Held-out pairs (ids), first formed after the cut. */
  holdout: [string, string][];
  stats: { organizations: number; relationships: number; holdout: number; projects: number };
}

/** Zipf-like draws over 0..n-1 (index 0 the most frequent). */
function zipf(rng: Rng, n: number, s: number): () => number {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  return () => {
    let r = rng.next() * total;
    for (let i = 0; i < n; i++) {
      r -= w[i] as number;
      if (r <= 0) return i;
    }
    return n - 1;
  };
}

/** Most phrases an organisation offers (the graph file's limit). */
const MAX_OFFERS = 1_000;

export interface ProjectsGraphOptions {
  /**
   * Each organisation also offers its partners' phrases, up to 1,000, as registries that list the
   * topics of every project an organisation joined do: busy organisations get hundreds. For
   * checking what many phrases per organisation cost a match.
   */
  partnerOffers?: boolean;
  /** Projects per organisation over the twenty years (default 0.9): more makes a denser graph. */
  projectsPerOrganization?: number;
}

export function projectsGraph(
  organizations: number,
  seed: number,
  options: ProjectsGraphOptions = {},
): ProjectsGraph {
  const rng = new Rng(seed);
  const pickWord = (topic: readonly string[]) => topic[rng.int(topic.length)] as string;
  const topics = Array.from({ length: TOPICS }, () =>
    Array.from({ length: 6 }, () => WORDS[rng.int(WORDS.length)] as string),
  );
  const topicOf = zipf(rng, TOPICS, 0.8);
  const countryOf = zipf(rng, COUNTRIES.length, 0.7);
  const orgs = Array.from({ length: organizations }, (_, i) => {
    let r = rng.next();
    let kind = 'OTHER';
    for (const [k, p] of KINDS) {
      r -= p;
      if (r <= 0) {
        kind = k;
        break;
      }
    }
    const own = [...new Set(Array.from({ length: 1 + rng.int(3) }, () => topicOf()))];
    const offers = [
      ...new Set(
        Array.from({ length: 1 + rng.int(4) }, () => {
          const t = topics[own[rng.int(own.length)] as number] as string[];
          return (TEMPLATES[rng.int(TEMPLATES.length)] as string)
            .replace('{a}', pickWord(t))
            .replace('{b}', pickWord(t));
        }),
      ),
    ];
    // Pareto-like activity: a few organisations join most projects.
    const scale = kind === 'UNIVERSITY' ? 3 : kind === 'LAB' ? 2 : 1;
    return {
      id: `c-${String(i + 1).padStart(6, '0')}`,
      kind,
      topics: own,
      country: countryOf(),
      activity: scale * (1 - rng.next()) ** -0.7,
      offers,
    };
  });
  const byTopic = Array.from({ length: TOPICS }, () => [] as number[]);
  orgs.forEach((o, i) => o.topics.forEach((t) => (byTopic[t] as number[]).push(i)));
  const everyone = orgs.map((_, i) => i);
  const pick = (pool: readonly number[]): number => {
    let total = 0;
    for (const i of pool) total += orgs[i]!.activity;
    let r = rng.next() * total;
    for (const i of pool) {
      r -= orgs[i]!.activity;
      if (r <= 0) return i;
    }
    return pool[pool.length - 1] as number;
  };
  const partners = orgs.map(() => new Set<number>());
  const projects = Math.round(organizations * (options.projectsPerOrganization ?? 0.9));
  const cut = Math.round(projects * CUT);
  const edges = new Map<string, { a: number; b: number; year: number }>();
  const later = new Set<string>();
  for (let p = 0; p < projects; p++) {
    const year = FIRST_YEAR + Math.floor((p / projects) * YEARS);
    const topic = topicOf();
    const pool = (byTopic[topic] as number[]).length ? (byTopic[topic] as number[]) : everyone;
    const size = 2 + Math.min(12, Math.floor(-Math.log(1 - rng.next()) * 3));
    const first = pick(pool);
    const members = new Set<number>([first]);
    const home = orgs[first]!.country;
    for (let tries = 0; members.size < size && tries < 100; tries++) {
      const r = rng.next();
      const list = [...members];
      const known = [...(partners[list[rng.int(list.length)] as number] as Set<number>)];
      if (r < 0.35 && known.length) members.add(known[rng.int(known.length)] as number);
      else if (r < 0.8) {
        const local = pool.filter((i) => orgs[i]!.country === home);
        members.add(rng.next() < 0.3 && local.length ? pick(local) : pick(pool));
      } else members.add(pick(everyone));
    }
    const list = [...members];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = Math.min(list[i] as number, list[j] as number);
        const b = Math.max(list[i] as number, list[j] as number);
        const key = `${a}-${b}`;
        if (p < cut) {
          if (!edges.has(key)) edges.set(key, { a, b, year });
          partners[a]!.add(b);
          partners[b]!.add(a);
        } else if (!edges.has(key)) later.add(key);
      }
    }
  }
  const offersOf = orgs.map((o) => o.offers);
  if (options.partnerOffers) {
    const known = orgs.map(() => [] as number[]);
    for (const e of edges.values()) {
      known[e.a]!.push(e.b);
      known[e.b]!.push(e.a);
    }
    orgs.forEach((o, i) => {
      const all = new Set(o.offers);
      for (const p of known[i]!) {
        for (const phrase of orgs[p]!.offers) {
          if (all.size >= MAX_OFFERS) break;
          all.add(phrase);
        }
      }
      offersOf[i] = [...all];
    });
  }
  const records: unknown[] = [
    ...COUNTRIES.map((name) => ({ place: { name, kind: 'COUNTRY' } })),
    ...orgs.map((o, i) => ({
      organization: {
        id: o.id,
        name: `Org ${o.id}`,
        kind: o.kind,
        description: null,
        aliases: [],
        sectors: [],
        offers: offersOf[i],
        needs: [],
        locations: [COUNTRIES[o.country]],
        markets: [],
      },
    })),
    ...[...edges.values()].map((e) => ({
      relationship: {
        from: orgs[e.a]!.id,
        to: orgs[e.b]!.id,
        type: 'COLLABORATES_WITH',
        since: e.year,
        source: 'projects',
      },
    })),
  ];
  const holdout = [...later].map((key) => {
    const [a, b] = key.split('-').map(Number) as [number, number];
    return [orgs[a]!.id, orgs[b]!.id] as [string, string];
  });
  return {
    records,
    holdout,
    stats: { organizations, relationships: edges.size, holdout: holdout.length, projects },
  };
}
