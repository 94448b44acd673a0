// Generated relationships with the structure of a real ecosystem:
// - heavy-tailed degrees: organisations start relationships in proportion to a log-normal activity
//   (hubs: governments, universities, investors) and targets are often drawn from endpoint lists,
//   which is preferential attachment (an organisation's chance grows with its degree);
// - clustering: a share of relationships close triangles (a partner's partner);
// - strong homophily: most targets share a topic, answer a need with an offer (either way) or sit
//   in the same city, and unrelated pairs are often refused, so the profile signals predict links
//   better than network heuristics alone;
// - types that fit the kinds (investors FUND, governments SUPPORT, CLIENTs are SUPPLIED, labs are
//   PART_OF universities).
// Each step costs O(1) expected (plus the small lists of one organisation), so 1M relationships
// take seconds: never a scan over all pairs.
import { RELATIONSHIP_TYPES, RelationshipType } from '../graph/graph.types';
import { profileOf } from './kinds';
import type { GeneratedOrganization } from './organizations';
import { Rng } from './prng';

export interface EdgeList {
  count: number;
  from: Int32Array;
  to: Int32Array;
  /** Index into RELATIONSHIP_TYPES. */
  type: Uint8Array;
  /** Year, or 0 for unknown. */
  since: Uint16Array;
  /** The topic the relationship is about (for its description). */
  topic: Int16Array;
}

const TYPE = Object.fromEntries(RELATIONSHIP_TYPES.map((t, i) => [t, i])) as Record<
  RelationshipType,
  number
>;

/** Kind pairs that rarely form relationships (acceptance probability, symmetric). */
const RARE_PAIRS: Readonly<Record<string, number>> = {
  'CLIENT:CLIENT': 0.1,
  'INVESTOR:INVESTOR': 0.25,
  'CLIENT:INVESTOR': 0.1,
  'GOVERNMENT:GOVERNMENT': 0.3,
  'GOVERNMENT:INVESTOR': 0.3,
  'CLIENT:GOVERNMENT': 0.4,
  'CLIENT:UNIVERSITY': 0.4,
  'FACILITY:FACILITY': 0.3,
};

const DEFAULT_MECHANISMS = {
  /** A partner's partner. */
  triadic: 0.22,
  /** Someone interested in one of its topics. */
  topic: 0.33,
  /** Someone offering what it needs, or needing what it offers. */
  complement: 0.2,
  /** Someone in the same city. */
  city: 0.12,
  // the rest: anyone, by degree (preferential attachment) or uniformly
};

class EdgeBuilder {
  readonly edges: EdgeList;
  readonly adjacency: number[][];
  private readonly pairs = new Set<number>();

  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.edges = {
      count: 0,
      from: new Int32Array(capacity),
      to: new Int32Array(capacity),
      type: new Uint8Array(capacity),
      since: new Uint16Array(capacity),
      topic: new Int16Array(capacity),
    };
    this.adjacency = Array.from({ length: n }, () => []);
  }

  has(a: number, b: number): boolean {
    return this.pairs.has(a < b ? a * this.n + b : b * this.n + a);
  }

  add(from: number, to: number, type: number, since: number, topic: number): void {
    const e = this.edges;
    if (e.count === e.from.length) this.grow();
    const i = e.count++;
    e.from[i] = from;
    e.to[i] = to;
    e.type[i] = type;
    e.since[i] = since;
    e.topic[i] = topic;
    this.pairs.add(from < to ? from * this.n + to : to * this.n + from);
    (this.adjacency[from] as number[]).push(to);
    (this.adjacency[to] as number[]).push(from);
  }

  private grow(): void {
    const e = this.edges;
    const size = Math.max(16, e.from.length * 2);
    const copy = <T extends Int32Array | Uint8Array | Uint16Array | Int16Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    e.from = copy(e.from, (k) => new Int32Array(k));
    e.to = copy(e.to, (k) => new Int32Array(k));
    e.type = copy(e.type, (k) => new Uint8Array(k));
    e.since = copy(e.since, (k) => new Uint16Array(k));
    e.topic = copy(e.topic, (k) => new Int16Array(k));
  }
}

export interface RelationshipOptions {
  relsPerOrg: number;
  /** The last `since` year. */
  latestYear?: number;
}

export function generateRelationships(
  rng: Rng,
  orgs: readonly GeneratedOrganization[],
  options: RelationshipOptions,
): EdgeList {
  return new RelationshipGenerator(rng, orgs, options).run();
}

class RelationshipGenerator {
  private readonly n: number;
  private readonly g: EdgeBuilder;
  private readonly kindNames: string[];
  private readonly topicMembers: number[][] = [];
  /** Endpoints of relationships per topic: sampling from it is degree-proportional. */
  private readonly topicEnds: number[][] = [];
  private readonly globalEnds: number[] = [];
  private readonly cityMembers = new Map<number, number[]>();
  private readonly offerers = new Map<number, number[]>();
  private readonly needers = new Map<number, number[]>();
  private readonly universities: number[] = [];
  private readonly universitiesByCity = new Map<number, number[]>();
  private readonly hasHost: Uint8Array;
  private readonly latestYear: number;

  constructor(
    private readonly rng: Rng,
    private readonly orgs: readonly GeneratedOrganization[],
    private readonly options: RelationshipOptions,
  ) {
    this.n = orgs.length;
    this.latestYear = options.latestYear ?? 2025;
    this.g = new EdgeBuilder(this.n, Math.ceil(this.n * options.relsPerOrg * 1.05) + 16);
    this.kindNames = orgs.map((o) => profileOf(o.kind).kind);
    this.hasHost = new Uint8Array(this.n);
    const push = <K>(map: Map<K, number[]>, key: K, value: number): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    orgs.forEach((o, i) => {
      for (const t of o.topics) {
        (this.topicMembers[t] ??= []).push(i);
        this.topicEnds[t] ??= [];
      }
      push(this.cityMembers, o.city, i);
      for (const c of o.offers) push(this.offerers, c, i);
      for (const c of o.needs) push(this.needers, c, i);
      if (this.kindNames[i] === 'UNIVERSITY') {
        this.universities.push(i);
        push(this.universitiesByCity, o.city, i);
      }
    });
  }

  run(): EdgeList {
    this.hostLabs();
    const tokens = this.initiations();
    for (const i of tokens) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const k = this.pickTarget(i);
        if (k >= 0 && this.accept(i, k)) {
          this.connect(i, k);
          break;
        }
      }
    }
    return this.g.edges;
  }

  /** Most labs belong to a university, preferably in their city. */
  private hostLabs(): void {
    if (this.universities.length === 0 || this.options.relsPerOrg === 0) return;
    this.orgs.forEach((o, i) => {
      if (this.kindNames[i] !== 'LAB' || !this.rng.chance(0.6)) return;
      const local = this.universitiesByCity.get(o.city);
      const host =
        local && this.rng.chance(0.8) ? this.rng.pick(local) : this.rng.pick(this.universities);
      this.hasHost[i] = 1;
      this.add(i, host, TYPE.PART_OF, this.sharedTopic(i, host));
    });
  }

  /**
   * Who starts each relationship, in a shuffled order: organisation i appears about
   * relsPerOrg × activity_i / mean(activity) times, so growth interleaves everyone.
   */
  private initiations(): Int32Array {
    const rng = this.rng;
    const activity = this.orgs.map(
      (o) => Math.exp(0.9 * rng.normal()) * profileOf(o.kind).activity,
    );
    const mean = activity.reduce((a, b) => a + b, 0) / Math.max(1, this.n);
    const remaining = Math.max(
      0,
      Math.round(this.n * this.options.relsPerOrg) - this.g.edges.count,
    );
    const perUnit = remaining / Math.max(1, this.n) / mean;
    const counts = activity.map((a) => {
      const x = a * perUnit;
      return Math.floor(x) + (rng.chance(x - Math.floor(x)) ? 1 : 0);
    });
    const total = counts.reduce((a, b) => a + b, 0);
    const tokens = new Int32Array(total);
    let at = 0;
    counts.forEach((c, i) => {
      tokens.fill(i, at, at + c);
      at += c;
    });
    for (let i = total - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = tokens[i] as number;
      tokens[i] = tokens[j] as number;
      tokens[j] = t;
    }
    return tokens;
  }

  private pickTarget(i: number): number {
    const rng = this.rng;
    const o = this.orgs[i] as GeneratedOrganization;
    const m = DEFAULT_MECHANISMS;
    let r = rng.next();
    if ((r -= m.triadic) < 0) {
      const mine = this.g.adjacency[i] as number[];
      if (mine.length > 0) {
        const theirs = this.g.adjacency[rng.pick(mine)] as number[];
        if (theirs.length > 0) return rng.pick(theirs);
      }
      return this.byTopic(o);
    }
    if ((r -= m.topic) < 0) return this.byTopic(o);
    if ((r -= m.complement) < 0) {
      const useNeed = o.needs.length > 0 && (o.offers.length === 0 || rng.chance(0.6));
      const list = useNeed
        ? this.offerers.get(rng.pick(o.needs))
        : o.offers.length > 0
          ? this.needers.get(rng.pick(o.offers))
          : undefined;
      return list && list.length > 0 ? this.biasedPick(list) : this.byTopic(o);
    }
    if ((r -= m.city) < 0) {
      const list = this.cityMembers.get(o.city);
      return list ? this.biasedPick(list) : -1;
    }
    if (this.globalEnds.length > 0 && rng.chance(0.6)) return rng.pick(this.globalEnds);
    return rng.int(this.n);
  }

  /** Half the time by degree within the topic (preferential attachment), else uniformly. */
  private byTopic(o: GeneratedOrganization): number {
    const t = this.rng.pick(o.topics);
    const ends = this.topicEnds[t] as number[];
    const list =
      ends.length > 0 && this.rng.chance(0.5) ? ends : (this.topicMembers[t] as number[]);
    return this.rng.pick(list);
  }

  /** The better connected of two uniform picks: a mild, cheap preference for hubs. */
  private biasedPick(list: readonly number[]): number {
    const a = this.rng.pick(list);
    const b = this.rng.pick(list);
    return (this.g.adjacency[a] as number[]).length >= (this.g.adjacency[b] as number[]).length
      ? a
      : b;
  }

  private accept(i: number, k: number): boolean {
    if (i === k || this.g.has(i, k)) return false;
    const a = this.kindNames[i] as string;
    const b = this.kindNames[k] as string;
    const rare = RARE_PAIRS[a < b ? `${a}:${b}` : `${b}:${a}`];
    if (rare !== undefined && !this.rng.chance(rare)) return false;
    // Homophily: unrelated pairs (no shared topic, need, offer or city) mostly do not happen.
    return this.related(i, k) || this.rng.chance(0.3);
  }

  private related(i: number, k: number): boolean {
    const a = this.orgs[i] as GeneratedOrganization;
    const b = this.orgs[k] as GeneratedOrganization;
    if (a.city === b.city) return true;
    if (a.topics.some((t) => b.topics.includes(t))) return true;
    return this.answers(a, b) || this.answers(b, a);
  }

  /** Does `supplier` offer something `client` needs? */
  private answers(supplier: GeneratedOrganization, client: GeneratedOrganization): boolean {
    return supplier.offers.some((c) => client.needs.includes(c));
  }

  private connect(i: number, k: number): void {
    const [from, to, type] = this.typed(i, k);
    this.add(from, to, type, this.sharedTopic(from, to));
  }

  private add(from: number, to: number, type: number, topic: number): void {
    this.g.add(from, to, type, this.since(from, to), topic);
    for (const end of [from, to]) {
      for (const t of (this.orgs[end] as GeneratedOrganization).topics) {
        (this.topicEnds[t] as number[]).push(end);
      }
      this.globalEnds.push(end);
    }
  }

  /** Type and direction from the kinds (and, between enterprises, from needs and offers). */
  private typed(i: number, k: number): [number, number, number] {
    const rng = this.rng;
    const a = this.kindNames[i] as string;
    const b = this.kindNames[k] as string;
    const either = (kind: string): [number, number] | null =>
      a === kind && b !== kind ? [i, k] : b === kind && a !== kind ? [k, i] : null;
    let pair: [number, number] | null;
    if ((pair = either('INVESTOR'))) return [...pair, TYPE.FUNDS];
    if ((pair = either('GOVERNMENT'))) return [...pair, TYPE.SUPPORTS];
    if ((pair = either('LAB')) && this.kindNames[pair[1]] === 'UNIVERSITY') {
      const [lab, uni] = pair;
      if (!this.hasHost[lab] && rng.chance(0.5)) {
        this.hasHost[lab] = 1;
        return [lab, uni, TYPE.PART_OF];
      }
      return [i, k, TYPE.COLLABORATES_WITH];
    }
    if ((pair = either('FACILITY')))
      return [...pair, rng.chance(0.7) ? TYPE.SUPPORTS : TYPE.SUPPLIES];
    if ((pair = either('OTHER'))) {
      return rng.chance(0.6) ? [...pair, TYPE.SUPPORTS] : [pair[1], pair[0], TYPE.PART_OF];
    }
    if ((pair = either('CLIENT'))) return [pair[1], pair[0], TYPE.SUPPLIES];
    if (a === 'ENTERPRISE' && b === 'ENTERPRISE') {
      const oi = this.orgs[i] as GeneratedOrganization;
      const ok = this.orgs[k] as GeneratedOrganization;
      if (this.answers(oi, ok) && rng.chance(0.6)) return [i, k, TYPE.SUPPLIES];
      if (this.answers(ok, oi) && rng.chance(0.6)) return [k, i, TYPE.SUPPLIES];
      if (rng.chance(0.15)) return [i, k, TYPE.SUPPLIES];
    }
    return [i, k, TYPE.COLLABORATES_WITH];
  }

  private sharedTopic(i: number, k: number): number {
    const a = this.orgs[i] as GeneratedOrganization;
    const b = this.orgs[k] as GeneratedOrganization;
    return a.topics.find((t) => b.topics.includes(t)) ?? (b.topics[0] as number);
  }

  /** Mostly recent, never before either organisation was founded; sometimes unknown (0). */
  private since(i: number, k: number): number {
    const rng = this.rng;
    if (rng.chance(0.08)) return 0;
    const a = this.orgs[i] as GeneratedOrganization;
    const b = this.orgs[k] as GeneratedOrganization;
    const earliest = Math.min(
      this.latestYear,
      Math.max(1995, a.founded ?? 1995, b.founded ?? 1995),
    );
    const year = this.latestYear - Math.floor(Math.abs(rng.normal()) * 6);
    return Math.max(earliest, year);
  }
}

/** Degrees of every organisation, ignoring held-out relationships. */
export function degrees(edges: EdgeList, n: number, heldOut?: Uint8Array): Int32Array {
  const deg = new Int32Array(n);
  for (let e = 0; e < edges.count; e++) {
    if (heldOut?.[e]) continue;
    const a = edges.from[e] as number;
    const b = edges.to[e] as number;
    deg[a] = (deg[a] as number) + 1;
    deg[b] = (deg[b] as number) + 1;
  }
  return deg;
}

/**
 * Marks a fraction of relationships as held out (for link-prediction evaluation), only where both
 * ends keep at least one other relationship, so every held-out pair stays predictable.
 */
export function holdOut(rng: Rng, edges: EdgeList, n: number, fraction: number): Uint8Array {
  const mask = new Uint8Array(edges.count);
  const target = Math.round(edges.count * fraction);
  if (target === 0) return mask;
  const deg = degrees(edges, n);
  const order = new Int32Array(edges.count);
  for (let e = 0; e < edges.count; e++) order[e] = e;
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  let held = 0;
  for (let k = 0; k < order.length && held < target; k++) {
    const e = order[k] as number;
    const a = edges.from[e] as number;
    const b = edges.to[e] as number;
    if ((deg[a] as number) > 1 && (deg[b] as number) > 1) {
      mask[e] = 1;
      deg[a] = (deg[a] as number) - 1;
      deg[b] = (deg[b] as number) - 1;
      held++;
    }
  }
  return mask;
}
