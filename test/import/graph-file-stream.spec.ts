// The streaming graph-file reader: NDJSON and JSON documents, line numbers, bad records reported
// in place, records cut across chunk boundaries (down to one byte), huge strings, and files that
// cannot be read on.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  detectGraphFileFormat,
  GraphFileItem,
  GraphFileStreamOptions,
  GraphFileSyntaxError,
  readGraphFileStream,
} from '../../src/graph-file/graph-file-stream';

let dir: string;
let fileNo = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-file-stream-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(content: string | Buffer): string {
  const path = join(dir, `f${fileNo++}`);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, options: GraphFileStreamOptions = {}): Promise<GraphFileItem[]> {
  const items: GraphFileItem[] = [];
  for await (const item of readGraphFileStream(path, options)) items.push(item);
  return items;
}

/** Reads until the reader throws; returns what came before and the error. */
async function readUntilError(
  path: string,
  options: GraphFileStreamOptions = {},
): Promise<{ items: GraphFileItem[]; error: unknown }> {
  const items: GraphFileItem[] = [];
  try {
    for await (const item of readGraphFileStream(path, options)) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

const org = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: `Org ${id}`,
  kind: 'LAB',
  ...extra,
});

describe('format detection', () => {
  it.each([
    ['{"organization": {"id": "a"}}\n', 'ndjson'],
    ['\n\n  {"relationship":{"from":"a"}}', 'ndjson'],
    ['{ "place" : {"name": "X"}}', 'ndjson'],
    ['{"places": [], "organizations": []}', 'json'],
    ['{\n  "organizations": [\n', 'json'],
    ['\uFEFF{"organization": {}}', 'ndjson'],
  ])('%j is %s', (head, format) => {
    expect(detectGraphFileFormat(Buffer.from(head), true)).toBe(format);
  });

  it('waits for more bytes when the first line is not complete yet', () => {
    expect(detectGraphFileFormat(Buffer.from('   {"orga'), false)).toBeNull();
  });
});

describe('NDJSON', () => {
  it('yields each record with its kind and line, skipping blank lines', async () => {
    const path = file(
      [
        JSON.stringify({ place: { name: 'Hong Kong', kind: 'CITY' } }),
        '',
        JSON.stringify({ organization: org('a') }),
        '   ',
        JSON.stringify({ relationship: { from: 'a', to: 'b', type: 'FUNDS' } }),
      ].join('\n'),
    );
    expect(await read(path)).toEqual([
      { line: 1, kind: 'place', record: { name: 'Hong Kong', kind: 'CITY' } },
      { line: 3, kind: 'organization', record: org('a') },
      { line: 5, kind: 'relationship', record: { from: 'a', to: 'b', type: 'FUNDS' } },
    ]);
  });

  it('accepts CRLF line ends and a byte-order mark', async () => {
    const path = file(
      `\uFEFF${JSON.stringify({ organization: org('a') })}\r\n${JSON.stringify({ organization: org('b') })}\r\n`,
    );
    const items = await read(path, { chunkBytes: 3 });
    expect(items.map((i) => [i.line, (i.record as { id: string }).id])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('reports bad lines in place and reads on', async () => {
    const path = file(
      [
        JSON.stringify({ organization: org('a') }),
        '{"organization": {"id": "b", "name": ',
        '{"thing": {}}',
        JSON.stringify({ organization: org('c'), relationship: {} }),
        '[1, 2]',
        'not json at all',
        JSON.stringify({ organization: org('d') }),
      ].join('\n'),
    );
    const items = await read(path);
    expect(items.map((i) => [i.line, i.kind, i.error === undefined])).toEqual([
      [1, 'organization', true],
      [2, 'organization', false],
      [3, null, false],
      [4, 'organization', false],
      [5, null, false],
      [6, null, false],
      [7, 'organization', true],
    ]);
    expect(items[1]?.error).toMatch(/^invalid JSON: /u);
    expect(items[2]?.error).toMatch(/"organization", "relationship" or "place"/u);
  });

  it('reads a line longer than many chunks, multi-byte characters included', async () => {
    const description = `${'漢字 é ✓ 🚀 '.repeat(100_000)}"quoted" \\ back`;
    const path = file(
      `${JSON.stringify({ organization: org('a', { description }) })}\n${JSON.stringify({ organization: org('b') })}\n`,
    );
    const items = await read(path, { chunkBytes: 4093 });
    expect(items).toHaveLength(2);
    expect((items[0]?.record as { description: string }).description).toBe(description);
    expect(items[1]?.line).toBe(2);
  });

  it('matches JSON.parse on arbitrary records, blank lines and chunk sizes', async () => {
    const record = fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
      { maxKeys: 4 },
    );
    const line = fc.oneof(
      fc.record({ kind: fc.constantFrom('organization', 'relationship', 'place'), record }),
      fc.constantFrom('', '  ', '\r'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (lines, chunkBytes) => {
          const expected: GraphFileItem[] = [];
          const text = lines
            .map((l, i) => {
              if (typeof l === 'string') return l;
              const value = JSON.parse(JSON.stringify(l.record)) as unknown;
              expected.push({ line: i + 1, kind: l.kind, record: value });
              return JSON.stringify({ [l.kind]: l.record });
            })
            .join('\n');
          expect(await read(file(text), { chunkBytes, format: 'ndjson' })).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('skips a record larger than the limit without buffering it', async () => {
    const path = file(
      [
        JSON.stringify({ organization: org('a', { description: 'x'.repeat(5_000) }) }),
        JSON.stringify({ organization: org('b') }),
      ].join('\n'),
    );
    const items = await read(path, { maxRecordBytes: 1_000, chunkBytes: 100 });
    expect(items[0]).toEqual({
      line: 1,
      kind: null,
      error: 'record is larger than 1000 bytes; skipped',
    });
    expect(items[1]).toMatchObject({ line: 2, kind: 'organization', record: org('b') });
  });
});

describe('JSON document', () => {
  const seedLike = [
    '{',
    '  "places": [',
    '    { "name": "China", "kind": "COUNTRY" }',
    '  ],',
    '  "organizations": [',
    '    {',
    '      "id": "a",',
    '      "name": "A ] } [ {",',
    '      "kind": "LAB"',
    '    },',
    '    { "id": "b", "name": "B \\" quoted", "kind": "ENTERPRISE" }',
    '  ],',
    '  "relationships": [{ "from": "a", "to": "b", "type": "COLLABORATES_WITH" }]',
    '}',
    '',
  ].join('\n');

  it('yields each array element with the line where it starts', async () => {
    const items = await read(file(seedLike));
    expect(items).toEqual([
      { line: 3, kind: 'place', record: { name: 'China', kind: 'COUNTRY' } },
      { line: 6, kind: 'organization', record: { id: 'a', name: 'A ] } [ {', kind: 'LAB' } },
      {
        line: 11,
        kind: 'organization',
        record: { id: 'b', name: 'B " quoted', kind: 'ENTERPRISE' },
      },
      {
        line: 13,
        kind: 'relationship',
        record: { from: 'a', to: 'b', type: 'COLLABORATES_WITH' },
      },
    ]);
  });

  it('gives the same records and lines whatever the chunk size', async () => {
    const path = file(seedLike);
    const whole = await read(path);
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      expect(await read(path, { chunkBytes })).toEqual(whole);
    }
  });

  it('reads the arrays in any order and skips other top-level keys', async () => {
    const doc = JSON.stringify({
      meta: { generator: 'x', nested: [{ a: '[{"' }, [1, [2]]], flag: true, n: -1.5e3 },
      relationships: [{ from: 'a', to: 'b', type: 'FUNDS' }],
      version: 2,
      organizations: [org('a'), org('b')],
      nothing: null,
      places: [],
    });
    const items = await read(file(doc), { chunkBytes: 5 });
    expect(items.map((i) => i.kind)).toEqual(['relationship', 'organization', 'organization']);
  });

  it('reports an element that is not valid JSON and reads on', async () => {
    const path = file(
      '{"organizations": [\n{"id": "a",},\n{"id": "b", "name": "B", "kind": "LAB"}\n]}',
    );
    const items = await read(path);
    expect(items[0]).toMatchObject({ line: 2, kind: 'organization' });
    expect(items[0]?.error).toMatch(/^invalid JSON: /u);
    expect(items[1]).toEqual({
      line: 3,
      kind: 'organization',
      record: { id: 'b', name: 'B', kind: 'LAB' },
    });
  });

  it('reads huge strings with escapes and multi-byte characters across chunks', async () => {
    const description = `${'naïve "café" \\ 中文 😀\t'.repeat(200_000)}end`;
    const path = file(
      JSON.stringify({ organizations: [org('a', { description }), org('b')] }, null, 2),
    );
    const items = await read(path, { chunkBytes: 65_537 });
    expect(items).toHaveLength(2);
    expect((items[0]?.record as { description: string }).description).toBe(description);
    expect(items[1]?.record).toEqual(org('b'));
  });

  it('skips an element larger than the limit and reads on', async () => {
    const doc = JSON.stringify({
      organizations: [org('a', { description: 'y'.repeat(10_000) }), org('b')],
    });
    const items = await read(file(doc), { maxRecordBytes: 2_000, chunkBytes: 512 });
    expect(items[0]).toEqual({
      line: 1,
      kind: 'organization',
      error: 'record is larger than 2000 bytes; skipped',
    });
    expect(items[1]?.record).toEqual(org('b'));
  });

  it('matches JSON.parse on arbitrary records, layouts and chunk sizes', async () => {
    const record = fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
      {
        maxKeys: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 5 }),
        fc.array(record, { maxLength: 5 }),
        fc.constantFrom(', ', ',\n', ',\r\n  ', ',\n\n'),
        fc.integer({ min: 1, max: 40 }),
        async (orgs, rels, separator, chunkBytes) => {
          // Builds the document piece by piece, noting the line where each element starts.
          let text = '{\n  "organizations": [';
          const expected: GraphFileItem[] = [];
          const lineAt = (): number => text.split('\n').length;
          const section = (records: object[], kind: 'organization' | 'relationship'): void => {
            records.forEach((r, i) => {
              if (i > 0) text += separator;
              expected.push({
                line: lineAt(),
                kind,
                record: JSON.parse(JSON.stringify(r)) as unknown,
              });
              text += JSON.stringify(r);
            });
          };
          section(orgs, 'organization');
          text += '],\n  "relationships": [\n';
          section(rels, 'relationship');
          text += '\n]}\n';
          expect(await read(file(text), { chunkBytes })).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  describe('a file that cannot be read on', () => {
    it.each([
      ['is empty', '  \n ', /line 2: the file is empty/u],
      ['is a top-level array', '[{"id": "a"}]', /expected a JSON object/u],
      [
        'has a non-array record list',
        '{"organizations": {"id": "a"}}',
        /"organizations" must be an array/u,
      ],
      [
        'has garbage between records',
        '{"organizations": [{"id": "a"} {"id": "b"}]}',
        /expected "," or "\]"/u,
      ],
      [
        'has content after the document',
        '{"organizations": []} {}',
        /after the end of the document/u,
      ],
      ['misses a colon', '{"organizations" []}', /expected ":"/u],
      [
        'has a trailing comma in an array',
        '{"organizations": [{"id": "a"},]}',
        /expected a value/u,
      ],
    ])('throws a syntax error when it %s', async (_what, content, message) => {
      const { error } = await readUntilError(file(content));
      expect(error).toBeInstanceOf(GraphFileSyntaxError);
      expect((error as Error).message).toMatch(message);
    });

    it('yields the records before a truncation, then names the record cut off', async () => {
      const path = file('{"organizations": [\n{"id": "a"},\n{"id": "b", "name": "cut');
      const { items, error } = await readUntilError(path, { chunkBytes: 8 });
      expect(items.map((i) => i.line)).toEqual([2]);
      expect(error).toBeInstanceOf(GraphFileSyntaxError);
      expect((error as GraphFileSyntaxError).message).toBe(
        'line 3: unexpected end of file in the organization record starting at line 3',
      );
    });
  });
});
