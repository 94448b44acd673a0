// What the streaming graph-file readers yield: one raw (unvalidated) record with the line where
// it starts, or the reason it could not be read. Shared by the NDJSON and JSON-document scanners.

export const GRAPH_FILE_RECORD_KINDS = ['organization', 'relationship', 'place'] as const;
export type GraphFileRecordKind = (typeof GRAPH_FILE_RECORD_KINDS)[number];

export interface GraphFileItem {
  /** 1-based line of the file where the record starts. */
  line: number;
  /**
   * The record's kind; null only together with `error`, when an unreadable NDJSON line does not
   * even show which kind it was meant to be.
   */
  kind: GraphFileRecordKind | null;
  /** The parsed JSON value, for the graph-file record parsers to validate. */
  record?: unknown;
  /** Why the record could not be read (bad JSON, wrong envelope, too large). */
  error?: string;
}

/**
 * The file as a whole cannot be read on (not a graph file, truncated, garbage between records):
 * unlike a bad record, there is no next record to skip to.
 */
export class GraphFileSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'GraphFileSyntaxError';
  }
}

/** Above this a record is reported and skipped instead of buffered, so memory stays bounded. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** A push parser: fed the file's bytes in order, it appends the records it completes to `out`. */
export interface GraphFileScanner {
  push(chunk: Buffer, out: GraphFileItem[]): void;
  /** Called once at end of file; throws GraphFileSyntaxError when the file stops mid-structure. */
  end(out: GraphFileItem[]): void;
}

export function jsonErrorMessage(e: unknown): string {
  return `invalid JSON: ${e instanceof Error ? e.message : String(e)}`;
}

/** Collects the byte slices of one record across chunks, dropping them once it is too large. */
export class RecordBuffer {
  private parts: Buffer[] = [];
  private bytes = 0;
  oversize = false;

  constructor(private readonly maxBytes: number) {}

  append(part: Buffer): void {
    if (this.oversize || part.length === 0) return;
    this.bytes += part.length;
    if (this.bytes > this.maxBytes) {
      this.oversize = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  /** The record's text (concatenated bytes, decoded once so multi-byte characters survive). */
  take(): string {
    const parts = this.parts;
    this.reset();
    if (parts.length === 1) return (parts[0] as Buffer).toString('utf8');
    return Buffer.concat(parts).toString('utf8');
  }

  reset(): void {
    this.parts = [];
    this.bytes = 0;
    this.oversize = false;
  }

  tooLargeMessage(): string {
    return `record is larger than ${this.maxBytes} bytes; skipped`;
  }
}
