/**
 * Publishes a content set into a folder that may hold other things (a README, the user's notes):
 * - ownership: ingest owns `current` and `.evalsite/`, and the top-level entries an older ingest
 *   listed in its manifest; a folder holding anything else is refused unless --force, and even then
 *   nothing ingest did not write is touched;
 * - a lock (`.evalsite/lock`, created exclusively) makes a second ingest into the folder wait, then
 *   refuse, naming the holder; a lock whose process is gone is taken over;
 * - atomicity: the set is written to `.evalsite/<generation>.partial`, renamed complete, and the
 *   link `current` is swapped to it in one rename; a kill at any point leaves the old set or the new
 *   one published, and the next run removes what a killed one left behind.
 *
 * EVALSITE_FAULT_AT=<step> kills the process at that step: fault injection for the kill-point tests.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CURRENT_LINK, GENERATED_ENTRIES, GENERATIONS_DIR, MANIFEST_FILE } from '../../domain/content-layout.ts';
import { isValid } from '../../domain/validate.ts';
import { UsageError } from '../lib/cli.ts';

export type FaultPoint = 'locked' | 'staging' | 'staged' | 'linked-tmp' | 'published' | 'cleaned';

/** Stops the process at a named step when EVALSITE_FAULT_AT says so (tests kill ingest mid-publish). */
export function faultPoint(step: FaultPoint): void {
  if (process.env.EVALSITE_FAULT_AT === step) process.kill(process.pid, 'SIGKILL');
}

// Entries a folder may hold without being someone else's: its README and hidden files.
const NEUTRAL = (name: string) => name === 'README.md' || name.startsWith('.');

interface Ownership {
  /** Top-level entries written by an ingest before generations existed; replaced on publish. */
  legacy: string[];
}

/** Refuses a folder holding entries ingest did not write (unless forced), and a `current` that is not ingest's link. */
export function checkOwnership(outDir: string, force: boolean): Ownership {
  if (!existsSync(outDir)) {
    if (isLink(outDir)) throw new UsageError(`--out ${outDir} is a dangling symbolic link; point it at a folder or choose another --out`, 'EOUT');
    return { legacy: [] };
  }
  if (!statSync(outDir).isDirectory()) throw new UsageError(`--out ${outDir} is not a folder`, 'EOUT');
  const current = join(outDir, CURRENT_LINK);
  if (existsSync(current) || isLink(current)) {
    if (!isLink(current) || !readlinkSync(current).startsWith(GENERATIONS_DIR)) throw new UsageError(`${current} exists and was not written by ingest; choose another --out`, 'ENOTOWNED');
  }
  const legacy = legacyEntries(outDir);
  const foreign = readdirSync(outDir).filter((e) => !NEUTRAL(e) && e !== CURRENT_LINK && !legacy.includes(e));
  const clashing = foreign.filter((e) => GENERATED_ENTRIES.includes(e));
  if (clashing.length) throw new UsageError(`${outDir} holds ${clashing.join(', ')}, which ingest did not write (no manifest of ingest lists them); it never replaces them: choose an empty or new --out`, 'ENOTOWNED');
  if (foreign.length && !force) throw new UsageError(`${outDir} holds files ingest did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); choose an empty or new --out, or add --force to write beside them (they are never touched)`, 'ENOTOWNED');
  return { legacy };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The generated entries an older ingest left at the top level, known from its manifest there. */
function legacyEntries(outDir: string): string[] {
  const manifest = join(outDir, MANIFEST_FILE);
  if (!existsSync(manifest)) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return [];
  }
  return isValid('content-manifest.schema.json', doc) ? GENERATED_ENTRIES.filter((e) => existsSync(join(outDir, e))) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/** Takes the folder's lock, waiting up to `waitMs` for another ingest; returns its release. */
export function acquireLock(generations: string, waitMs: number): () => void {
  const lock = join(generations, 'lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
    }
    let text: string;
    let age: number;
    try {
      text = readFileSync(lock, 'utf8').trim();
      age = Date.now() - statSync(lock).mtimeMs;
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') continue; // released meanwhile
      throw err;
    }
    const holder = Number(text);
    // An empty lock is one being written right now (open and write are two steps): wait for it,
    // unless it has stayed empty long enough to be a crash's leftover.
    const stale = text === '' ? age > 10_000 : !Number.isInteger(holder) || holder <= 0 || !alive(holder);
    if (stale) {
      // A killed ingest's lock; removed only if it still says the same (another ingest may have
      // taken it over since it was read).
      try {
        if (readFileSync(lock, 'utf8').trim() === text) rmSync(lock, { force: true });
      } catch {
        // gone already
      }
      continue;
    }
    if (Date.now() >= deadline) throw new UsageError(`another ingest (process ${text || '?'}) is writing ${basename(generations) === GENERATIONS_DIR ? join(generations, '..') : generations}; wait for it or stop it`, 'ELOCKED');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/** Removes generations and partial sets no link points at (only while holding the lock). */
export function removeLeftovers(outDir: string): void {
  const generations = join(outDir, GENERATIONS_DIR);
  const current = isLink(join(outDir, CURRENT_LINK)) ? basename(readlinkSync(join(outDir, CURRENT_LINK))) : undefined;
  for (const e of readdirSync(generations)) {
    if (e === 'lock' || e === current) continue;
    rmSync(join(generations, e), { recursive: true, force: true });
  }
  for (const e of readdirSync(outDir)) if (e.startsWith(`.${CURRENT_LINK}-`)) rmSync(join(outDir, e), { force: true });
}

/**
 * Writes a content set with `write(dir)` and publishes it atomically. Returns the published folder.
 */
export function publish(outDir: string, write: (dir: string) => void, opts: { force?: boolean; lockWaitMs?: number } = {}): string {
  const { legacy } = checkOwnership(outDir, opts.force ?? false);
  const generations = join(outDir, GENERATIONS_DIR);
  mkdirSync(generations, { recursive: true });
  const release = acquireLock(generations, opts.lockWaitMs ?? 30_000);
  try {
    faultPoint('locked');
    removeLeftovers(outDir);
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
    const partial = join(generations, `${name}.partial`);
    mkdirSync(partial);
    write(partial);
    faultPoint('staged');
    renameSync(partial, join(generations, name));
    const tmp = join(outDir, `.${CURRENT_LINK}-${process.pid}`);
    rmSync(tmp, { force: true });
    symlinkSync(join(GENERATIONS_DIR, name), tmp, 'dir');
    faultPoint('linked-tmp');
    renameSync(tmp, join(outDir, CURRENT_LINK)); // the atomic step
    faultPoint('published');
    removeLeftovers(outDir);
    // An older ingest's top-level set, now superseded by `current`.
    for (const e of legacy) rmSync(join(outDir, e), { recursive: true, force: true });
    faultPoint('cleaned');
    return join(outDir, CURRENT_LINK);
  } finally {
    release();
  }
}
