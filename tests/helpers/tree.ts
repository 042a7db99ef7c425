/** A temporary folder holding the given files (paths may have folders), for tests that ingest them. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export function writeTree(files: Record<string, string | Buffer>, prefix = 'evalsite-tree-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

/**
 * Every file of a content set by path, as base64 (to compare two sets byte for byte), without the
 * files that differ by design: the manifest (it has the time) and ingest's input cache.
 */
export function contentBytes(set: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e !== 'manifest.json' && e !== 'ingest-cache.json.gz') out.set(relative(set, p), readFileSync(p).toString('base64'));
    }
  };
  walk(set);
  return out;
}
