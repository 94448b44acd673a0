// Exports a store's graph to a graph file, page by page from store.exportGraph, so only one page
// is in memory here. The file is written beside the target and renamed at the end: a failed
// export never leaves a truncated file where a good one is expected.
import { rename, unlink } from 'node:fs/promises';
import type { GraphStore } from '../graph/graph-store.port';
import type { GraphFileFormat } from './graph-file-stream';
import {
  GraphFileWriter,
  toOrganizationRecord,
  toPlaceRecord,
  toRelationshipRecord,
} from './graph-file-writer';

export const DEFAULT_EXPORT_PAGE_SIZE = 1_000;

export interface ExportResult {
  organizations: number;
  relationships: number;
  places: number;
  elapsedMs: number;
}

export async function exportGraphFile(
  store: GraphStore,
  file: string,
  format: GraphFileFormat,
  pageSize = DEFAULT_EXPORT_PAGE_SIZE,
): Promise<ExportResult> {
  const startedAt = Date.now();
  const partial = `${file}.partial-${process.pid}`;
  const writer = new GraphFileWriter(partial, format);
  try {
    for await (const page of store.exportGraph(pageSize)) {
      for (const p of page.places) await writer.place(toPlaceRecord(p));
      for (const o of page.organizations) await writer.organization(toOrganizationRecord(o));
      for (const r of page.relationships) await writer.relationship(toRelationshipRecord(r));
    }
    await writer.close();
    await rename(partial, file);
  } catch (e) {
    writer.destroy();
    await unlink(partial).catch(() => undefined);
    throw e;
  }
  return { ...writer.counts, elapsedMs: Date.now() - startedAt };
}
