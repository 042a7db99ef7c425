/**
 * Hostile input, class 5: secrets in every form are masked before anything is written. Each form
 * is planted in free text (configs, command lines, records, model outputs) and must not survive.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactText, redactValue } from '../../scripts/ingest/lib/redact.ts';
import { ingest } from '../../scripts/ingest/ingest.ts';
import { SECRET_FORMS as FORMS } from '../helpers/secret-forms.ts';

describe('secret forms are masked in free text', () => {
  it('covers at least 20 forms', () => expect(FORMS.length).toBeGreaterThanOrEqual(20));
  it.each(FORMS)('%s', (_form, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });
  it('leaves token counts and tokenizers alone', () => {
    expect(redactText('max_tokens: 512, tokenizer: qwen, author: Ada')).toBe('max_tokens: 512, tokenizer: qwen, author: Ada');
    expect(redactText('docker run -p 8000:8000 img --top-p 0.9 -p 9000')).toBe('docker run -p 8000:8000 img --top-p 0.9 -p 9000');
  });
  it('masks secret-named keys in settings objects', () => {
    expect(JSON.stringify(redactValue({ extra_body: { api_key: 'k1secret' }, 'x-api-key': 'k2secret', hf_key: 'k3secret' }))).not.toMatch(/k[123]secret/);
  });
});

describe('secrets in model outputs never reach the per-example shards', () => {
  it('masks a key quoted in a response and keeps the extracted answer span true', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-secret-'));
    const lines = [0, 1, 2].map((i) => JSON.stringify({ id: `q${i}`, question: 'What is 2+2?', ground_truth: '4', 'model-a': { is_correct: true, solution: `my key is sk-proj-AbCdEfGhIjKlMnOpQrStUv and the answer is 4` } }));
    writeFileSync(join(dir, 'arith.jsonl'), lines.join('\n'));
    const r = ingest({ inputs: [dir], root: dir, analysis: false });
    const text = JSON.stringify([...r.examples.values()]);
    expect(text).toContain('the answer is 4');
    expect(text).not.toContain('sk-proj-AbCdEfGhIjKlMnOpQrStUv');
  });
});
