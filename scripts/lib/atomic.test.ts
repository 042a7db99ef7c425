import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonlForAppend, writeJsonAtomic } from './atomic.ts';

describe('atomic writes', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeJsonAtomic(join(dir, 'a.json'), { v: 1 });
    writeJsonAtomic(join(dir, 'a.json'), { v: 2 });
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toEqual({ v: 2 });
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('drops a line cut by a crash before appending again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'r.jsonl');
    const w = openJsonlForAppend(path);
    w.append({ id: 1 });
    w.append({ id: 2 });
    w.close();
    appendFileSync(path, '{"id": 3, "resp');
    const again = openJsonlForAppend(path);
    expect(again.existing).toEqual([{ id: 1 }, { id: 2 }]);
    again.append({ id: 3 });
    again.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":1}\n{"id":2}\n{"id":3}\n');
  });
});
