// Bulk import of a graph file (NDJSON or JSON document) into a GraphStore, streaming: records are
// validated with the graph-file parsers, bad ones reported with their line and skipped (or, in
// strict mode, a full validation pass refuses the file before anything is written), and the rest
// written in batches, each one upsertBatch transaction, so a failure never leaves half a batch.
import { stat } from 'node:fs/promises';
import { DomainError } from '../common/errors/domain-error';
import type { GraphStore } from '../graph/graph-store.port';
import type { GraphBatch, Relationship } from '../graph/graph.types';
import { parseOrganization, parsePlace, parseRelationship } from './graph-file';
import type { GraphFileItem, GraphFileRecordKind } from './graph-file-item';
import { GraphFileStreamOptions, readGraphFileStream } from './graph-file-stream';
import { RelationshipEnds } from './relationship-ends';

export const DEFAULT_BATCH_ORGANIZATIONS = 5_000;
export const DEFAULT_BATCH_RELATIONSHIPS = 20_000;
export const DEFAULT_MAX_WAITING_RELATIONSHIPS = 200_000;
/** How many bad records the result keeps; every one goes to onBadRecord. */
const KEPT_BAD_RECORDS = 100;
const PROGRESS_EVERY = 1_000;

export interface ImportOptions {
  /** Validate the whole file first and write nothing if any record is bad. */
  strict?: boolean;
  /** Organisations (and places) per upsertBatch call. */
  batchOrganizations?: number;
  /** Relationships per upsertBatch call. */
  batchRelationships?: number;
  /** createdAt / updatedAt of organisations that do not carry them: one timestamp per run. */
  now?: string;
  /** Relationships allowed to wait for organisations that come later in the file. */
  maxWaitingRelationships?: number;
  /** Called with every bad record as it is found (in strict mode, during validation). */
  onBadRecord?: (bad: BadRecord) => void;
  /** Stops the import between batches (what was written stays written). */
  signal?: AbortSignal;
  read?: Pick<GraphFileStreamOptions, 'format' | 'maxRecordBytes' | 'chunkBytes'>;
}

export interface BadRecord {
  line: number;
  kind: GraphFileRecordKind | null;
  message: string;
}

export interface ImportCounts {
  organizations: number;
  relationships: number;
  places: number;
}

export type ImportPhase = 'validate' | 'import';

export interface ImportProgress extends ImportCounts {
  phase: ImportPhase;
  bytesRead: number;
  totalBytes: number;
  /** Records read in this phase. */
  records: number;
  /** Records written (validated, in the validate phase). */
  rows: number;
  bad: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

export interface ImportResult extends ImportCounts {
  /** organisations + relationships + places written. */
  rows: number;
  bad: number;
  /** The first bad records (all of them went to onBadRecord). */
  badRecords: BadRecord[];
  /** Strict mode found bad records: nothing was written. */
  refused: boolean;
  batches: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

/** The import stopped part way; `written` says exactly what is in the store. */
export class GraphImportError extends Error {
  constructor(
    reason: string,
    readonly written: ImportCounts & { batches: number },
  ) {
    const rows = written.organizations + written.relationships + written.places;
    super(
      `${reason}. ${rows} records were written before it stopped (${written.organizations} ` +
        `organisations, ${written.relationships} relationships, ${written.places} places, in ` +
        `${written.batches} complete batches); each batch is one transaction, so nothing of an ` +
        'unfinished batch was written. Importing the file again is safe: records are upserted.',
    );
    this.name = 'GraphImportError';
  }
}

const emptyBatch = (): GraphBatch => ({ places: [], organizations: [], relationships: [] });
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One pass over the file: validates every record and, unless dry, writes the good ones. */
class ImportPass {
  private readonly ends: RelationshipEnds;
  private batch = emptyBatch();
  private sawOrganization = false;
  private line = 0;
  private records = 0;
  private bytesRead = 0;
  readonly written: ImportCounts & { batches: number } = {
    organizations: 0,
    relationships: 0,
    places: 0,
    batches: 0,
  };
  bad = 0;
  readonly badRecords: BadRecord[] = [];

  constructor(
    private readonly store: GraphStore,
    private readonly file: string,
    private readonly phase: ImportPhase,
    private readonly options: Required<
      Pick<
        ImportOptions,
        'batchOrganizations' | 'batchRelationships' | 'now' | 'maxWaitingRelationships'
      >
    > &
      ImportOptions,
    private readonly totalBytes: number,
    private readonly startedAt: number,
    private readonly onProgress?: (p: ImportProgress) => void,
  ) {
    this.ends = new RelationshipEnds(store, options.maxWaitingRelationships);
  }

  private get dry(): boolean {
    return this.phase === 'validate';
  }

  async run(): Promise<void> {
    const items = readGraphFileStream(this.file, {
      ...this.options.read,
      onBytesRead: (bytes) => (this.bytesRead = bytes),
    });
    try {
      for await (const item of items) {
        this.checkAborted();
        this.line = item.line;
        this.records++;
        await this.accept(item);
        if (this.records % PROGRESS_EVERY === 0) this.progress();
      }
      this.ends.organisationsComplete();
      await this.drainEnds();
      await this.flush();
    } catch (e) {
      if (e instanceof GraphImportError) throw e;
      // A syntax error in the file, too many waiting relationships, or a bug: say what is written.
      throw this.stopped(errorMessage(e), e);
    }
    this.progress();
  }

  private async accept(item: GraphFileItem): Promise<void> {
    // A non-organisation record after organisations ends their section (see RelationshipEnds).
    if (item.kind === 'organization') this.sawOrganization = true;
    else if (this.sawOrganization && !this.ends.isComplete) this.ends.organisationsComplete();

    if (item.error !== undefined || item.kind === null) {
      this.reportBad(item.line, item.kind, item.error ?? 'unreadable record');
      return;
    }
    try {
      switch (item.kind) {
        case 'place':
          this.batch.places.push(parsePlace(item.record));
          break;
        case 'organization': {
          const org = parseOrganization(item.record, this.options.now);
          this.ends.addOrganization(org.id);
          this.batch.organizations.push(org);
          break;
        }
        case 'relationship': {
          const ready = this.ends.offer(item.line, parseRelationship(item.record));
          if (ready) this.batch.relationships.push(ready);
          break;
        }
      }
    } catch (e) {
      // Only the record parsers' errors make a record bad; anything else stops the import.
      if (!(e instanceof DomainError)) throw e;
      this.reportBad(item.line, item.kind, e.message);
      return;
    }
    if (this.ends.shouldDrain()) await this.drainEnds();
    await this.flushIfFull();
  }

  private async drainEnds(): Promise<void> {
    const { ready, problems } = await this.ends.drain();
    for (const p of problems) this.reportBad(p.line, 'relationship', p.message);
    for (const rel of ready) await this.addReady(rel);
  }

  private async addReady(rel: Relationship): Promise<void> {
    this.batch.relationships.push(rel);
    await this.flushIfFull();
  }

  private reportBad(line: number, kind: GraphFileRecordKind | null, message: string): void {
    if (this.options.strict && !this.dry) {
      // Validation passed, so the file changed under us: stop rather than write a different file.
      throw this.stopped(`line ${line}: ${message} (the file changed after it was validated)`);
    }
    const bad: BadRecord = { line, kind, message };
    this.bad++;
    if (this.badRecords.length < KEPT_BAD_RECORDS) this.badRecords.push(bad);
    this.options.onBadRecord?.(bad);
  }

  private async flushIfFull(): Promise<void> {
    const b = this.batch;
    if (
      b.organizations.length + b.places.length >= this.options.batchOrganizations ||
      b.relationships.length >= this.options.batchRelationships
    ) {
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    const size = batch.organizations.length + batch.relationships.length + batch.places.length;
    if (size === 0) return;
    this.batch = emptyBatch();
    if (!this.dry) {
      this.checkAborted();
      try {
        await this.store.upsertBatch(batch);
      } catch (e) {
        throw this.stopped(
          `the store refused the batch ending at line ${this.line}: ${errorMessage(e)}`,
        );
      }
    }
    this.written.organizations += batch.organizations.length;
    this.written.relationships += batch.relationships.length;
    this.written.places += batch.places.length;
    this.written.batches++;
    this.progress();
  }

  private checkAborted(): void {
    if (this.options.signal?.aborted) throw this.stopped(`interrupted at line ${this.line}`);
  }

  private stopped(reason: string, cause?: unknown): GraphImportError {
    const error = new GraphImportError(reason, this.dry ? emptyWritten() : { ...this.written });
    if (cause !== undefined) error.cause = cause;
    return error;
  }

  private progress(): void {
    if (!this.onProgress) return;
    const elapsedMs = Date.now() - this.startedAt;
    const rows = rowsOf(this.written);
    this.onProgress({
      phase: this.phase,
      bytesRead: this.bytesRead,
      totalBytes: this.totalBytes,
      records: this.records,
      rows,
      bad: this.bad,
      organizations: this.written.organizations,
      relationships: this.written.relationships,
      places: this.written.places,
      elapsedMs,
      rowsPerSecond: perSecond(rows, elapsedMs),
    });
  }
}

const emptyWritten = (): ImportCounts & { batches: number } => ({
  organizations: 0,
  relationships: 0,
  places: 0,
  batches: 0,
});
const rowsOf = (c: ImportCounts): number => c.organizations + c.relationships + c.places;
const perSecond = (n: number, ms: number): number => (ms > 0 ? Math.round((n * 1000) / ms) : 0);

/**
 * Imports a graph file into the store. Resolves with what was written (and the bad records
 * skipped); in strict mode with bad records, resolves with `refused: true` having written nothing.
 * Rejects with GraphImportError, naming what was written, when the import stops part way.
 */
export async function importGraphFile(
  store: GraphStore,
  file: string,
  options: ImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const startedAt = Date.now();
  const totalBytes = (await stat(file)).size;
  const resolved = {
    ...options,
    batchOrganizations: positive(options.batchOrganizations, DEFAULT_BATCH_ORGANIZATIONS),
    batchRelationships: positive(options.batchRelationships, DEFAULT_BATCH_RELATIONSHIPS),
    maxWaitingRelationships: positive(
      options.maxWaitingRelationships,
      DEFAULT_MAX_WAITING_RELATIONSHIPS,
    ),
    now: options.now ?? new Date().toISOString(),
  };
  const pass = (phase: ImportPhase): ImportPass =>
    new ImportPass(store, file, phase, resolved, totalBytes, startedAt, onProgress);

  if (resolved.strict) {
    const validation = pass('validate');
    await validation.run();
    if (validation.bad > 0) {
      return {
        ...emptyWritten(),
        rows: 0,
        bad: validation.bad,
        badRecords: validation.badRecords,
        refused: true,
        elapsedMs: Date.now() - startedAt,
        rowsPerSecond: 0,
      };
    }
  }
  const run = pass('import');
  await run.run();
  const elapsedMs = Date.now() - startedAt;
  const { batches, ...counts } = run.written;
  const rows = rowsOf(counts);
  return {
    ...counts,
    rows,
    bad: run.bad,
    badRecords: run.badRecords,
    refused: false,
    batches,
    elapsedMs,
    rowsPerSecond: perSecond(rows, elapsedMs),
  };
}

function positive(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`import: batch sizes and limits must be positive integers, got ${value}`);
  }
  return value;
}
