// JSON-document graph files ({ "places": [...], "organizations": [...], "relationships": [...] })
// read incrementally: a byte-level scanner tracks string/escape state and bracket depth to cut out
// each array element, which alone is handed to JSON.parse. Memory holds one record at a time,
// whatever the file's size; other top-level keys are skipped without being buffered.
import {
  GraphFileItem,
  GraphFileRecordKind,
  GraphFileScanner,
  GraphFileSyntaxError,
  jsonErrorMessage,
  RecordBuffer,
} from './graph-file-item';

const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

const isSpace = (b: number): boolean => b === SPACE || b === NL || b === CR || b === TAB;

/** Top-level arrays that hold records, and the kind of their elements. */
const ARRAY_KINDS: Readonly<Record<string, GraphFileRecordKind>> = {
  places: 'place',
  organizations: 'organization',
  relationships: 'relationship',
};

// Where the scanner is in the document's top-level shape.
enum At {
  Start, // before the opening "{"
  KeyOrEnd, // after "{": a key or "}"
  KeyNext, // after a top-level ",": a key
  Colon, // after a key
  Value, // after ":"
  ElementOrEnd, // after "[": a record or "]"
  ElementNext, // after "," in an array: a record
  AfterElement, // after a record: "," or "]"
  AfterValue, // after a top-level value: "," or "}"
  InValue, // inside a key, a record or a skipped value (see Role)
  Done, // after the closing "}"
}

enum Role {
  Key,
  Element,
  Skip,
}

const MAX_KEY_BYTES = 4096;

export class JsonDocumentScanner implements GraphFileScanner {
  private at = At.Start;
  private line = 1;
  private key = '';
  private kind: GraphFileRecordKind | null = null;

  // State of the value being scanned (At.InValue).
  private role = Role.Skip;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private literal = false;
  /** The value's first byte is still to be read (it decides string, structure or literal). */
  private first = false;
  private valueLine = 1;
  private lastElementLine = 1;
  private readonly element: RecordBuffer;
  private readonly keyBuffer = new RecordBuffer(MAX_KEY_BYTES);

  constructor(maxRecordBytes: number) {
    this.element = new RecordBuffer(maxRecordBytes);
  }

  push(chunk: Buffer, out: GraphFileItem[]): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.at === At.InValue) {
        i = this.scanValue(chunk, i, out);
        continue;
      }
      const b = chunk[i] as number;
      if (isSpace(b)) {
        if (b === NL) this.line++;
        i++;
        continue;
      }
      switch (this.at) {
        case At.Start:
          if (b !== LBRACE) {
            this.fail(
              'expected a JSON object { "places", "organizations", "relationships" } or NDJSON',
            );
          }
          this.at = At.KeyOrEnd;
          i++;
          break;
        case At.KeyOrEnd:
        case At.KeyNext:
          if (b === RBRACE && this.at === At.KeyOrEnd) {
            this.at = At.Done;
            i++;
          } else if (b === QUOTE) {
            this.begin(Role.Key);
          } else {
            this.fail('expected a quoted key');
          }
          break;
        case At.Colon:
          if (b !== COLON) this.fail(`expected ":" after "${this.key}"`);
          this.at = At.Value;
          i++;
          break;
        case At.Value:
          this.kind = ARRAY_KINDS[this.key] ?? null;
          if (this.kind) {
            if (b !== LBRACKET) this.fail(`"${this.key}" must be an array`);
            this.at = At.ElementOrEnd;
            i++;
          } else {
            // Unknown keys (metadata such as a generator's settings) are allowed and ignored.
            this.expectValueStart(b);
            this.begin(Role.Skip);
          }
          break;
        case At.ElementOrEnd:
        case At.ElementNext:
          if (b === RBRACKET && this.at === At.ElementOrEnd) {
            this.at = At.AfterValue;
            i++;
          } else {
            this.expectValueStart(b);
            this.begin(Role.Element);
          }
          break;
        case At.AfterElement:
          if (b === COMMA) this.at = At.ElementNext;
          else if (b === RBRACKET) this.at = At.AfterValue;
          else {
            this.fail(
              `expected "," or "]" after the record starting at line ${this.lastElementLine}`,
            );
          }
          i++;
          break;
        case At.AfterValue:
          if (b === COMMA) this.at = At.KeyNext;
          else if (b === RBRACE) this.at = At.Done;
          else this.fail('expected "," or "}" between top-level entries');
          i++;
          break;
        case At.Done:
          this.fail('unexpected content after the end of the document');
          break;
      }
    }
  }

  end(_out: GraphFileItem[]): void {
    if (this.at === At.Done) return;
    if (this.at === At.Start) this.fail('the file is empty; expected a graph document or NDJSON');
    if (this.at === At.InValue && this.role === Role.Element) {
      this.fail(
        `unexpected end of file in the ${this.kind} record starting at line ${this.valueLine}`,
      );
    }
    this.fail('unexpected end of file: the document is not closed');
  }

  private fail(reason: string): never {
    throw new GraphFileSyntaxError(this.line, reason);
  }

  private expectValueStart(b: number): void {
    if (b === COMMA || b === COLON || b === RBRACE || b === RBRACKET) {
      this.fail(`expected a value, found "${String.fromCharCode(b)}"`);
    }
  }

  /** Starts scanning a value whose first byte is the next one to read. */
  private begin(role: Role): void {
    this.role = role;
    this.at = At.InValue;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.literal = false;
    this.valueLine = this.line;
    this.first = true;
  }

  /**
   * The hot loop: runs over the value's bytes until it ends (returns the index after it) or the
   * chunk does (keeps the bytes seen and returns the chunk's length).
   */
  private scanValue(chunk: Buffer, from: number, out: GraphFileItem[]): number {
    const n = chunk.length;
    let { depth, inString, escaped, literal, line } = this;
    let i = from;
    if (this.first) {
      this.first = false;
      const b = chunk[i] as number;
      if (b === QUOTE) inString = true;
      else if (b === LBRACE || b === LBRACKET) depth = 1;
      else literal = true; // number, true, false, null: ends at the next delimiter
      i++;
    }
    let end = -1;
    // Position of the next newline at or after i; -1 when there is none left in the chunk.
    let nextNewline = -2;
    for (; i < n; i++) {
      if (inString && !escaped) {
        // Most bytes are inside strings: jump to the next quote with indexOf (native, fast)
        // instead of visiting each byte, unless a raw newline must be counted on the way.
        if (nextNewline !== -1 && nextNewline < i) nextNewline = chunk.indexOf(NL, i);
        const q = chunk.indexOf(QUOTE, i);
        if (nextNewline === -1 || (q !== -1 && nextNewline > q)) {
          const stop = q === -1 ? n : q;
          let slashes = 0;
          while (stop - slashes - 1 >= i && chunk[stop - slashes - 1] === BACKSLASH) slashes++;
          if (q === -1) {
            escaped = slashes % 2 === 1; // a backslash at the chunk's end escapes the next byte
            i = n;
            break;
          }
          if (slashes % 2 === 1) {
            i = q; // an escaped quote: the string goes on after it
            continue;
          }
          inString = false;
          if (depth === 0) {
            end = q + 1;
            break;
          }
          i = q;
          continue;
        }
      }
      const b = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 0) {
            end = i + 1;
            break;
          }
        } else if (b === NL) line++; // invalid in JSON, but keeps later line numbers right
        continue;
      }
      if (literal) {
        if (b === COMMA || b === RBRACKET || b === RBRACE || isSpace(b)) {
          end = i; // the delimiter belongs to the enclosing structure
          break;
        }
        continue;
      }
      switch (b) {
        case QUOTE:
          inString = true;
          break;
        case LBRACE:
        case LBRACKET:
          depth++;
          break;
        case RBRACE:
        case RBRACKET:
          if (--depth === 0) end = i + 1;
          break;
        case NL:
          line++;
          break;
        default:
          break;
      }
      if (end !== -1) break;
    }
    this.line = line;
    if (end === -1) {
      this.depth = depth;
      this.inString = inString;
      this.escaped = escaped;
      this.literal = literal;
      this.capture(chunk.subarray(from, n));
      return n;
    }
    this.capture(chunk.subarray(from, end));
    this.finish(out);
    return end;
  }

  private capture(part: Buffer): void {
    if (this.role === Role.Element) this.element.append(part);
    else if (this.role === Role.Key) this.keyBuffer.append(part);
  }

  private finish(out: GraphFileItem[]): void {
    switch (this.role) {
      case Role.Key: {
        if (this.keyBuffer.oversize) this.fail(`a key is longer than ${MAX_KEY_BYTES} bytes`);
        const text = this.keyBuffer.take();
        try {
          this.key = JSON.parse(text) as string;
        } catch (e) {
          this.fail(`bad key: ${jsonErrorMessage(e)}`);
        }
        this.at = At.Colon;
        return;
      }
      case Role.Skip:
        this.at = At.AfterValue;
        return;
      case Role.Element: {
        const line = this.valueLine;
        const kind = this.kind as GraphFileRecordKind;
        this.lastElementLine = line;
        this.at = At.AfterElement;
        if (this.element.oversize) {
          const error = this.element.tooLargeMessage();
          this.element.reset();
          out.push({ line, kind, error });
          return;
        }
        const text = this.element.take();
        try {
          out.push({ line, kind, record: JSON.parse(text) as unknown });
        } catch (e) {
          out.push({ line, kind, error: jsonErrorMessage(e) });
        }
        return;
      }
    }
  }
}
