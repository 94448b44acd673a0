// NDJSON graph files: one {"organization": {...}}, {"relationship": {...}} or {"place": {...}} per
// line, blank lines ignored. Only the current line is ever buffered.
import {
  GRAPH_FILE_RECORD_KINDS,
  GraphFileItem,
  GraphFileRecordKind,
  GraphFileScanner,
  jsonErrorMessage,
  RecordBuffer,
} from './graph-file-item';

const NEWLINE = 0x0a;
const ENVELOPE_ERROR =
  'expected an object with one key, "organization", "relationship" or "place", holding the record';
// Lets a line that is not valid JSON still say what it was meant to be.
const KIND_HINT = /^\s*\{\s*"(organization|relationship|place)"/u;

const isKind = (key: string): key is GraphFileRecordKind =>
  (GRAPH_FILE_RECORD_KINDS as readonly string[]).includes(key);

/** Reads one line's envelope into an item; pure, so the tests can use it on strings. */
export function ndjsonItem(text: string, line: number): GraphFileItem | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    const hint = KIND_HINT.exec(trimmed)?.[1];
    return { line, kind: hint && isKind(hint) ? hint : null, error: jsonErrorMessage(e) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, kind: null, error: ENVELOPE_ERROR };
  }
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !isKind(key)) {
    const hint = keys.find(isKind) ?? null;
    return { line, kind: hint, error: ENVELOPE_ERROR };
  }
  return { line, kind: key, record: (value as Record<string, unknown>)[key] };
}

export class NdjsonScanner implements GraphFileScanner {
  private readonly current: RecordBuffer;
  /** Line number of the line being collected. */
  private line = 1;

  constructor(maxRecordBytes: number) {
    this.current = new RecordBuffer(maxRecordBytes);
  }

  push(chunk: Buffer, out: GraphFileItem[]): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        this.current.append(chunk.subarray(start));
        return;
      }
      this.current.append(chunk.subarray(start, nl));
      this.finishLine(out);
      start = nl + 1;
    }
  }

  end(out: GraphFileItem[]): void {
    this.finishLine(out);
  }

  private finishLine(out: GraphFileItem[]): void {
    const line = this.line++;
    if (this.current.oversize) {
      const message = this.current.tooLargeMessage();
      this.current.reset();
      out.push({ line, kind: null, error: message });
      return;
    }
    const item = ndjsonItem(this.current.take(), line);
    if (item) out.push(item);
  }
}
