/**
 * Secret forms a user's files may hold, shared by the redaction tests and the site sweep (which
 * plants every one of them in a run and searches all of dist for them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// [form, text with the secret, the secret itself]
export const SECRET_FORMS: [string, string, string][] = [
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
  ['CLI short password flag', 'mysql -u root -p s3kr1tpass -h db', 's3kr1tpass'],
  ['password', 'db_password=hunter2', 'hunter2'],
  ['pwd', 'PWD: pa55w0rd!', 'pa55w0rd!'],
  ['auth', 'auth_header=xyz789secret', 'xyz789secret'],
  ['credential', 'gcp_credentials: /keys/sa.json', '/keys/sa.json'],
  ['record field in Chinese', '- **API 密钥**: zh-secret-42', 'zh-secret-42'],
  ['record field, password in Chinese', '- **数据库密码**: mima-7788', 'mima-7788'],
];

/**
 * A run directory with every form in every place a secret can travel to the site: run_meta's
 * command, a config file, the prompt, response and reference of examples, lm-eval model_args and
 * extra_body, and a markdown record. Returns the folder.
 */
export function writeSecretRun(dir: string): string {
  const texts = SECRET_FORMS.map(([, text]) => text);
  const run = join(dir, 'secret-run');
  mkdirSync(join(run, 'gsm8k'), { recursive: true });
  writeFileSync(join(run, 'run_meta.json'), JSON.stringify({ timestamp_utc: '2026-01-01T00:00:00Z', model: 'org/secret-model', variant: 'secrets', command: texts.join(' ; ') }));
  writeFileSync(join(run, 'config.yaml'), `model: org/secret-model\n${texts.map((t) => `# ${t.replace(/\n/g, '\n# ')}`).join('\n')}\n`);
  writeFileSync(
    join(run, 'gsm8k', 'gsm8k_results.jsonl'),
    texts.map((t, i) => JSON.stringify({ id: `s${i}`, question: `Q ${t}`, response: `A ${t} so 4`, reference: `R ${t}`, extracted: '4', correct: i % 2 === 0 })).join('\n') + '\n',
  );
  const lm = join(dir, 'secret-lm-eval');
  mkdirSync(lm, { recursive: true });
  writeFileSync(join(lm, 'results.json'), JSON.stringify({
    results: { arc_easy: { 'acc,none': 0.5 } },
    config: { model: 'local-completions', model_args: `model=org/secret-lm,base_url=https://alice:s3cr3tP4ss@api.example.com/v1,api_key=${SECRET_FORMS[0]![2]}`, gen_kwargs: { extra_body: { api_key: 'extra-body-secret-77' } } },
  }));
  writeFileSync(join(dir, 'secret-record.md'), `# org/secret-model + awq (secrets)\n\n| task | metric | score |\n|---|---|---|\n| gsm8k | acc | 0.5 |\n\n${texts.map((t) => `- ${t}`).join('\n')}\n`);
  return dir;
}

/** Every secret that must not appear anywhere in a built site. */
export const PLANTED_SECRETS = [...SECRET_FORMS.map(([, , secret]) => secret), 'extra-body-secret-77'];
