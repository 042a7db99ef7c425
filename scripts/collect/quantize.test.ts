import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUANTIZE_SCRIPT } from './quantize.ts';
import { loadConfig } from './config.ts';

// The shipped script, run by a real Python: its argument parsing and the up-front check run
// without llm-compressor (the quantization itself needs a GPU host).
const python = spawnSync('python3', ['--version']).error ? undefined : 'python3';

describe.skipIf(!python)('quantize.py in a real Python', () => {
  it('--check prints the versions it found and names each missing package', () => {
    const r = spawnSync(python!, [QUANTIZE_SCRIPT, '--check'], { encoding: 'utf8' });
    const found = JSON.parse(r.stdout) as { python: string; missing: string[] };
    expect(found.python).toMatch(/^3\.\d+/);
    expect(r.status).toBe(found.missing.length ? 1 : 0);
    for (const m of found.missing) expect(m).toMatch(/^(torch|transformers|datasets|llmcompressor) \(/);
  });

  it('refuses an unknown method and a run without its required arguments', () => {
    const bad = spawnSync(python!, [QUANTIZE_SCRIPT, '--model', 'm', '--output', '/tmp/x', '--method', 'int3'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("argument --method: invalid choice: 'int3'");
    const none = spawnSync(python!, [QUANTIZE_SCRIPT, '--method', 'awq'], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--model, --output and --method are required');
  });
});

describe('quantize in the study config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalsite-quantize-'));
  const config = (variant: string) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, `study: s\nmodel:\n  name: m\nvariants:\n  - name: base\n  - name: q\n${variant}datasets:\n  - name: g\n    type: gsm8k\n    path: g.jsonl\n`);
    return file;
  };
  it('is refused with quantization, with an external server, and with an unknown method', () => {
    expect(() => loadConfig(config('    quantization: fp8\n    quantize: {method: awq}\n'))).toThrow(/\/variants\/1\/quantization: variant "q" quantizes the model itself/);
    expect(() => loadConfig(config('    base_url: http://127.0.0.1:8000\n    quantize: {method: awq}\n'))).toThrow(/an already running server \(base_url\) cannot serve/);
    expect(() => loadConfig(config('    quantize: {method: int3}\n'))).toThrow(/\/variants\/1\/quantize\/method/);
  });
});
