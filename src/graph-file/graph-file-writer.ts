// Writes graph files, NDJSON or a JSON document, one record at a time: the exact inverse of
// graph-file-stream.ts, so export → import round-trips. Records are written in sections (places,
// organisations, relationships); a JSON document cannot reopen a closed section, so the writer
// refuses out-of-order records instead of writing a file the reader would misjudge.
import type {
  OrganizationKind,
  OrganizationWrite,
  PlaceKind,
  PlaceWrite,
  Relationship,
  RelationshipType,
} from '../graph/graph.types';
import { BufferedWriter } from './buffered-writer';
import type { GraphFileFormat } from './graph-file-stream';

/** A place as the file holds it: the parent by name. */
export interface PlaceRecord {
  name: string;
  kind?: PlaceKind;
  within?: string;
}

/** An organisation as the file holds it: facets and places by name (the seed's shape). */
export interface OrganizationRecord {
  id: string;
  name: string;
  kind: OrganizationKind;
  description: string | null;
  aliases: string[];
  sectors: string[];
  offers: string[];
  needs: string[];
  locations: string[];
  markets: string[];
  website: string | null;
  founded: number | null;
  strategicEnterprise: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface RelationshipRecord {
  from: string;
  to: string;
  type: RelationshipType;
  since: number | null;
  description: string | null;
  source: string | null;
}

export function toPlaceRecord(p: PlaceWrite): PlaceRecord {
  return {
    name: p.name,
    ...(p.kind !== null && { kind: p.kind }),
    ...(p.within && { within: p.within.name }),
  };
}

export function toOrganizationRecord(o: OrganizationWrite): OrganizationRecord {
  const names = (xs: readonly { name: string }[]): string[] => xs.map((x) => x.name);
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    description: o.description,
    aliases: [...o.aliases],
    sectors: names(o.sectors),
    offers: names(o.offers),
    needs: names(o.needs),
    locations: names(o.locations),
    markets: names(o.markets),
    website: o.website,
    founded: o.founded,
    strategicEnterprise: o.strategicEnterprise,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function toRelationshipRecord(r: Relationship): RelationshipRecord {
  return {
    from: r.from,
    to: r.to,
    type: r.type,
    since: r.since,
    description: r.description,
    source: r.source,
  };
}

/** `.ndjson` / `.jsonl` files are NDJSON; anything else a JSON document. */
export function formatForFile(file: string): GraphFileFormat {
  return /\.(ndjson|jsonl)$/iu.test(file) ? 'ndjson' : 'json';
}

const SECTIONS = [
  { key: 'places', envelope: 'place' },
  { key: 'organizations', envelope: 'organization' },
  { key: 'relationships', envelope: 'relationship' },
] as const;
type Section = 0 | 1 | 2;

export class GraphFileWriter {
  private readonly out: BufferedWriter;
  /** The section being written; -1 before the first record. */
  private section = -1;
  private firstInSection = true;
  readonly counts = { places: 0, organizations: 0, relationships: 0 };

  constructor(
    file: string,
    private readonly format: GraphFileFormat,
  ) {
    this.out = new BufferedWriter(file);
  }

  /** Characters written so far. */
  get written(): number {
    return this.out.written;
  }

  async place(record: PlaceRecord): Promise<void> {
    this.counts.places++;
    await this.record(0, record);
  }

  async organization(record: OrganizationRecord): Promise<void> {
    this.counts.organizations++;
    await this.record(1, record);
  }

  async relationship(record: RelationshipRecord): Promise<void> {
    this.counts.relationships++;
    await this.record(2, record);
  }

  /** Completes the file (every section present in a JSON document, even empty). */
  async close(): Promise<void> {
    if (this.format === 'json') {
      await this.enter(2);
      await this.out.write(`${this.firstInSection ? '' : '\n'}  ]\n}\n`);
    }
    await this.out.close();
  }

  destroy(): void {
    this.out.destroy();
  }

  private async record(section: Section, record: object): Promise<void> {
    if (this.format === 'ndjson') {
      // NDJSON could mix kinds, but the importer checks relationship ends against organisations
      // already read, so keep the same order discipline as the document.
      if (section < this.section) this.outOfOrder(section);
      this.section = section;
      await this.out.write(`{"${SECTIONS[section].envelope}":${JSON.stringify(record)}}\n`);
      return;
    }
    await this.enter(section);
    await this.out.write(`${this.firstInSection ? '' : ',\n'}    ${JSON.stringify(record)}`);
    this.firstInSection = false;
  }

  /** Closes sections up to the given one and opens it (JSON documents only). */
  private async enter(section: Section): Promise<void> {
    if (section < this.section) this.outOfOrder(section);
    while (this.section < section) {
      const opening = this.section === -1 ? '{\n' : `${this.firstInSection ? '' : '\n'}  ],\n`;
      this.section++;
      const key = SECTIONS[this.section as Section].key;
      await this.out.write(`${opening}  "${key}": [\n`);
      this.firstInSection = true;
    }
  }

  private outOfOrder(section: Section): never {
    const current = this.section as Section;
    throw new Error(
      `graph file writer: ${SECTIONS[section].key} after ${SECTIONS[current].key}; ` +
        'write places, then organisations, then relationships',
    );
  }
}
