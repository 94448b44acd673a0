// Writes a generated ecosystem: the graph as NDJSON (places, organisations, relationships, in the
// order the importer checks relationship ends), and the held-out pairs as a `from,to` CSV.
import { BufferedWriter } from '../graph-file/buffered-writer';
import { GraphFileWriter } from '../graph-file/graph-file-writer';
import {
  Ecosystem,
  heldOutPairs,
  organizationRecords,
  placeRecords,
  relationshipRecords,
} from './ecosystem';

export interface WrittenEcosystem {
  places: number;
  organizations: number;
  relationships: number;
  heldOut: number;
  /** Characters written to the graph file (its size in bytes for ASCII content). */
  graphChars: number;
}

// Ids are generated (g-000001), so they never need CSV quoting.
const csvLine = (from: string, to: string): string => `${from},${to}\n`;

export async function writeEcosystem(
  eco: Ecosystem,
  graphFile: string,
  holdoutFile: string | null,
): Promise<WrittenEcosystem> {
  const graph = new GraphFileWriter(graphFile, 'ndjson');
  try {
    for (const p of placeRecords(eco)) await graph.place(p);
    for (const o of organizationRecords(eco)) await graph.organization(o);
    for (const r of relationshipRecords(eco)) await graph.relationship(r);
    await graph.close();
  } catch (e) {
    graph.destroy();
    throw e;
  }
  let heldOut = 0;
  if (holdoutFile) {
    const csv = new BufferedWriter(holdoutFile);
    try {
      await csv.write('from,to\n');
      for (const [from, to] of heldOutPairs(eco)) {
        await csv.write(csvLine(from, to));
        heldOut++;
      }
      await csv.close();
    } catch (e) {
      csv.destroy();
      throw e;
    }
  }
  return { ...graph.counts, heldOut, graphChars: graph.written };
}
