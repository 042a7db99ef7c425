import { describe, expect, it } from 'vitest';
import { MASK, redactText, redactValue } from './redact.ts';

describe('redactText', () => {
  it.each([
    ['model=gpt-4,api_key=abc123,max_tokens=256', `model=gpt-4,api_key=${MASK},max_tokens=256`],
    ['OPENAI_API_KEY: "xyz-987"', `OPENAI_API_KEY: "${MASK}"`],
    ['hf_token: hf_abcdefghijklmnopqrstuvwxyz', `hf_token: ${MASK}`],
    ['vllm serve m --api-key s3cret --port 8000', `vllm serve m --api-key ${MASK} --port 8000`],
    ['Authorization: Bearer abcdefghijklmnop', `Authorization: Bearer ${MASK}`],
    ['curl -H x sk-proj-abcdefghijklmnopqrstuv', `curl -H x ${MASK}`],
    ['password=hunter2', `password=${MASK}`],
    ['max_tokens: 512\ntokenizer: qwen\nnum_tokens=3', 'max_tokens: 512\ntokenizer: qwen\nnum_tokens=3'],
    ['api_key: null', 'api_key: null'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe('redactValue', () => {
  it('masks secret-named keys at any depth and leaves counts alone', () => {
    expect(redactValue({ model_args: { api_key: 'k', max_tokens: 5 }, env: [{ HF_TOKEN: 'x' }], tokenizer: 'qwen', use_auth: true })).toEqual({
      model_args: { api_key: MASK, max_tokens: 5 },
      env: [{ HF_TOKEN: MASK }],
      tokenizer: 'qwen',
      use_auth: true,
    });
  });
});

describe('which keys are secrets', () => {
  it.each([
    ['HF_TOKEN', true], ['access_token', true], ['token', true], ['OPENAI_API_KEY', true], ['db_password', true], ['client_secret', true],
    ['max_tokens', false], ['prompt_tokens', false], ['tokens_per_second', false], ['tokenizer_pad_token', false], ['eot_token_id', false], ['eos_token', false], ['max_new_tokens', false],
  ])('%s -> %s', async (key, secret) => {
    const { isSecretKey } = await import('./redact.ts');
    expect(isSecretKey(key)).toBe(secret);
  });
});
