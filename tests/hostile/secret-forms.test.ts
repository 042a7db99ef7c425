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

// [form, text with the secret, the secret itself]
const FORMS: [string, string, string][] = [
  ['OpenAI key', 'key sk-proj-AbCdEfGhIjKlMnOpQrStUv in a prompt', 'sk-proj-AbCdEfGhIjKlMnOpQrStUv'],
  ['Anthropic key', 'use sk-ant-api03-AbCdEfGhIjKlMnOpQrSt', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrSt'],
  ['GitHub token', 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123', 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123'],
  ['GitHub OAuth token', 'gho_AbCdEfGhIjKlMnOpQrStUvWxYz0123', 'gho_AbCdEfGhIjKlMnOpQrStUvWxYz0123'],
  ['GitHub fine-grained token', 'github_pat_11AbCdEfGhIjKlMnOpQrSt_uvwx', 'github_pat_11AbCdEfGhIjKlMnOpQrSt_uvwx'],
  ['Hugging Face token', 'HF hf_AbCdEfGhIjKlMnOpQrStUvWx', 'hf_AbCdEfGhIjKlMnOpQrStUvWx'],
  ['AWS access key', 'AKIAABCDEFGHIJKLMNOP', 'AKIAABCDEFGHIJKLMNOP'],
  ['Google API key', 'AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456', 'AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456'],
  ['Slack token', 'xoxb-123456789012-AbCdEfGhIj', 'xoxb-123456789012-AbCdEfGhIj'],
  ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0'],
  ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890\n-----END RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA1234567890'],
  ['URL credentials', 'base_url=https://alice:s3cr3tP4ss@api.example.com/v1', 's3cr3tP4ss'],
  ['database URL', 'postgres://bob:hunter22@db:5432/evals', 'hunter22'],
  ['Bearer header', 'Authorization: Bearer abcdefghijklmnopqrstu', 'abcdefghijklmnopqrstu'],
  ['Basic header', 'Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'YWxhZGRpbjpvcGVuc2VzYW1l'],
  ['YAML key', 'openai_api_key: plainvalue123', 'plainvalue123'],
  ['JSON key', '{"access_token": "tok-998877"}', 'tok-998877'],
  ['CLI flag', 'vllm serve m --api-key topsecret1 --port 8000', 'topsecret1'],
  ['CLI x-key flag', 'curl --x-key abc123secret https://h', 'abc123secret'],
  ['password', 'db_password=hunter2', 'hunter2'],
  ['pwd', 'PWD: pa55w0rd!', 'pa55w0rd!'],
  ['auth', 'auth_header=xyz789secret', 'xyz789secret'],
  ['credential', 'gcp_credentials: /keys/sa.json', '/keys/sa.json'],
  ['record field in Chinese', '- **API 密钥**: zh-secret-42', 'zh-secret-42'],
  ['record field, password in Chinese', '- **数据库密码**: mima-7788', 'mima-7788'],
];

describe('secret forms are masked in free text', () => {
  it('covers at least 20 forms', () => expect(FORMS.length).toBeGreaterThanOrEqual(20));
  it.each(FORMS)('%s', (_form, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });
  it('leaves token counts and tokenizers alone', () => {
    expect(redactText('max_tokens: 512, tokenizer: qwen, author: Ada')).toBe('max_tokens: 512, tokenizer: qwen, author: Ada');
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
