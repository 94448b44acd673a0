// What every Neo4j statement of the adapter needs: a transaction to run on (managed or explicit),
// rows back as plain maps, and UNWIND batches cut into chunks.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Row } from './neo4j-records';

/**
 * Rows per UNWIND statement. Large enough that a 5,000-organisation batch costs a handful of round
 * trips, small enough to keep each Bolt message and the statement's memory bounded.
 */
export const UNWIND_CHUNK = 5_000;

/** What the statements need of a transaction: managed (executeRead/Write) or explicit (batches). */
export type Tx = Pick<ManagedTransaction, 'run'>;

export async function run(tx: Tx, query: string, params: Row = {}): Promise<Row[]> {
  const result = await tx.run(query, params);
  return result.records.map((r): Row => r.toObject());
}

/** One statement per chunk of rows: a few round trips for thousands of rows, never one per row. */
export async function runChunked(
  tx: Tx,
  query: string,
  param: 'rows' | 'ids',
  items: readonly unknown[],
): Promise<void> {
  for (let i = 0; i < items.length; i += UNWIND_CHUNK) {
    await tx.run(query, { [param]: items.slice(i, i + UNWIND_CHUNK) });
  }
}
