/** A temporary folder holding the given files (paths may have folders), for tests that ingest them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeTree(files: Record<string, string | Buffer>, prefix = 'evalsite-tree-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
