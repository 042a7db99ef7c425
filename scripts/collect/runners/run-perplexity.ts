/**
 * A `type: perplexity` dataset on a vLLM server: the text tokenized by the server (`/tokenize`),
 * cut into non-overlapping windows of `seq_len` tokens, each window sent as a prompt of token ids
 * with `prompt_logprobs: top_k` and `max_tokens: 1`. Token-level PPL and mean NLL come from the
 * log-probabilities of the text's own tokens (each window's first token is context only, as in the
 * shifted loss of the GPTQ / AWQ scripts). The baseline keeps its top-k per position (gzipped, one
 * file per window, in its run folder); a variant compares its own top-k with them: KL(baseline ‖
 * variant) and how often the top token agrees (token-distributions.ts).
 *
 * Files in `<run>/<dataset>/`: tokens.json (the windows' source, so a resumed run asks the same
 * windows), <dataset>_windows.jsonl (one line per finished window: resumable), topk/<i>.json.gz
 * (baseline), <dataset>_metrics.json at the end.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Config, Dataset, Variant } from '../config.ts';
import { requestModel } from '../commands.ts';
import { RequestError, runLimited, type OpenAIClient } from '../openai-client.ts';
import { openJsonlForAppend, writeFileAtomic, writeJsonAtomic } from '../../lib/atomic.ts';
import { distributionSummary, klAtPosition, nllOf, parsePromptLogprobs, sameTopToken, windowsOf, type PositionLogprobs } from './token-distributions.ts';
import { isObj } from '../../../domain/guards.ts';

export const DEFAULT_SEQ_LEN = 2048;
export const DEFAULT_TOP_K = 20;

export interface PerplexityRun {
  c: Config;
  v: Variant;
  d: Dataset;
  text: string;
  client: OpenAIClient;
  runDir: string;
  /** The baseline's run folder, for KL; absent for the baseline itself. */
  baseline?: { name: string; runDir: string };
  onWindow?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

interface WindowLine {
  window: number;
  hash: string;
  tokens: number;
  nll: number;
  /** Variant only: KL at each predicted position (rounded), and how many had the baseline's top token. */
  kl?: number[];
  same_top?: number;
}

const isWindowLine = (l: unknown): l is WindowLine => isObj(l) && typeof l.window === 'number' && typeof l.hash === 'string' && typeof l.tokens === 'number' && typeof l.nll === 'number' && (l.kl === undefined || Array.isArray(l.kl));

const hashOf = (ids: number[]) => createHash('sha256').update(Int32Array.from(ids)).digest('hex').slice(0, 16);

/** The baseline's top-k at each position of one window, as stored. */
interface StoredTopK {
  hash: string;
  k: number;
  /** positions × k token ids and log-probabilities, row by row (-1 / 0 where a row has fewer). */
  ids: number[];
  logprobs: number[];
  actual: number[];
  actualLogprobs: number[];
}

function storeTopK(path: string, hash: string, k: number, positions: PositionLogprobs[]): void {
  const ids: number[] = [];
  const logprobs: number[] = [];
  for (const p of positions) for (let j = 0; j < k; j++) {
    ids.push(p.top[j]?.[0] ?? -1);
    logprobs.push(Math.round((p.top[j]?.[1] ?? 0) * 1e6) / 1e6);
  }
  const stored: StoredTopK = { hash, k, ids, logprobs, actual: positions.map((p) => p.actual), actualLogprobs: positions.map((p) => Math.round(p.actualLogprob * 1e6) / 1e6) };
  writeFileAtomic(path, gzipSync(JSON.stringify(stored)));
}

function loadTopK(path: string): { hash: string; positions: PositionLogprobs[] } {
  const s: unknown = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  if (!isObj(s) || typeof s.k !== 'number' || typeof s.hash !== 'string' || !isNumbers(s.ids) || !isNumbers(s.logprobs) || !isNumbers(s.actual) || !isNumbers(s.actualLogprobs)) throw new Error(`${path} is not a top-k file of this collector`);
  const { k, ids, logprobs, actualLogprobs } = { k: s.k, ids: s.ids, logprobs: s.logprobs, actualLogprobs: s.actualLogprobs };
  const positions = s.actual.map((actual, i): PositionLogprobs => ({
    actual,
    actualLogprob: actualLogprobs[i]!,
    top: Array.from({ length: k }, (_, j): [number, number] => [ids[i * k + j]!, logprobs[i * k + j]!]).filter(([id]) => id >= 0),
  }));
  return { hash: s.hash, positions };
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((e) => typeof e === 'number');

async function tokenizeOnce(r: PerplexityRun, dir: string): Promise<number[]> {
  const path = join(dir, 'tokens.json');
  if (existsSync(path)) {
    const cached: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (Array.isArray(cached) && cached.every((t) => typeof t === 'number')) return cached;
  }
  const tokens = await r.client.postWithRetries('tokenize', { model: requestModel(r.c, r.v), prompt: r.text }, (json) => {
    const t = json.tokens;
    if (!Array.isArray(t) || !t.every((x) => typeof x === 'number')) throw new RequestError('the /tokenize answer has no "tokens" list (perplexity needs a vLLM server)', 200, false);
    return t;
  });
  writeJsonAtomic(path, tokens);
  return tokens;
}

export async function runPerplexity(r: PerplexityRun): Promise<Record<string, unknown>> {
  const dir = join(r.runDir, r.d.name);
  mkdirSync(dir, { recursive: true });
  const seqLen = r.d.seq_len ?? DEFAULT_SEQ_LEN;
  const k = r.d.top_k ?? DEFAULT_TOP_K;
  const windows = windowsOf(await tokenizeOnce(r, dir), seqLen, r.d.max_windows);
  if (!windows.length) throw new RequestError(`${r.d.name}: the text has fewer than seq_len = ${seqLen} tokens; no window to evaluate`, undefined, false);
  const file = openJsonlForAppend(join(dir, `${r.d.name}_windows.jsonl`));
  const done = new Map<number, WindowLine>();
  for (const l of file.existing) if (isWindowLine(l)) done.set(l.window, l);
  const topkDir = join(dir, 'topk');
  const baseTopk = r.baseline ? join(r.baseline.runDir, r.d.name, 'topk') : undefined;
  if (!r.baseline) mkdirSync(topkDir, { recursive: true });
  const todo = windows.map((w, i) => ({ w, i })).filter(({ i }) => !done.has(i));
  let finished = windows.length - todo.length;
  r.onWindow?.(finished, windows.length);
  try {
    await runLimited(
      todo,
      Math.min(r.c.generation.concurrency, 8),
      async ({ w, i }) => {
        const hash = hashOf(w);
        const positions = await r.client.postWithRetries('v1/completions', { model: requestModel(r.c, r.v), prompt: w, max_tokens: 1, temperature: 0, prompt_logprobs: k }, (json) => {
          const choices = json.choices;
          const parsed = parsePromptLogprobs(Array.isArray(choices) && isObj(choices[0]) ? choices[0].prompt_logprobs : undefined, w, k);
          if (typeof parsed === 'string') throw new RequestError(`${r.d.name} window ${i}: ${parsed}`, 200, false);
          return parsed;
        });
        const line: WindowLine = { window: i, hash, ...nllOf(positions) };
        if (!r.baseline) storeTopK(join(topkDir, `${i}.json.gz`), hash, k, positions);
        else if (baseTopk && existsSync(join(baseTopk, `${i}.json.gz`))) {
          const base = loadTopK(join(baseTopk, `${i}.json.gz`));
          if (base.hash === hash && base.positions.length === positions.length) {
            line.kl = positions.map((p, j) => Math.round(klAtPosition(base.positions[j]!, p) * 1e6) / 1e6);
            line.same_top = positions.filter((p, j) => sameTopToken(base.positions[j]!, p)).length;
          }
        }
        file.append(line);
        done.set(i, line);
        r.onWindow?.(++finished, windows.length);
      },
      () => !!r.shouldStop?.(),
    );
  } finally {
    file.close();
  }
  const lines = windows.map((_, i) => done.get(i)).filter((l): l is WindowLine => !!l);
  const tokens = lines.reduce((s, l) => s + l.tokens, 0);
  const nll = lines.reduce((s, l) => s + l.nll, 0) / Math.max(1, tokens);
  const compared = lines.filter((l) => l.kl);
  const kl = compared.flatMap((l) => l.kl ?? []);
  // Neighbouring positions are not independent; non-overlapping windows nearly are: the standard
  // errors of the mean KL and of the same-top share come from the spread between windows.
  const windowSe = (perWindow: number[]) => {
    if (perWindow.length < 2) return undefined;
    const m = perWindow.reduce((s, x) => s + x, 0) / perWindow.length;
    return Math.sqrt(perWindow.reduce((s, x) => s + (x - m) ** 2, 0) / (perWindow.length - 1) / perWindow.length);
  };
  const meanSe = windowSe(compared.map((l) => (l.kl ?? []).reduce((s, x) => s + x, 0) / Math.max(1, l.kl?.length ?? 0)));
  const sameTopSe = windowSe(compared.map((l) => (l.same_top ?? 0) / Math.max(1, l.kl?.length ?? 0)));
  const metrics: Record<string, unknown> = {
    benchmark: r.d.name,
    type: 'perplexity',
    method: 'prompt_logprobs',
    ppl: Math.round(Math.exp(nll) * 1e4) / 1e4,
    nll: Math.round(nll * 1e6) / 1e6,
    seq_len: seqLen,
    num_windows: lines.length,
    num_tokens: tokens,
    top_k: k,
    // The same windows for every variant: equal hashes say so on the page.
    windows_hash: createHash('sha256').update(lines.map((l) => l.hash).join(',')).digest('hex').slice(0, 16),
    ...(r.baseline
      ? {
          kl: kl.length
            ? { baseline: r.baseline.name, ...roundAll(distributionSummary(kl)), ...(meanSe !== undefined ? { mean_se: Math.round(meanSe * 1e6) / 1e6 } : {}), ...(sameTopSe !== undefined ? { same_top_token_se_pct: Math.round(sameTopSe * 1e4) / 100 } : {}), same_top_token_pct: Math.round((10000 * compared.reduce((s, l) => s + (l.same_top ?? 0), 0)) / kl.length) / 100, positions: kl.length, windows: compared.length, approximation: `top-${k} with the rest as one bucket (a lower bound of the full KL)` }
            : null,
          ...(compared.length < lines.length ? { kl_note: `${lines.length - compared.length} of ${lines.length} windows had no baseline top-k with the same tokens (the baseline ran after this variant, or tokenized differently)` } : {}),
        }
      : {}),
  };
  if (lines.length === windows.length) writeJsonAtomic(join(dir, `${r.d.name}_metrics.json`), metrics);
  return metrics;
}

const roundAll = (s: { mean: number; median: number; p99: number }) => ({ mean: Math.round(s.mean * 1e6) / 1e6, median: Math.round(s.median * 1e6) / 1e6, p99: Math.round(s.p99 * 1e6) / 1e6 });
