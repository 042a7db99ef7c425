import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIClient, RequestError } from './openai-client.ts';
import { startFakeServer, type FakeServer } from '../../tests/helpers/fake-openai-server.ts';

describe('OpenAIClient against the loopback test-double server', () => {
  let s: FakeServer;
  let client: OpenAIClient;
  beforeAll(async () => {
    s = await startFakeServer();
    client = new OpenAIClient({ baseUrl: s.url, timeoutMs: 300, retries: 2, concurrency: 4, backoffMs: 5 });
  });
  afterAll(async () => {
    client.close();
    await s.close();
  });

  it('completes and reports usage and attempts', async () => {
    const r = await client.complete({ model: 'm', prompt: 'Question: what is 2 + 3?', max_tokens: 32, temperature: 0 });
    expect(r.text).toContain('#### 5');
    expect(r).toMatchObject({ attempts: 1, finishReason: 'stop' });
  });

  it('retries HTTP 500 and succeeds', async () => {
    s.scripts.set('what is 4 + 4', { kind: 'error500', times: 2 });
    const r = await client.chat({ model: 'm', messages: [{ role: 'user', content: 'Question: what is 4 + 4?' }], max_tokens: 8, temperature: 0 });
    expect(r.text).toContain('#### 8');
    expect(r.attempts).toBe(3);
  });

  it('gives up on a server that hangs past the timeout, after retrying', async () => {
    s.scripts.set('what is 9 + 9', { kind: 'hang' });
    await expect(client.complete({ model: 'm', prompt: 'Question: what is 9 + 9?', max_tokens: 8, temperature: 0 })).rejects.toThrow(/gave up after 3 attempts: timed out after 300 ms/);
  });

  it('retries malformed JSON and reports it when it persists', async () => {
    s.scripts.set('what is 7 + 7', { kind: 'malformed-json' });
    await expect(client.complete({ model: 'm', prompt: 'Question: what is 7 + 7?', max_tokens: 8, temperature: 0 })).rejects.toThrow(/malformed JSON answer/);
  });

  it('does not retry a 4xx', async () => {
    s.scripts.set('what is 1 + 1', { kind: 'status', status: 422 });
    const before = s.requests;
    const err = await client.complete({ model: 'm', prompt: 'Question: what is 1 + 1?', max_tokens: 8, temperature: 0 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).status).toBe(422);
    expect(s.requests - before).toBe(1);
  });
});
