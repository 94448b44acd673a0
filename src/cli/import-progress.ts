// Import progress on stderr: a cli-progress bar (bytes read, rows, rows/s) on a terminal; plain
// lines every ~2 s otherwise, so CI logs and redirected output stay readable.
import { MultiBar, Presets, SingleBar } from 'cli-progress';
import type { ImportPhase, ImportProgress } from '../graph-file/import-graph-file';

export interface ProgressReporter {
  update(p: ImportProgress): void;
  /** Prints a line (a bad record) without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 2_000;
const fmt = (n: number): string => n.toLocaleString('en-US');

const verb = (phase: ImportPhase): string => (phase === 'validate' ? 'validated' : 'imported');

export function createProgressReporter(
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  return stream.isTTY ? new BarReporter(stream) : new LineReporter(stream);
}

class LineReporter implements ProgressReporter {
  private last = Date.now();

  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(p: ImportProgress): void {
    const now = Date.now();
    if (now - this.last < PLAIN_EVERY_MS) return;
    this.last = now;
    // Validation writes nothing, so its throughput is in records read.
    const count = p.phase === 'validate' ? p.records : p.rows;
    const rate = p.elapsedMs > 0 ? Math.round((count * 1000) / p.elapsedMs) : 0;
    const noun = p.phase === 'validate' ? 'records' : 'rows';
    this.stream.write(`${verb(p.phase)} ${count} ${noun} (${rate} ${noun}/s)\n`);
  }

  log(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {}
}

class BarReporter implements ProgressReporter {
  private readonly multi: MultiBar;
  private bar: SingleBar | null = null;
  private phase: ImportPhase | null = null;

  constructor(private readonly stream: NodeJS.WritableStream) {
    this.multi = new MultiBar(
      {
        stream,
        format:
          '{phase} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | {bad} bad | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
  }

  update(p: ImportProgress): void {
    if (this.phase !== p.phase || !this.bar) {
      this.bar?.update(this.bar.getTotal());
      this.phase = p.phase;
      this.bar = this.multi.create(Math.max(1, p.totalBytes), 0, this.payload(p));
    }
    this.bar.update(p.bytesRead, this.payload(p));
  }

  private payload(p: ImportProgress): Record<string, string> {
    const count = p.phase === 'validate' ? p.records : p.rows;
    const rate = p.elapsedMs > 0 ? Math.round((count * 1000) / p.elapsedMs) : 0;
    return {
      phase: p.phase === 'validate' ? 'validating' : 'importing ',
      rows: fmt(count),
      rate: fmt(rate),
      bad: fmt(p.bad),
    };
  }

  log(line: string): void {
    // Before the first bar there is nothing to draw around; after it, the bar reprints below.
    if (this.bar) this.multi.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
  }

  stop(): void {
    if (!this.bar) return;
    this.multi.update(); // flushes lines logged since the last redraw, which stop() would drop
    this.multi.stop();
    this.bar = null;
  }
}
