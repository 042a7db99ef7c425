import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.ts';

describe('loadConfig defaults', () => {
  it('keeps 256 requests in flight and stops a variant on 10 failures in a row or more than 2%', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-config-'));
    try {
      const file = join(dir, 'study.yaml');
      writeFileSync(file, 'study: s\nmodel:\n  name: org/m\nvariants:\n  - name: a\ndatasets:\n  - name: g\n    type: gsm8k\n    path: g.jsonl\n');
      const c = loadConfig(file);
      expect(c.generation).toMatchObject({ concurrency: 256, max_failure_rate: 0.02, max_consecutive_failures: 10 });
      // How far a variant is evaluated is not part of the hash: a run stopped early continues in place.
      writeFileSync(file, 'study: s\nmodel:\n  name: org/m\nvariants:\n  - name: a\ndatasets:\n  - name: g\n    type: gsm8k\n    path: g.jsonl\nsequential:\n  margin: 0.05\n');
      expect(loadConfig(file).hash).toBe(c.hash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
