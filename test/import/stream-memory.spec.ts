// Memory of the streaming reader does not grow with the file: a generated 200k-organisation file
// (~150 MB, as NDJSON and as a JSON document) is read by a child process whose V8 heap is capped
// far below the file's size. Reading the whole file into memory would abort it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GraphFileWriter } from '../../src/graph-file/graph-file-writer';
import {
  generateEcosystem,
  organizationRecords,
  placeRecords,
} from '../../src/generator/ecosystem';

const ROOT = resolve(__dirname, '..', '..');
const ORGANIZATIONS = 200_000;
const HEAP_MB = 64;

// Counts records in the child; prints "<records> <errors> <peak rss MB>".
const READER = `
  const { readGraphFileStream } = require(${JSON.stringify(join(ROOT, 'src/graph-file/graph-file-stream.ts'))});
  (async () => {
    let records = 0, errors = 0, peak = 0;
    for await (const item of readGraphFileStream(process.argv[1])) {
      records++;
      if (item.error) errors++;
      if (records % 20000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    process.stdout.write(records + ' ' + errors + ' ' + Math.round(peak / 1e6));
  })().catch((e) => { console.error(e); process.exit(1); });
`;

describe('streaming reader memory', () => {
  let dir: string;
  const files: Record<'ndjson' | 'json', string> = { ndjson: '', json: '' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stream-memory-'));
    const eco = generateEcosystem({ organizations: ORGANIZATIONS, seed: 9, relsPerOrg: 0 });
    for (const format of ['ndjson', 'json'] as const) {
      files[format] = join(dir, `orgs.${format}`);
      const writer = new GraphFileWriter(files[format], format);
      for (const p of placeRecords(eco)) await writer.place(p);
      for (const o of organizationRecords(eco)) await writer.organization(o);
      await writer.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['ndjson', 'json'] as const)(
    `reads a 200k-organisation %s file with a ${HEAP_MB} MB heap`,
    (format) => {
      const size = statSync(files[format]).size;
      expect(size).toBeGreaterThan(2 * HEAP_MB * 1024 * 1024);
      const out = execFileSync(
        process.execPath,
        [
          `--max-old-space-size=${HEAP_MB}`,
          '-r',
          require.resolve('ts-node/register/transpile-only'),
          '-e',
          READER,
          files[format],
        ],
        { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
      ).toString();
      const [records, errors, peakMb] = out.trim().split(' ').map(Number);
      expect(errors).toBe(0);
      expect(records).toBeGreaterThan(ORGANIZATIONS);
      // Resident memory holds the runtime and ts-node; it must not approach the file's size.
      expect(peakMb).toBeLessThan(size / 1e6);
    },
    120_000,
  );
});
