// Decides, for an import, whether each relationship's ends exist: an organisation read earlier in
// the file, or one already in the store. Relationships whose ends are unknown wait (bounded) until
// the file's organisations have all been read, then the store is asked about the rest in bulk.
import type { GraphStore } from '../graph/graph-store.port';
import type { Relationship } from '../graph/graph.types';

export interface EndProblem {
  line: number;
  message: string;
}

interface Waiting {
  line: number;
  rel: Relationship;
  /**
   * Queued after the organisations were complete: only the store can still supply its unknown
   * ends, whatever the file holds later. Keeps the verdict independent of when the queue drains.
   */
  late: boolean;
  /** Whether each end was an organisation of the file when the relationship was read. */
  fromInFile: boolean;
  toInFile: boolean;
}

/** Ids asked of the store per call; keeps each existingIds request small. */
const LOOKUP_CHUNK = 10_000;
/** Once organisations are complete, this many waiting relationships trigger a store lookup. */
const DRAIN_AT = 5_000;

export class TooManyWaitingError extends Error {
  constructor(readonly limit: number) {
    super(
      `more than ${limit} relationships come before the organisations they connect; ` +
        'put the organisations first (as export does) so relationships can be checked as they come',
    );
    this.name = 'TooManyWaitingError';
  }
}

export class RelationshipEnds {
  /** Organisations read from the file so far. Grows with the file's organisations (ids only). */
  private readonly fileIds = new Set<string>();
  /** What the store said about ids the file does not hold; the store only gains file ids. */
  private readonly inStore = new Set<string>();
  private readonly notInStore = new Set<string>();
  private waiting: Waiting[] = [];
  private complete = false;

  constructor(
    private readonly store: Pick<GraphStore, 'existingIds'>,
    private readonly maxWaiting: number,
  ) {}

  addOrganization(id: string): void {
    this.fileIds.add(id);
  }

  /**
   * From now on no organisation the file has not shown yet can end a waiting relationship: the
   * organisations section of a document has ended (or an NDJSON file moved on to other records).
   */
  organisationsComplete(): void {
    this.complete = true;
  }

  get isComplete(): boolean {
    return this.complete;
  }

  /** The relationship when both ends are known to exist; otherwise it waits and null comes back. */
  offer(line: number, rel: Relationship): Relationship | null {
    const fromInFile = this.fileIds.has(rel.from);
    const toInFile = this.fileIds.has(rel.to);
    const w: Waiting = { line, rel, late: this.complete, fromInFile, toInFile };
    if (this.unknownEnd(w) === null) return rel;
    this.waiting.push(w);
    return null;
  }

  /** True when enough relationships wait that resolving them now is worth a store round trip. */
  shouldDrain(): boolean {
    return this.waiting.length >= (this.complete ? DRAIN_AT : this.maxWaiting);
  }

  /**
   * Asks the store about the unknown ends of waiting relationships. Returns those now resolved
   * and, once organisations are complete, the problems of those that never will be.
   */
  async drain(): Promise<{ ready: Relationship[]; problems: EndProblem[] }> {
    await this.lookUp();
    const ready: Relationship[] = [];
    const problems: EndProblem[] = [];
    const still: Waiting[] = [];
    for (const w of this.waiting) {
      const end = this.unknownEnd(w);
      if (end === null) ready.push(w.rel);
      else if (this.complete) {
        problems.push({
          line: w.line,
          message: `relationships.${end.field}: organization "${end.id}" is not in the store or the file`,
        });
      } else still.push(w);
    }
    this.waiting = still;
    if (!this.complete && still.length >= this.maxWaiting)
      throw new TooManyWaitingError(this.maxWaiting);
    return { ready, problems };
  }

  private async lookUp(): Promise<void> {
    const ask = new Set<string>();
    for (const w of this.waiting) {
      for (const [id, inFile] of [
        [w.rel.from, w.fromInFile],
        [w.rel.to, w.toInFile],
      ] as const) {
        if (inFile || (!w.late && this.fileIds.has(id))) continue;
        if (!this.inStore.has(id) && !this.notInStore.has(id)) ask.add(id);
      }
    }
    const ids = [...ask];
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const chunk = ids.slice(i, i + LOOKUP_CHUNK);
      const found = await this.store.existingIds(chunk);
      for (const id of chunk) (found.has(id) ? this.inStore : this.notInStore).add(id);
    }
  }

  /**
   * The first end not known to exist. A late relationship counts only the file's organisations
   * read before it; an early one, every organisation read so far.
   */
  private unknownEnd(w: Waiting): { field: 'from' | 'to'; id: string } | null {
    if (!this.known(w.rel.from, w.fromInFile, w.late)) return { field: 'from', id: w.rel.from };
    if (!this.known(w.rel.to, w.toInFile, w.late)) return { field: 'to', id: w.rel.to };
    return null;
  }

  private known(id: string, inFileWhenRead: boolean, late: boolean): boolean {
    return inFileWhenRead || this.inStore.has(id) || (!late && this.fileIds.has(id));
  }
}
