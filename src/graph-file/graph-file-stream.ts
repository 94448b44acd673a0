// Streams a graph file, NDJSON or a JSON document, as raw records with their line numbers, in
// bounded memory: the file is read in chunks and only the record being cut out is buffered.
// Validation is left to the record parsers of graph-file.ts, so every reader shares one schema.
import { createReadStream } from 'node:fs';
import { DEFAULT_MAX_RECORD_BYTES, GraphFileItem, GraphFileScanner } from './graph-file-item';
import { JsonDocumentScanner } from './json-document-scanner';
import { NdjsonScanner } from './ndjson-scanner';

export type { GraphFileItem, GraphFileRecordKind } from './graph-file-item';
export { GraphFileSyntaxError } from './graph-file-item';

export type GraphFileFormat = 'ndjson' | 'json';

export interface GraphFileStreamOptions {
  /** Skips detection. */
  format?: GraphFileFormat;
  /** A larger record is reported as an error and skipped (default 16 MiB). */
  maxRecordBytes?: number;
  /** Read size (default 1 MiB); tests make it tiny to cut records across chunks. */
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far, for progress bars. */
  onBytesRead?: (bytes: number) => void;
}

const NDJSON_START = /^\{\s*"(organization|relationship|place)"\s*:/u;
/** Bytes after the first non-blank character that detection looks at. */
const DETECT_BYTES = 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const stripBom = (buf: Buffer): Buffer => (buf.subarray(0, 3).equals(BOM) ? buf.subarray(3) : buf);

/**
 * NDJSON when the first line starts with an {"organization"|"relationship"|"place": envelope,
 * else a JSON document. Null while the head is too short to tell and more bytes may come.
 */
export function detectGraphFileFormat(head: Buffer, atEnd: boolean): GraphFileFormat | null {
  const text = stripBom(head).toString('utf8').trimStart();
  if (!atEnd && text.length < DETECT_BYTES && !text.includes('\n')) return null;
  const firstLine = text.split('\n', 1)[0] ?? '';
  return NDJSON_START.test(firstLine) ? 'ndjson' : 'json';
}

function scannerFor(format: GraphFileFormat, maxRecordBytes: number): GraphFileScanner {
  switch (format) {
    case 'ndjson':
      return new NdjsonScanner(maxRecordBytes);
    case 'json':
      return new JsonDocumentScanner(maxRecordBytes);
  }
}

/**
 * Yields every record of the file in order. Bad records come as items with `error` and the
 * stream goes on; a file that cannot be read on (truncated, not a graph file) throws
 * GraphFileSyntaxError after the records before the fault.
 */
export async function* readGraphFileStream(
  file: string,
  options: GraphFileStreamOptions = {},
): AsyncGenerator<GraphFileItem> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1024 * 1024 });
  let scanner: GraphFileScanner | null = null;
  let head: Buffer[] = [];
  let bytesRead = 0;
  const out: GraphFileItem[] = [];

  const start = (format: GraphFileFormat): GraphFileScanner => {
    const s = scannerFor(format, maxRecordBytes);
    s.push(stripBom(Buffer.concat(head)), out);
    head = [];
    return s;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    if (scanner) {
      scanner.push(chunk, out);
    } else {
      head.push(chunk);
      const format = options.format ?? detectGraphFileFormat(Buffer.concat(head), false);
      if (format) scanner = start(format);
    }
    options.onBytesRead?.(bytesRead);
    for (const item of out) yield item;
    out.length = 0;
  }
  scanner ??= start(options.format ?? detectGraphFileFormat(Buffer.concat(head), true) ?? 'json');
  scanner.end(out);
  for (const item of out) yield item;
}
