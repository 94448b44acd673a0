// Writes many small strings to a file stream in large chunks, waiting for 'drain' so memory stays
// bounded however fast records are produced. Used by export and the generator.
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';

const FLUSH_AT_CHARS = 256 * 1024;

export class BufferedWriter {
  private parts: string[] = [];
  private chars = 0;
  private readonly stream: WriteStream;
  /** Characters handed to the stream so far. */
  written = 0;

  private failure: Error | null = null;

  constructor(file: string) {
    // `--out bench/.work/x.ndjson` on a fresh clone: the folder is made, as the README's commands
    // expect.
    mkdirSync(dirname(file), { recursive: true });
    this.stream = createWriteStream(file);
    // Keeps a write error (disk full) from crashing the process; the next call rethrows it.
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= FLUSH_AT_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.written += chunk.length;
    // once() rejects when the stream emits 'error' while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    if (this.failure) throw this.failure;
  }

  /** Releases the file after a failure, without flushing. */
  destroy(): void {
    this.stream.destroy();
  }
}
