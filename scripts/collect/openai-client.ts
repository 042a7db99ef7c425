/**
 * A small client for OpenAI-compatible servers (vLLM): completions and chat, keep-alive
 * connections, a per-request timeout, and retries with exponential backoff on connection errors,
 * timeouts, 429 and 5xx. Other 4xx answers are not retried: they will not get better.
 */
import http from 'node:http';
import https from 'node:https';
import { FailureError } from '../lib/cli.ts';

export interface ClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  /** Base delay of the backoff (doubled each retry); tests shorten it. */
  backoffMs?: number;
}

export interface Completion {
  text: string;
  finishReason?: string;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs: number;
  attempts: number;
}

export class RequestError extends FailureError {
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(message: string, status: number | undefined, retryable: boolean) {
    super(message, 'EREQUEST');
    this.status = status;
    this.retryable = retryable;
  }
}

export class OpenAIClient {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly o: ClientOptions;

  constructor(o: ClientOptions) {
    this.o = o;
    this.url = new URL(o.baseUrl.replace(/\/$/, '') + '/');
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  }

  close(): void {
    this.agent.destroy();
  }

  async complete(body: { model: string; prompt: string; max_tokens: number; temperature: number; stop?: string[]; seed?: number }): Promise<Completion> {
    return this.withRetries('v1/completions', body, (j) => {
      const choice = (j.choices as { text?: string; finish_reason?: string }[] | undefined)?.[0];
      if (typeof choice?.text !== 'string') throw new RequestError('malformed completion: no choices[0].text', undefined, true);
      return { text: choice.text, ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}) };
    });
  }

  async chat(body: { model: string; messages: { role: string; content: string }[]; max_tokens: number; temperature: number; seed?: number }): Promise<Completion> {
    return this.withRetries('v1/chat/completions', body, (j) => {
      const choice = (j.choices as { message?: { content?: string }; finish_reason?: string }[] | undefined)?.[0];
      if (typeof choice?.message?.content !== 'string') throw new RequestError('malformed chat completion: no choices[0].message.content', undefined, true);
      return { text: choice.message.content, ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}) };
    });
  }

  /** GET a path and return the status (health checks). */
  async status(path: string, timeoutMs = 2000): Promise<number> {
    const res = await this.request('GET', path, undefined, timeoutMs);
    return res.status;
  }

  /** POST JSON and return the parsed answer, no retries (canary checks). */
  async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await this.request('POST', path, JSON.stringify(body), this.o.timeoutMs);
    if (res.status !== 200) throw new RequestError(`HTTP ${res.status}: ${res.text.slice(0, 200)}`, res.status, false);
    return JSON.parse(res.text) as Record<string, unknown>;
  }

  private async withRetries(path: string, body: unknown, pick: (j: Record<string, unknown>) => { text: string; finishReason?: string }): Promise<Completion> {
    return this.postWithRetries(path, body, (json, latencyMs, attempts) => {
      const usage = json.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined;
      return {
        ...pick(json),
        ...(usage?.prompt_tokens !== undefined ? { promptTokens: usage.prompt_tokens } : {}),
        ...(usage?.completion_tokens !== undefined ? { completionTokens: usage.completion_tokens } : {}),
        latencyMs,
        attempts,
      };
    });
  }

  /**
   * POST JSON with the client's retries; `pick` reads the answer (and may throw a retryable
   * RequestError for a malformed one). Perplexity uses it for /tokenize and prompt_logprobs.
   */
  async postWithRetries<T>(path: string, body: unknown, pick: (json: Record<string, unknown>, latencyMs: number, attempts: number) => T): Promise<T> {
    const payload = JSON.stringify(body);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.o.retries; attempt++) {
      if (attempt > 0) await sleep((this.o.backoffMs ?? 500) * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      const started = performance.now();
      try {
        const res = await this.request('POST', path, payload, this.o.timeoutMs);
        if (res.status !== 200) {
          const retryable = res.status === 429 || res.status >= 500;
          throw new RequestError(`HTTP ${res.status}: ${res.text.slice(0, 200)}`, res.status, retryable);
        }
        let json: Record<string, unknown>;
        try {
          json = JSON.parse(res.text) as Record<string, unknown>;
        } catch {
          throw new RequestError(`malformed JSON answer: ${res.text.slice(0, 80)}`, 200, true);
        }
        return pick(json, performance.now() - started, attempt + 1);
      } catch (err) {
        lastError = err as Error;
        if (err instanceof RequestError && !err.retryable) throw err;
      }
    }
    throw new RequestError(`gave up after ${this.o.retries + 1} attempts: ${lastError?.message}`, lastError instanceof RequestError ? lastError.status : undefined, false);
  }

  /** Host, port and path of each endpoint, parsed once: the client sends thousands of requests a second. */
  private readonly targets = new Map<string, { protocol: string; hostname: string; port: string; path: string }>();

  private request(method: string, path: string, body: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
    let target = this.targets.get(path);
    if (!target) {
      const url = new URL(path, this.url);
      // A bracketed IPv6 host is given to http.request without its brackets.
      target = { protocol: url.protocol, hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port, path: url.pathname + url.search };
      this.targets.set(path, target);
    }
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise((resolvePromise, reject) => {
      const req = lib.request(
        {
          ...target,
          method,
          agent: this.agent,
          headers: {
            ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
            ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => reject(new RequestError(`connection error: ${e.message}`, undefined, true)));
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new RequestError(`timed out after ${timeoutMs} ms`, undefined, true)));
      req.on('error', (e) => reject(e instanceof RequestError ? e : new RequestError(`connection error: ${e.message}`, undefined, true)));
      // end(body) sends headers and body in one write (write then end costs a writev per request).
      req.end(body);
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Runs tasks with at most `limit` in flight. */
export async function runLimited<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !shouldStop()) {
      const i = next++;
      await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
}
