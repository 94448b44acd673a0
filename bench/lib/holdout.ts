// Held-out relationships for link-prediction evaluation: reads a `from,to` CSV of unordered pairs
// that formed later, keeps the pairs usable against a graph, and samples source organisations.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Rng } from '../../src/generator/prng';
import { compareIds, type LinkGraph } from './baselines';

export interface HoldoutPairs {
  /** Organisation → its held-out partners (both directions of every kept pair). */
  partners: Map<string, Set<string>>;
  /** Distinct unordered pairs kept. */
  pairs: number;
  /** Pairs left out, and why. */
  skipped: {
    selfPair: number;
    unknownOrganization: number;
    alreadyConnected: number;
    duplicate: number;
  };
}

/** Splits one CSV line (RFC 4180 quoting: "a,b" and "" inside quotes). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** Reads the pairs of a `from,to` CSV (header required; other columns are ignored). */
export async function readHoldoutCsv(file: string): Promise<[string, string][]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const pairs: [string, string][] = [];
  let fromCol = -1;
  let toCol = -1;
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/u, '') : raw;
    if (line.trim() === '') continue;
    const fields = csvFields(line);
    if (fromCol < 0) {
      fromCol = fields.indexOf('from');
      toCol = fields.indexOf('to');
      if (fromCol < 0 || toCol < 0)
        throw new Error(`${file}: the header must name the columns "from" and "to", got "${line}"`);
      continue;
    }
    const from = fields[fromCol];
    const to = fields[toCol];
    if (!from || !to) throw new Error(`${file}:${lineNo}: a row needs both "from" and "to"`);
    pairs.push([from, to]);
  }
  if (fromCol < 0) throw new Error(`${file}: empty file (expected a "from,to" header)`);
  return pairs;
}

/** Keeps the pairs between two distinct known organisations that are not partners already. */
export function indexHoldout(
  pairs: readonly (readonly [string, string])[],
  graph: LinkGraph,
): HoldoutPairs {
  const partners = new Map<string, Set<string>>();
  const skipped = { selfPair: 0, unknownOrganization: 0, alreadyConnected: 0, duplicate: 0 };
  let kept = 0;
  for (const [a, b] of pairs) {
    if (a === b) skipped.selfPair++;
    else if (graph.indexOf(a) === undefined || graph.indexOf(b) === undefined)
      skipped.unknownOrganization++;
    else if (graph.hasEdge(a, b)) skipped.alreadyConnected++;
    else if (partners.get(a)?.has(b)) skipped.duplicate++;
    else {
      add(partners, a, b);
      add(partners, b, a);
      kept++;
    }
  }
  return { partners, pairs: kept, skipped };
}

function add(map: Map<string, Set<string>>, a: string, b: string): void {
  let set = map.get(a);
  if (!set) map.set(a, (set = new Set()));
  set.add(b);
}

/** Up to n of the ids, drawn without replacement with a seeded shuffle, returned in draw order. */
export function sampleIds(ids: Iterable<string>, n: number, seed: number): string[] {
  const pool = [...ids].sort(compareIds);
  const rng = new Rng(seed);
  const take = Math.min(n, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, take);
}
