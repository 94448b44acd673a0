// Reads a whole graph document ({ places, organizations, relationships }) into validated write
// records. Used for the seed; bulk import streams NDJSON and JSON with the same record parsers.
import { readFileSync } from 'node:fs';
import { DomainError } from '../common/errors/domain-error';
import type { GraphBatch } from '../graph/graph.types';
import { parseOrganization, parsePlace, parseRelationship } from './graph-file';

export class GraphFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} invalid record(s):\n${problems.slice(0, 20).join('\n')}`);
    this.name = 'GraphFileError';
  }
}

export function readGraphDocument(file: string, now = new Date().toISOString()): GraphBatch {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const problems: string[] = [];
  const list = (key: string): unknown[] => {
    const value = raw[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`${key}: must be an array`);
      return [];
    }
    return value;
  };
  const collect = <T>(key: string, parse: (r: unknown, prefix: string) => T): T[] =>
    list(key).flatMap((r, i) => {
      try {
        return [parse(r, `${key}.${i}`)];
      } catch (e) {
        if (e instanceof DomainError) {
          problems.push(e.message);
          return [];
        }
        throw e;
      }
    });
  const batch: GraphBatch = {
    places: collect('places', (r, p) => parsePlace(r, p)),
    organizations: collect('organizations', (r, p) => parseOrganization(r, now, p)),
    relationships: collect('relationships', (r, p) => parseRelationship(r, p)),
  };
  const ids = new Set(batch.organizations.map((o) => o.id));
  batch.relationships.forEach((r, i) => {
    for (const end of [r.from, r.to]) {
      if (!ids.has(end))
        problems.push(`relationships.${i}: organization "${end}" is not in the file`);
    }
  });
  if (problems.length) throw new GraphFileError(file, problems);
  return batch;
}
