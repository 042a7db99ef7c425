/**
 * A folder tree's files hard-linked into another (copied where a link cannot be made: another
 * device): shards reach a new content set or the built site without their bytes being written.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function linkTree(from: string, to: string): void {
  const fresh = makeFolder(to);
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) linkTree(src, dst);
    else if (e.isFile()) {
      // Never write into a file already there: it may be a link to the very file being linked.
      if (!fresh) rmSync(dst, { force: true });
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}

/**
 * Makes a folder; true when it is new (so empty: nothing to clear before linking). One plain mkdir
 * where the parent exists: a recursive mkdir costs several times more, and ingest links thousands
 * of task folders into a new content set.
 */
function makeFolder(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EEXIST') return false;
    if (!(e instanceof Error && 'code' in e && e.code === 'ENOENT')) throw e;
  }
  return mkdirSync(dir, { recursive: true }) !== undefined;
}
