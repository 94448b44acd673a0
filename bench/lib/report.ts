// Markdown tables and result files: every run writes a .md for people and a .json for tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export type Cell = string | number | null | undefined;

export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = (c: Cell): string => (c === null || c === undefined ? '—' : String(c));
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(text).join(' | ')} |`);
  return lines.join('\n');
}

/** A number with a fixed number of decimals, or — for NaN / undefined. */
export function fixed(x: number | null | undefined, decimals: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(decimals);
}

/** Thousands separators: 12,345. */
export function count(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x)
    ? '—'
    : Math.round(x).toLocaleString('en-GB');
}

/** `FILE` (with or without .md / .json) → the two file names. */
export function resultPaths(file: string): { md: string; json: string } {
  const ext = extname(file);
  const base = ext === '.md' || ext === '.json' ? file.slice(0, -ext.length) : file;
  return { md: `${base}.md`, json: `${base}.json` };
}

export function writeResults(
  file: string,
  markdown: string,
  json: unknown,
): { md: string; json: string } {
  const paths = resultPaths(file);
  mkdirSync(dirname(paths.md), { recursive: true });
  writeFileSync(paths.md, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  writeFileSync(paths.json, `${JSON.stringify(json, replacer, 2)}\n`);
  return paths;
}

/** Maps and Sets as plain JSON; non-finite numbers as null. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer, 2);
}

export const RESULTS_DIR = join(__dirname, '..', 'results');

/** A timestamp usable in file names: 2025-01-31T12-00-00. */
export function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/:/gu, '-');
}

/** The command line that produced a result, for the record. */
export function commandLine(script: string): string {
  const args = process.argv
    .slice(2)
    .map((a) => (/^[\w./,=:@%+-]+$/u.test(a) ? a : `'${a.replace(/'/gu, "'\\''")}'`));
  return `npm run ${script}${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

/** Progress to stderr, so stdout stays the result. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
