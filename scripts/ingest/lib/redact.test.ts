import { describe, expect, it } from 'vitest';
import { MASK, redactExample, redactExamples, redactText, redactValue } from './redact.ts';
import { seededRandom } from '../../../domain/random.ts';

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

describe('redactExamples: the shared few-shot start scanned once', () => {
  const shots = 'Question: Natalia sold 48 clips in April.\nAnswer: 72\n\n'.repeat(5);
  // Pieces that open redactText's steps, alone or only together, cut anywhere around the start's end.
  const pieces = ['api_key=abc123xyz', 'sk-proj-abcdefghijklmnopqrstuv', 'https://user:pw@host', '-----BEGIN RSA PRIVATE KEY-----x-----END RSA PRIVATE KEY-----', ' -p hunter2', 'Bearer abcdefghijklmnop', 'token: s3cr3t', '密码=123', 'plain words', '://', '@'];

  it('gives what redacting every example whole gives, for secrets before, across and after the end of the start', () => {
    const rand = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      // A start with or without a secret of its own, then prompts that differ after it.
      const start = trial % 5 === 0 ? shots + pieces[trial % pieces.length] : shots;
      const records = Array.from({ length: 6 }, (_, i) => {
        const piece = pieces[Math.floor(rand() * pieces.length)]!;
        // Cut the piece so part of it may fall on the start's side.
        const cut = Math.floor(rand() * (piece.length + 1));
        const prompt = i === 0 ? `${start}${piece.slice(cut)} q${i}` : `${start}${rand() < 0.5 ? piece : piece.slice(cut)} q${i}`;
        return { id: `q${i}`, status: 'correct' as const, prompt, response: rand() < 0.2 ? piece : 'The answer is 4' };
      });
      // The start's own end may hold part of a piece: append it to the start too.
      const joined = records.map((r, i) => (i % 2 ? { ...r, prompt: shots + pieces[trial % pieces.length]!.slice(0, 3) + r.prompt.slice(shots.length) } : r));
      for (const set of [records, joined]) expect(redactExamples(set)).toEqual(set.map((r) => redactExample(r)));
    }
  });

  it('masks a secret that starts in the shared start and ends in one prompt', () => {
    const records = [{ id: 'a', status: 'correct' as const, prompt: `${shots}api_ke` + 'y=hunter2' }, { id: 'b', status: 'correct' as const, prompt: `${shots}api_ke` + 'ep going' }];
    expect(redactExamples(records).map((r) => r.prompt)).toEqual([`${shots}api_key=${MASK}`, `${shots}api_keep going`]);
  });
});
