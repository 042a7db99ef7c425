import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkTree } from './link-tree.ts';

const work = mkdtempSync(join(tmpdir(), 'evalsite-link-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('shards into the built site', () => {
  it('are hard links of content/ (no bytes copied), and a rebuild over them never writes into content/', () => {
    const from = join(work, 'content', 'examples');
    mkdirSync(join(from, 'run', 'gsm8k'), { recursive: true });
    writeFileSync(join(from, 'run', 'gsm8k', '0000-aaaaaaaaaaaa.json.gz'), 'shard bytes');
    const to = join(work, 'dist', 'data', 'examples');
    linkTree(from, to);
    const a = statSync(join(from, 'run', 'gsm8k', '0000-aaaaaaaaaaaa.json.gz'));
    expect(statSync(join(to, 'run', 'gsm8k', '0000-aaaaaaaaaaaa.json.gz')).ino).toBe(a.ino);
    // Built again over the same output: the link is replaced, the content file stays whole.
    linkTree(from, to);
    expect(readFileSync(join(from, 'run', 'gsm8k', '0000-aaaaaaaaaaaa.json.gz'), 'utf8')).toBe('shard bytes');
  });
});
