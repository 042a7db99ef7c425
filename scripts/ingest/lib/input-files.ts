/**
 * The one door through which ingest touches the file system. Inputs are hostile trees: a link may
 * loop, dangle or lead to /etc/passwd, a "file" may be a FIFO that blocks every read or a device
 * that never ends, a folder may be unreadable. Each of those becomes a located problem, reported
 * once, and the walk goes on; links leaving the input tree are never followed.
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { dirname, sep } from 'node:path';
import type { ProblemLog } from '../../../domain/problems.ts';

export type InputEntry = { kind: 'file'; size: number; real: string } | { kind: 'dir'; real: string };

/**
 * The largest file read whole: a UTF-8 file of N bytes decodes to at most N UTF-16 code units, so
 * up to the engine's string limit (about 512 MiB in V8) it always fits. Larger JSON Lines files are
 * streamed; larger single documents are refused with that reason.
 */
export const MAX_WHOLE_FILE_BYTES = bufferConstants.MAX_STRING_LENGTH;

const CHUNK_BYTES = 1 << 20;

/** What the site shows of a source file: a short content hash and its size. */
export interface Fingerprint {
  sha256: string;
  bytes: number;
}

export class InputFiles {
  private readonly roots: string[] = [];
  private readonly reported = new Set<string>();
  private readonly refusedPaths = new Set<string>();
  /** Every file read in full, by path, so no source is read twice just to hash it. */
  readonly fingerprints = new Map<string, Fingerprint>();
  /** While tracking: every path looked at, and what it was (see observe), for the input cache. */
  private seen: Map<string, string> | undefined;
  readonly stats = { filesRead: 0, bytesRead: 0 };

  private readonly problems: ProblemLog;
  private readonly rel: (path: string) => string;
  /** Overridable so tests can reach the limit without writing half a gigabyte. */
  readonly maxWholeFileBytes: number;

  constructor(problems: ProblemLog, rel: (path: string) => string, maxWholeFileBytes = MAX_WHOLE_FILE_BYTES) {
    this.problems = problems;
    this.rel = rel;
    this.maxWholeFileBytes = maxWholeFileBytes;
  }

  /**
   * A path the user named: followed even if it is a link, and it bounds the tree. A file's folder
   * is the tree (readers pull in sibling files such as lm-eval's samples next to its results).
   */
  addRoot(path: string): void {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return; // reported by the walk when it visits the path
    }
    let isDir = false;
    try {
      isDir = statSync(real).isDirectory();
    } catch {
      // reported on visit
    }
    this.roots.push(isDir ? real : dirname(real));
  }

  /** True when a path, its links resolved, lies inside one of the input trees. */
  inside(path: string): boolean {
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // a path that does not exist (yet) is judged as written
    }
    return this.roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
  }

  /**
   * What a path is, after following a link that stays inside the tree. Undefined for a path that
   * does not exist (silently: readers probe optional files) and for anything refused (reported).
   */
  entry(path: string): InputEntry | undefined {
    this.note(path);
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (err) {
      if (codeOf(err) !== 'ENOENT' && codeOf(err) !== 'ENOTDIR') this.refuse(path, 'error', `cannot read: ${describeError(err)}`);
      return undefined;
    }
    let real = path;
    if (st.isSymbolicLink()) {
      try {
        real = realpathSync(path);
      } catch (err) {
        const code = codeOf(err);
        if (code === 'ELOOP') this.refuse(path, 'error', 'symbolic link loop; not followed');
        else if (code === 'ENOENT' || code === 'ENOTDIR') this.refuse(path, 'warning', 'dangling symbolic link (its target does not exist); not followed');
        else this.refuse(path, 'error', `cannot follow symbolic link: ${describeError(err)}`);
        return undefined;
      }
      if (!this.inside(real)) {
        this.refuse(path, 'warning', 'symbolic link leads outside the input tree; not followed');
        return undefined;
      }
      try {
        st = statSync(real);
      } catch (err) {
        this.refuse(path, 'error', `cannot read: ${describeError(err)}`);
        return undefined;
      }
    } else {
      try {
        real = realpathSync(path);
      } catch {
        real = path;
      }
    }
    if (st.isDirectory()) return { kind: 'dir', real };
    if (st.isFile()) return { kind: 'file', size: st.size, real };
    this.refuse(path, 'warning', `not a regular file (${specialKind(st)}); not read`);
    return undefined;
  }

  isDir(path: string): boolean {
    return this.entry(path)?.kind === 'dir';
  }

  isFile(path: string): boolean {
    return this.entry(path)?.kind === 'file';
  }

  /** A folder's entry names, sorted; an unreadable folder is reported and lists nothing. */
  list(dir: string): string[] {
    if (this.seen) this.seen.set(`${dir}/`, observeList(dir));
    try {
      return readdirSync(dir).sort();
    } catch (err) {
      this.refuse(dir, 'error', `cannot list folder: ${describeError(err)}`);
      return [];
    }
  }

  /**
   * The bytes of a regular file, or undefined (reported) when it is refused, unreadable or larger
   * than can be read whole.
   */
  readWhole(path: string): Buffer | undefined {
    const e = this.entry(path);
    if (!e) return undefined;
    if (e.kind !== 'file') {
      this.refuse(path, 'error', 'is a folder, not a file');
      return undefined;
    }
    if (e.size > this.maxWholeFileBytes) {
      this.refuse(path, 'error', `file is ${formatBytes(e.size)}, larger than the ${formatBytes(this.maxWholeFileBytes)} a single document can be read whole; not read (JSON Lines files are read line by line at any size)`);
      return undefined;
    }
    return this.withFd(path, (fd) => {
      // The size seen by stat may change (a file being written): read until the end.
      const parts: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, Math.min(e.size - total + 1, 64 * CHUNK_BYTES)));
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        parts.push(n === buf.length ? buf : buf.subarray(0, n));
        total += n;
        if (total > this.maxWholeFileBytes) {
          this.refuse(path, 'error', `file grew past ${formatBytes(this.maxWholeFileBytes)} while being read; not read`);
          return undefined;
        }
      }
      const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
      this.recordRead(path, createHash('sha256').update(bytes), total);
      return bytes;
    });
  }

  /** Calls `onChunk` with successive chunks of a regular file; false when it was not read. */
  readChunks(path: string, onChunk: (chunk: Buffer) => void): boolean {
    const e = this.entry(path);
    if (!e || e.kind !== 'file') return false;
    return (
      this.withFd(path, (fd) => {
        const buf = Buffer.allocUnsafe(CHUNK_BYTES);
        const hash = createHash('sha256');
        let total = 0;
        for (;;) {
          const n = readSync(fd, buf, 0, buf.length, null);
          if (n === 0) break;
          hash.update(buf.subarray(0, n));
          total += n;
          onChunk(buf.subarray(0, n));
        }
        this.recordRead(path, hash, total);
        return true;
      }) ?? false
    );
  }

  /** The first `bytes` of a regular file (for sniffing), or undefined. */
  readHead(path: string, bytes: number): Buffer | undefined {
    const e = this.entry(path);
    if (!e || e.kind !== 'file') return undefined;
    return this.withFd(path, (fd) => {
      const buf = Buffer.allocUnsafe(Math.min(bytes, e.size));
      const n = buf.length ? readSync(fd, buf, 0, buf.length, 0) : 0;
      return buf.subarray(0, n);
    });
  }

  /** Starts noting every path looked at (what one input's reader depended on). */
  track(): void {
    this.seen = new Map();
  }

  /** Notes a path as looked at (a reader's cached read of it counts too). */
  note(path: string): void {
    if (this.seen && !this.seen.has(path)) this.seen.set(path, observe(path));
  }

  /** The paths looked at since track(), each with what it was: [path, observation]. */
  tracked(): [string, string][] {
    const out = [...(this.seen ?? [])];
    this.seen = undefined;
    return out;
  }

  /** True when a problem was reported for this path (so a caller does not report it again). */
  wasRefused(path: string): boolean {
    return this.refusedPaths.has(path);
  }

  /** The fingerprint of a file, hashing it (streamed) if it was not read yet. */
  fingerprint(path: string): Fingerprint | undefined {
    if (!this.fingerprints.has(path) && this.isFile(path)) this.readChunks(path, () => {});
    return this.fingerprints.get(path);
  }

  private recordRead(path: string, hash: Hash, bytes: number): void {
    if (!this.fingerprints.has(path)) {
      this.stats.filesRead++;
      this.stats.bytesRead += bytes;
    }
    this.fingerprints.set(path, { sha256: hash.digest('hex').slice(0, 16), bytes });
  }

  private withFd<T>(path: string, use: (fd: number) => T): T | undefined {
    let fd: number;
    try {
      // O_NONBLOCK: if the path was swapped for a FIFO after the check, open must not block.
      fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    } catch (err) {
      this.refuse(path, 'error', `cannot read file: ${describeError(err)}`);
      return undefined;
    }
    try {
      if (!fstatSync(fd).isFile()) {
        this.refuse(path, 'warning', 'not a regular file; not read');
        return undefined;
      }
      return use(fd);
    } catch (err) {
      this.refuse(path, 'error', `cannot read file: ${describeError(err)}`);
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  private refuse(path: string, severity: 'error' | 'warning', message: string): void {
    const key = `${path}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.refusedPaths.add(path);
    this.problems.add({ severity, file: this.rel(path), message });
  }
}

function codeOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** The reason without the absolute path Node puts into its messages. */
function describeError(err: unknown): string {
  switch (codeOf(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return codeOf(err) ?? (err instanceof Error ? err.message : String(err));
  }
}

function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'a special file';
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

/**
 * What a path is, as a string that changes when the file does: kind, size and modification time
 * (links followed). Compared by the input cache to tell an unchanged input; never reports.
 */
export function observe(path: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'dir';
    return st.isFile() ? `file ${st.size} ${st.mtimeMs} ${st.ino}` : 'other';
  } catch {
    return lstatOrMissing(path);
  }
}

function lstatOrMissing(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? 'dangling link' : 'unreadable';
  } catch {
    return 'missing';
  }
}

/** A folder's entries (observed for the input cache: a file added to a run folder changes it). */
export function observeList(dir: string): string {
  try {
    return readdirSync(dir).sort().join('\u0000');
  } catch {
    return 'unlistable';
  }
}
