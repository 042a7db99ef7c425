/**
 * TEST DOUBLE for a GPU inference server: a loopback OpenAI-compatible server with scripted
 * answers. GSM8K-style questions ("what is A + B" / "A ... of B ... each") get the right answer
 * after "####" unless a script says otherwise; scripts can make an answer malformed, slow, fail
 * with HTTP 500 a number of times, or hang past the client's timeout. It counts requests per prompt
 * so tests can check that nothing was asked twice. For perplexity it tokenizes (`/tokenize`, one id
 * per word) and answers `prompt_logprobs` for a prompt of token ids from a fixed pseudo-random
 * next-token distribution (`tokenDistribution`), which `logitNoise` perturbs as quantization would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Script = { kind: 'status'; status: number } | { kind: 'wrong' } | { kind: 'no-answer' } | { kind: 'malformed-json' } | { kind: 'error500'; times: number } | { kind: 'slow'; ms: number } | { kind: 'hang' };

export interface FakeServer {
  url: string;
  port: number;
  /** Requests seen per question id (the text after "Question id:" or the whole prompt). */
  counts: Map<string, number>;
  requests: number;
  /** Authorization headers seen (API keys the client sent). */
  authorizations: Set<string>;
  /** Scripted behaviour by a substring of the prompt. */
  scripts: Map<string, Script>;
  /** When false the server ignores echo (a broken backend for loglikelihood tasks). */
  echo: boolean;
  /** Called with each generation request's question key (tests log them to count re-asks). */
  onRequest?: (key: string) => void;
  /** How far this "model" is from the reference one: noise added to every logit (0: the same). */
  logitNoise: number;
  close(): Promise<void>;
}

/** The stand-in's vocabulary size. */
export const VOCAB = 512;

/** Deterministic numbers in [0, 1) from integers (a small integer hash). */
function unit(a: number, b: number, salt: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** The next-token distribution after token `prev`: peaked, with `noise` added to the logits. */
export function tokenDistribution(prev: number, noise = 0): Float64Array {
  const logits = new Float64Array(VOCAB);
  for (let v = 0; v < VOCAB; v++) logits[v] = 24 * unit(prev, v, 1) ** 10 + noise * (2 * unit(prev, v, 2) - 1);
  const max = Math.max(...logits);
  let z = 0;
  for (let v = 0; v < VOCAB; v++) z += Math.exp(logits[v]! - max);
  return logits.map((l) => Math.exp(l - max) / z);
}

/** One id per word, as the stand-in's tokenizer. */
export function tokenize(text: string): number[] {
  return text.split(/\s+/).filter(Boolean).map((w) => {
    let h = 7;
    for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) >>> 0;
    return h % VOCAB;
  });
}

export function answerFor(prompt: string): string {
  // The last question in the prompt is the one being asked (few-shot examples come first).
  const at = prompt.lastIndexOf('Question:');
  const q = at === -1 ? prompt : prompt.slice(at);
  const sum = /what is (-?\d+) \+ (-?\d+)/i.exec(q);
  if (sum) return String(Number(sum[1]) + Number(sum[2]));
  const prod = /(\d+) boxes of (\d+)/.exec(q);
  if (prod) return String(Number(prod[1]) * Number(prod[2]));
  const box = /\\boxed\{(.+?)\}/.exec(q);
  if (box) return box[1]!;
  return '0';
}

export async function startFakeServer(port = 0, opts: { modelName?: string } = {}): Promise<FakeServer> {
  const state: { counts: Map<string, number>; requests: number; authorizations: Set<string>; scripts: Map<string, Script>; echo: boolean; logitNoise: number; onRequest?: (key: string) => void } = { counts: new Map<string, number>(), requests: 0, authorizations: new Set<string>(), scripts: new Map<string, Script>(), echo: true, logitNoise: 0 };
  const failures = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/health') return void res.writeHead(200).end();
    if (req.method === 'GET' && req.url === '/v1/models') return json(res, 200, { data: [{ id: opts.modelName ?? 'fake-model' }] });
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      state.requests++;
      if (req.headers.authorization) state.authorizations.add(req.headers.authorization);
      let parsed: { prompt?: string | number[]; messages?: { content: string }[]; echo?: boolean; logprobs?: number; max_tokens?: number; prompt_logprobs?: number };
      try {
        parsed = JSON.parse(body);
      } catch {
        return json(res, 400, { error: 'bad json' });
      }
      if (req.url === '/tokenize') {
        const tokens = tokenize(typeof parsed.prompt === 'string' ? parsed.prompt : '');
        return json(res, 200, { tokens, count: tokens.length, max_model_len: 4096 });
      }
      if (Array.isArray(parsed.prompt)) {
        // Token ids with prompt_logprobs, as a perplexity run asks: null first, then each position's
        // top-k and the prompt's own token, as vLLM answers.
        const ids = parsed.prompt;
        const k = parsed.prompt_logprobs ?? 0;
        (state as { onRequest?: (k: string) => void }).onRequest?.(`tokens ${ids.slice(0, 4).join(',')}`);
        const promptLogprobs = ids.map((id, j) => {
          if (j === 0 || !k) return null;
          const dist = tokenDistribution(ids[j - 1]!, state.logitNoise);
          const order = [...dist.keys()].sort((a, b) => dist[b]! - dist[a]! || a - b);
          const entry: Record<string, { logprob: number; rank: number; decoded_token: string }> = {};
          for (const [r, v] of order.slice(0, k).entries()) entry[String(v)] = { logprob: Math.log(dist[v]!), rank: r + 1, decoded_token: `w${v}` };
          entry[String(id)] ??= { logprob: Math.log(dist[id]!), rank: order.indexOf(id) + 1, decoded_token: `w${id}` };
          return entry;
        });
        return json(res, 200, { choices: [{ text: ' w', finish_reason: 'length', prompt_logprobs: promptLogprobs }], usage: { prompt_tokens: ids.length, completion_tokens: 1 } });
      }
      const prompt = (typeof parsed.prompt === 'string' ? parsed.prompt : undefined) ?? parsed.messages?.map((m) => m.content).join('\n') ?? '';
      const key = /Question id: (\S+)/.exec(prompt.slice(prompt.lastIndexOf('Question')))?.[1] ?? prompt.slice(-120);
      state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
      if (!parsed.echo) (state as { onRequest?: (k: string) => void }).onRequest?.(key);
      if (parsed.echo) {
        // Canary for loglikelihood: a real server returns prompt token logprobs.
        const tokens = prompt.split(/\s+/).filter(Boolean);
        return json(res, 200, { choices: [{ text: state.echo ? prompt : '', logprobs: { tokens: state.echo ? tokens : [], token_logprobs: state.echo ? [null, ...tokens.slice(1).map(() => -1.5)] : [] }, finish_reason: 'length' }] });
      }
      const script = [...state.scripts].find(([needle]) => prompt.includes(needle))?.[1];
      const answer = answerFor(prompt);
      const reply = (text: string) => {
        const payload = req.url?.includes('chat') ? { choices: [{ message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: prompt.length >> 2, completion_tokens: text.length >> 2 } } : { choices: [{ text, finish_reason: 'stop' }], usage: { prompt_tokens: prompt.length >> 2, completion_tokens: text.length >> 2 } };
        json(res, 200, payload);
      };
      // The answer a healthy model gives; slow and flaky scripts give the same one, later.
      const normal = prompt.includes('\\boxed{}') ? `Adding them gives $\\boxed{${answer}}$.` : `Working it out: the answer is ${answer}.\n#### ${answer}`;
      switch (script?.kind) {
        case 'wrong':
          return reply(`I think it is ${Number(answer) + 1}.\n#### ${Number(answer) + 1}`);
        case 'no-answer':
          return reply(`Let me think about this carefully, step by step, and`);
        case 'malformed-json':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [');
        case 'error500': {
          const n = failures.get(key) ?? 0;
          if (n < script.times) {
            failures.set(key, n + 1);
            return json(res, 500, { error: 'internal error' });
          }
          return reply(normal);
        }
        case 'slow':
          return void setTimeout(() => reply(normal), script.ms);
        case 'status':
          return json(res, script.status, { error: `scripted ${script.status}` });
        case 'hang':
          return; // never answers: the client's timeout must fire
        default:
          return reply(normal);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const actual = (server.address() as { port: number }).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
