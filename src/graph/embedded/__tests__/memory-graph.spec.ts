import fc from 'fast-check';
import type { Relationship } from '../../graph.types';
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
