// The synthetic ecosystem generator: deterministic for a seed, valid graph-file records, the
// statistics of a real ecosystem (kinds, heavy-tailed degrees, homophily, typed relationships by
// kind) and a held-out set that is disjoint from the written graph.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slugify } from '../../graph-file/normalize';
import { parseOrganization, parsePlace, parseRelationship } from '../../graph-file/graph-file';
import {
  Ecosystem,
  generateEcosystem,
  heldOutPairs,
  organizationRecords,
  placeRecords,
  relationshipRecords,
} from '../ecosystem';
import { Rng, WeightedSampler } from '../prng';
import { degrees } from '../relationships';
import { CONCEPT_COUNT, FINE_SECTORS, OASES_SECTORS, TOPICS } from '../vocabulary';
import { writeEcosystem } from '../write-ecosystem';

const NOW = '2026-01-01T00:00:00.000Z';

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

describe('Rng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws integers in range and never samples a zero weight', () => {
    const rng = new Rng(3);
    const sampler = new WeightedSampler([0, 1, 0, 3]);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const n = rng.int(7);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(7);
      seen.add(sampler.sample(rng));
    }
    expect([...seen].sort()).toEqual([1, 3]);
  });
});

describe('vocabulary', () => {
  it('has the OASES sectors, ~30 finer sectors and a few hundred concepts', () => {
    expect(OASES_SECTORS).toHaveLength(5);
    expect(FINE_SECTORS.length).toBeGreaterThanOrEqual(30);
    expect(TOPICS.length).toBeGreaterThanOrEqual(90);
    expect(CONCEPT_COUNT).toBeGreaterThan(300);
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
  });
});

describe('generateEcosystem', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'generator-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const digest = async (eco: Ecosystem, name: string): Promise<string> => {
    const graph = join(dir, `${name}.ndjson`);
    const csv = join(dir, `${name}.csv`);
    await writeEcosystem(eco, graph, csv);
    return createHash('sha256').update(readFileSync(graph)).update(readFileSync(csv)).digest('hex');
  };

  it('is deterministic for a seed', async () => {
    const options = { organizations: 800, seed: 42, holdout: 0.1 };
    const a = await digest(generateEcosystem(options), 'a');
    const b = await digest(generateEcosystem(options), 'b');
    const c = await digest(generateEcosystem({ ...options, seed: 43 }), 'c');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  describe('a 3,000-organisation ecosystem', () => {
    const N = 3_000;
    const eco = generateEcosystem({ organizations: N, seed: 7, holdout: 0.1 });
    const orgs = [...organizationRecords(eco)];
    const rels = [...relationshipRecords(eco)];
    const kindOf = new Map(orgs.map((o) => [o.id, o.kind]));

    it('writes records the graph-file parsers accept', () => {
      for (const p of placeRecords(eco)) expect(() => parsePlace(p)).not.toThrow();
      for (const o of orgs) expect(() => parseOrganization(o, NOW)).not.toThrow();
      for (const r of rels) expect(() => parseRelationship(r)).not.toThrow();
    });

    it('has unique g-000001-style ids and unique names', () => {
      expect(orgs[0]?.id).toBe('g-000001');
      expect(orgs.every((o) => /^g-\d{6}$/u.test(o.id))).toBe(true);
      expect(new Set(orgs.map((o) => o.id)).size).toBe(N);
      expect(new Set(orgs.map((o) => slugify(o.name))).size).toBe(N);
    });

    it('lists each place after the place it lies within, with unique names', () => {
      const seen = new Set<string>();
      for (const p of placeRecords(eco)) {
        if (p.within) expect(seen.has(p.within)).toBe(true);
        expect(seen.has(p.name)).toBe(false);
        seen.add(p.name);
      }
      const located = new Set(orgs.flatMap((o) => [...o.locations, ...o.markets]));
      for (const name of located) expect(seen.has(name)).toBe(true);
    });

    it('has realistic kind proportions', () => {
      const counts = new Map<string, number>();
      for (const o of orgs) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
      const share = (k: string): number => (counts.get(k) ?? 0) / N;
      expect(share('ENTERPRISE')).toBeGreaterThan(0.45);
      expect(share('LAB') + share('UNIVERSITY') + share('CLIENT')).toBeGreaterThan(0.15);
      for (const k of ['GOVERNMENT', 'FACILITY', 'INVESTOR', 'OTHER']) {
        expect(share(k)).toBeGreaterThan(0);
        expect(share(k)).toBeLessThan(0.12);
      }
    });

    it('has about --rels-per-org relationships per organisation, one per pair', () => {
      const total = eco.edges.count;
      expect(total).toBeGreaterThan(N * 10 * 0.85);
      expect(total).toBeLessThan(N * 10 * 1.1);
      const pairs = new Set(rels.map((r) => pairKey(r.from, r.to)));
      expect(pairs.size).toBe(rels.length);
      expect(rels.every((r) => r.from !== r.to && r.source === 'generated')).toBe(true);
    });

    it('has heavy-tailed degrees: the maximum far above the median', () => {
      const deg = Array.from(degrees(eco.edges, N)).sort((a, b) => a - b);
      const median = deg[Math.floor(N / 2)] as number;
      const max = deg[N - 1] as number;
      expect(median).toBeGreaterThan(0);
      expect(max).toBeGreaterThan(8 * median);
    });

    it('links organisations that share sectors far more often than random pairs', () => {
      const sectors = new Map(orgs.map((o) => [o.id, new Set(o.sectors.slice(0))]));
      const fine = (id: string): Set<string> =>
        new Set(
          [...(sectors.get(id) ?? [])].filter(
            (s) => !(OASES_SECTORS as readonly string[]).includes(s),
          ),
        );
      const share = (a: string, b: string): boolean => [...fine(a)].some((s) => fine(b).has(s));
      const linked = rels.filter((r) => share(r.from, r.to)).length / rels.length;
      const rng = new Rng(1);
      let random = 0;
      for (let i = 0; i < 5_000; i++) {
        if (share(orgs[rng.int(N)]?.id ?? '', orgs[rng.int(N)]?.id ?? '')) random++;
      }
      expect(linked).toBeGreaterThan(2 * (random / 5_000));
    });

    it('types relationships by the kinds at their ends', () => {
      for (const r of rels) {
        const from = kindOf.get(r.from);
        const to = kindOf.get(r.to);
        if (r.type === 'FUNDS') expect(from).toBe('INVESTOR');
        if (r.type === 'PART_OF')
          expect([`LAB>UNIVERSITY`, `${from}>OTHER`]).toContain(`${from}>${to}`);
        if (r.type === 'SUPPORTS') expect(['GOVERNMENT', 'FACILITY', 'OTHER']).toContain(from);
        if (r.type === 'SUPPLIES' && to === 'CLIENT') expect(from).not.toBe('CLIENT');
      }
      const types = new Set(rels.map((r) => r.type));
      expect([...types].sort()).toEqual([
        'COLLABORATES_WITH',
        'FUNDS',
        'PART_OF',
        'SUPPLIES',
        'SUPPORTS',
      ]);
    });

    it('holds out pairs that are not in the graph, keeping both ends connected', () => {
      const held = [...heldOutPairs(eco)];
      expect(held.length).toBe(Math.round(eco.edges.count * 0.1));
      const inGraph = new Set(rels.map((r) => pairKey(r.from, r.to)));
      const heldKeys = new Set(held.map(([a, b]) => pairKey(a, b)));
      expect(heldKeys.size).toBe(held.length);
      for (const key of heldKeys) expect(inGraph.has(key)).toBe(false);
      const remaining = new Map<string, number>();
      for (const r of rels)
        for (const id of [r.from, r.to]) remaining.set(id, (remaining.get(id) ?? 0) + 1);
      for (const [a, b] of held) {
        expect(remaining.get(a) ?? 0).toBeGreaterThan(0);
        expect(remaining.get(b) ?? 0).toBeGreaterThan(0);
      }
    });

    it('writes the held-out pairs as a from,to CSV', async () => {
      const csv = join(dir, 'held.csv');
      const written = await writeEcosystem(eco, join(dir, 'held.ndjson'), csv);
      const lines = readFileSync(csv, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('from,to');
      expect(lines).toHaveLength(written.heldOut + 1);
      expect(lines[1]).toMatch(/^g-\d{6},g-\d{6}$/u);
    });

    it('makes the folders it is asked to write into (the README writes to bench/.work)', async () => {
      const graph = join(dir, 'new', 'deeper', 'g.ndjson');
      const csv = join(dir, 'other', 'h.csv');
      const written = await writeEcosystem(eco, graph, csv);
      expect(readFileSync(graph, 'utf8').split('\n').length).toBeGreaterThan(written.heldOut);
      expect(readFileSync(csv, 'utf8').startsWith('from,to\n')).toBe(true);
    });
  });
});
