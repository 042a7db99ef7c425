/**
 * A folder tree's files hard-linked into another (copied where a link cannot be made: another
 * device): shards reach a new content set or the built site without their bytes being written.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) linkTree(src, dst);
    else if (e.isFile()) {
      // Never write into a file already there: it may be a link to the very file being linked.
      rmSync(dst, { force: true });
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}
