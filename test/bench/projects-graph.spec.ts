// The project-based collaboration graph: deterministic, in the graph-file format, and its held-out
// pairs are new pairs only.
import { parseOrganization, parseRelationship } from '../../src/graph-file/graph-file';
import { projectsGraph } from '../../bench/lib/projects-graph';

describe('project-based collaboration graph', () => {
  const g = projectsGraph(600, 3);
  const orgs = g.records.flatMap((r) =>
    'organization' in (r as object)
      ? [(r as { organization: Record<string, unknown> }).organization]
      : [],
  );
  const rels = g.records.flatMap((r) =>
    'relationship' in (r as object)
      ? [(r as { relationship: { from: string; to: string; since: number } }).relationship]
      : [],
  );

  it('is the same for the same seed, and another for another', () => {
    expect(projectsGraph(600, 3)).toEqual(g);
    expect(projectsGraph(600, 4).holdout).not.toEqual(g.holdout);
  });

  it('writes valid graph-file records: no needs, no sectors, free-text offers, kinds with OTHER', () => {
    expect(orgs).toHaveLength(600);
    for (const o of orgs)
      expect(() => parseOrganization(o as never, '2026-01-01T00:00:00.000Z')).not.toThrow();
    for (const r of rels) expect(() => parseRelationship(r as never)).not.toThrow();
    expect(
      orgs.every(
        (o) => (o.needs as unknown[]).length === 0 && (o.sectors as unknown[]).length === 0,
      ),
    ).toBe(true);
    expect(orgs.every((o) => (o.offers as unknown[]).length > 0)).toBe(true);
    expect(new Set(orgs.map((o) => o.kind))).toEqual(
      new Set(['UNIVERSITY', 'LAB', 'ENTERPRISE', 'OTHER']),
    );
    expect(g.stats.relationships).toBe(rels.length);
  });

  it('holds out only pairs that are not related in the graph, each once', () => {
    const related = new Set(rels.map((r) => [r.from, r.to].sort().join()));
    const held = g.holdout.map((p) => [...p].sort().join());
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held).size).toBe(held.length);
    expect(held.some((p) => related.has(p))).toBe(false);
    // Relationships carry the year their pair first worked together, 2005–2024.
    expect(Math.min(...rels.map((r) => r.since))).toBeGreaterThanOrEqual(2005);
    expect(Math.max(...rels.map((r) => r.since))).toBeLessThanOrEqual(2024);
  });

  it("with partnerOffers, adds the partners' phrases to an organisation's own, at most 1,000", () => {
    const wide = projectsGraph(600, 3, { partnerOffers: true });
    const offersOf = (graph: typeof g) =>
      new Map(
        graph.records.flatMap((r) =>
          'organization' in (r as object)
            ? [
                [
                  (r as { organization: { id: string } }).organization.id,
                  (r as { organization: { offers: string[] } }).organization.offers,
                ] as const,
              ]
            : [],
        ),
      );
    const own = offersOf(g);
    const all = offersOf(wide);
    // Only the offers differ: the same relationships and held-out pairs.
    expect(wide.holdout).toEqual(g.holdout);
    expect(wide.stats).toEqual(g.stats);
    for (const r of rels) {
      const a = all.get(r.from) as string[];
      for (const phrase of own.get(r.to) as string[]) {
        if (a.length < 1000) expect(a).toContain(phrase);
      }
    }
    for (const [id, phrases] of all) {
      expect(phrases.slice(0, own.get(id)?.length)).toEqual(own.get(id));
      expect(new Set(phrases).size).toBe(phrases.length);
      expect(phrases.length).toBeLessThanOrEqual(1000);
    }
    const mean = (m: Map<string, string[]>) =>
      [...m.values()].reduce((n, p) => n + p.length, 0) / m.size;
    expect(mean(all)).toBeGreaterThan(3 * mean(own));
  });
});
