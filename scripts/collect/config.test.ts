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

  const write = (body: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-config-'));
    const file = join(dir, 'study.yaml');
    writeFileSync(file, `study: s\nmodel:\n  name: org/m\n${body}datasets:\n  - name: g\n    type: gsm8k\n    path: g.jsonl\n`);
    return file;
  };

  it('refuses two variants that would ask one running server for one model, naming both', () => {
    const file = write('server:\n  base_url: http://gpu-node:8000/v1\nvariants:\n  - name: fp8\n  - name: awq\n');
    expect(() => loadConfig(file)).toThrow(/\/variants\/1: variants "fp8" and "awq" would both ask http:\/\/gpu-node:8000 for model "org\/m", measuring one server under two names/);
  });

  it('takes a base_url and key variable per variant, and one server for two models or when allowed', () => {
    const perVariant = loadConfig(write('variants:\n  - name: fp8\n    base_url: http://a:8000\n  - name: awq\n    base_url: http://b:8000\n    api_key_env: B_KEY\n'));
    expect(perVariant.variants.map((v) => v.base_url)).toEqual(['http://a:8000', 'http://b:8000']);
    expect(() => loadConfig(write('server:\n  base_url: http://gpu-node:8000\nvariants:\n  - name: fp8\n    model: org/m-FP8\n  - name: awq\n    model: org/m-AWQ\n'))).not.toThrow();
    expect(() => loadConfig(write('server:\n  base_url: http://gpu-node:8000\n  allow_shared_endpoint: true\nvariants:\n  - name: fp8\n  - name: awq\n'))).not.toThrow();
  });
});
