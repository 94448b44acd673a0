import fc from 'fast-check';
import type { Relationship } from '../../graph.types';
import { isFormedBefore } from '../../match-graph.types';
import { MemoryGraph, StoredRelationship, toStored } from '../memory-graph';
import { parseOrganization } from '../../../graph-file/graph-file';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const TYPES = ['COLLABORATES_WITH', 'FUNDS', 'SUPPLIES'] as const;

function graph(): MemoryGraph {
  const g = new MemoryGraph();
  for (const id of IDS) {
    g.putOrganization(
      toStored(
        parseOrganization(
          { id, name: `Org ${id}`, kind: 'ENTERPRISE' },
          '2026-01-01T00:00:00.000Z',
        ),
      ),
    );
  }
  return g;
}

const rel = (from: string, to: string, type: (typeof TYPES)[number]): Relationship => ({
  from,
  to,
  type,
  since: null,
  description: null,
  source: null,
});

type Op =
  | { op: 'put' | 'remove'; from: string; to: string; type: (typeof TYPES)[number] }
  | { op: 'defer' }
  | { op: 'read' }
  | { op: 'delete'; id: string };

const anOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom('put' as const, 'remove' as const),
      from: fc.constantFrom(...IDS),
      to: fc.constantFrom(...IDS),
      type: fc.constantFrom(...TYPES),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'defer' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'read' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
  },
);

describe('MemoryGraph', () => {
  it('ranks the most connected the same whether degree buckets were kept or rebuilt', () => {
    fc.assert(
      fc.property(fc.array(anOp, { maxLength: 60 }), (ops) => {
        const eager = graph();
        const deferred = graph();
        for (const o of ops) {
          for (const g of [eager, deferred]) {
            if (o.op === 'put') g.putRelationship(rel(o.from, o.to, o.type));
            else if (o.op === 'remove') g.removeRelationship(rel(o.from, o.to, o.type));
            else if (o.op === 'delete') g.deleteOrganization(o.id);
          }
          if (o.op === 'defer') deferred.deferDegreeIndex();
          if (o.op === 'read' || o.op === 'defer') {
            expect(deferred.mostConnected(4, () => true)).toEqual(
              eager.mostConnected(4, () => true),
            );
          }
        }
        const all = (g: MemoryGraph): [string, number][] => g.mostConnected(IDS.length, () => true);
        const truth = IDS.map((id) => [id, eager.degree(id)] as [string, number])
          .filter(([, d]) => d > 0)
          .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
        expect(all(eager)).toEqual(truth);
        expect(all(deferred)).toEqual(truth);
      }),
    );
  });

  it('answers every relationship read as a plain list of relationships would', () => {
    fc.assert(
      fc.property(fc.array(anOp, { maxLength: 60 }), (ops) => {
        const g = graph();
        /** The model: the relationships by key, in no particular structure. */
        const model = new Map<string, Relationship>();
        const keyOf = (r: { from: string; to: string; type: string }): string =>
          `${r.type} ${r.from} ${r.to}`;
        for (const o of ops) {
          if (o.op === 'put') {
            g.putRelationship(rel(o.from, o.to, o.type));
            model.set(keyOf(o), rel(o.from, o.to, o.type));
          } else if (o.op === 'remove') {
            expect(g.removeRelationship(o)).toBe(model.delete(keyOf(o)));
          } else if (o.op === 'delete') {
            g.deleteOrganization(o.id);
            for (const [k, r] of model) if (r.from === o.id || r.to === o.id) model.delete(k);
          }
        }
        const sorted = (rs: Iterable<Relationship>): string[] => [...rs].map(keyOf).sort();
        expect(g.relationshipCount).toBe(model.size);
        for (const a of IDS) {
          const touching = [...model.values()].filter((r) => r.from === a || r.to === a);
          expect(sorted(g.relationshipsOf(a))).toEqual(sorted(touching));
          expect(g.degree(a)).toBe(touching.length);
          const others = new Set(touching.map((r) => (r.from === a ? r.to : r.from)));
          expect([...g.neighbours(a)].sort()).toEqual([...others].sort());
          for (const b of IDS) {
            expect(g.isNeighbour(a, b)).toBe(others.has(b));
            const pair = touching.filter(
              (r) => (r.from === a && r.to === b) || (r.from === b && r.to === a),
            );
            expect(sorted(g.between(a, b))).toEqual(sorted(pair));
            for (const type of TYPES) {
              const found = g.findRelationship({ from: a, to: b, type });
              const exact = model.get(keyOf({ from: a, to: b, type }));
              const reversed =
                type === 'COLLABORATES_WITH'
                  ? model.get(keyOf({ from: b, to: a, type }))
                  : undefined;
              expect(found && keyOf(found)).toBe(
                (exact ?? reversed) && keyOf((exact ?? reversed)!),
              );
            }
          }
        }
      }),
      {
        // Found by this property: a relationship to an organisation deleted before was kept when
        // the organisation was deleted again (the store never writes one, the graph must not rely
        // on it).
        examples: [
          [
            [
              { op: 'delete', id: 'f' },
              { op: 'put', from: 'a', to: 'f', type: 'COLLABORATES_WITH' },
              { op: 'delete', id: 'f' },
            ],
          ],
        ],
      },
    );
  });

  it('sees the graph as it stood at the start of a year as a filtered list would, after every write', () => {
    const dated = fc.record({
      remove: fc.boolean(),
      from: fc.constantFrom(...IDS),
      to: fc.constantFrom(...IDS),
      type: fc.constantFrom(...TYPES),
      since: fc.option(fc.integer({ min: 2015, max: 2024 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(dated, { maxLength: 40 }),
        fc.integer({ min: 2014, max: 2026 }),
        (ops, before) => {
          const g = graph();
          const model = new Map<string, Relationship>();
          // Read after every write: the as-of degrees are remembered per year and must not
          // outlive a write (a new relationship, a changed year, a removal).
          for (const r of ops) {
            const full = { ...rel(r.from, r.to, r.type), since: r.since };
            if (r.remove) {
              g.removeRelationship(full);
              model.delete(`${r.type} ${r.from} ${r.to}`);
            } else {
              g.putRelationship(full);
              // Last write per exact key wins (the store above folds reversed symmetric pairs).
              model.set(`${r.type} ${r.from} ${r.to}`, full);
            }
            const then = [...model.values()].filter((x) => isFormedBefore(x, before));
            for (const a of IDS) {
              const touching = then.filter((x) => x.from === a || x.to === a);
              expect(g.degreeBefore(a, before)).toBe(touching.length);
              const others = new Set(touching.map((x) => (x.from === a ? x.to : x.from)));
              expect([...g.neighboursBefore(a, before)].sort()).toEqual([...others].sort());
            }
          }
        },
      ),
    );
  });

  it('keeps each relationship’s row out of the copies it hands out', () => {
    const g = graph();
    g.putRelationship(rel('a', 'b', 'FUNDS'), 42);
    const stored = g.findRelationship(rel('a', 'b', 'FUNDS'));
    expect(stored && StoredRelationship.rowOf(stored)).toBe(42);
    expect({ ...stored }).toEqual(rel('a', 'b', 'FUNDS'));
    expect(JSON.parse(JSON.stringify(stored))).toEqual(rel('a', 'b', 'FUNDS'));
    expect(StoredRelationship.rowOf(rel('a', 'b', 'FUNDS'))).toBe(0);
  });
});
