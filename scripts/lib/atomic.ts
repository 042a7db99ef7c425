/**
 * Writes that never leave a half-written file behind: write to a temporary file in the same
 * folder, flush, then rename over the target (atomic on POSIX file systems). Append-only logs are
 * written line by line and repaired on reopen (a line cut by a crash is dropped).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Opens a JSONL file for appending after dropping a trailing partial line (a crash mid-write), and
 * returns the complete lines already there.
 */
export function openJsonlForAppend(path: string): { existing: unknown[]; append: (value: unknown) => void; close: () => void } {
  mkdirSync(dirname(path), { recursive: true });
  const existing: unknown[] = [];
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    let good = 0;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      try {
        if (line.trim()) existing.push(JSON.parse(line));
        good = nl + 1;
      } catch {
        break;
      }
      start = nl + 1;
    }
    if (good < statSync(path).size) truncateSync(path, good);
  }
  const fd = openSync(path, 'a');
  let pending = 0;
  return {
    existing,
    append(value) {
      writeSync(fd, `${JSON.stringify(value)}\n`);
      // Flush to disk every few lines: a kill -9 loses at most the lines not yet answered again.
      if (++pending >= 16) {
        fsyncSync(fd);
        pending = 0;
      }
    },
    close() {
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}
