// Reads a SQLite write-ahead log (https://www.sqlite.org/fileformat2.html#walformat) to tell,
// before SQLite recovers it, whether a crash left a torn or uncommitted transaction at its end.
// SQLite drops such a tail by itself (its frames fail the checksum chain or lack a commit frame);
// this only lets the store say so in its log instead of dropping it silently.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalReport {
  /** Frames SQLite will replay: valid and followed by a commit frame. */
  committedFrames: number;
  /** Bytes of the current log generation that SQLite will discard (torn or uncommitted). */
  tornBytes: number;
}

/** Fletcher-like checksum of SQLite's WAL over 8-byte chunks, continued from (s0, s1). */
function checksum(
  buf: Buffer,
  bigEndian: boolean,
  s: [number, number],
  start: number,
  end: number,
): [number, number] {
  let [s0, s1] = s;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** null when there is no log or it holds nothing SQLite would use (empty, or another generation). */
export function inspectWal(path: string): WalReport | null {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (size < WAL_HEADER) return size === 0 ? null : { committedFrames: 0, tornBytes: size };
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
    const bigEndian = (magic & 1) === 1;
    const pageSize = header.readUInt32BE(8) === 1 ? 65536 : header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    let sum = checksum(header, bigEndian, [0, 0], 0, 24);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null;

    const frameSize = FRAME_HEADER + pageSize;
    const frame = Buffer.alloc(frameSize);
    let offset = WAL_HEADER;
    let committedEnd = WAL_HEADER;
    let committedFrames = 0;
    let frames = 0;
    let generationEnd = WAL_HEADER;
    while (offset < size) {
      const got = readSync(fd, frame, 0, frameSize, offset);
      const saltsMatch =
        got >= 16 && frame.readUInt32BE(8) === salt1 && frame.readUInt32BE(12) === salt2;
      if (!saltsMatch) break; // a frame of an older generation, reused space: not ours
      generationEnd = offset + got;
      if (got < frameSize) break; // torn: the write of this frame never finished
      sum = checksum(frame, bigEndian, sum, 0, 8);
      sum = checksum(frame, bigEndian, sum, FRAME_HEADER, frameSize);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      frames++;
      offset += frameSize;
      if (frame.readUInt32BE(4) !== 0) {
        committedEnd = offset;
        committedFrames = frames;
      }
    }
    return { committedFrames, tornBytes: Math.max(0, generationEnd - committedEnd) };
  } finally {
    closeSync(fd);
  }
}
