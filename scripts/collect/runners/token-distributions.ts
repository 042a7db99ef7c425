/**
 * Token-level comparison of a variant with its baseline, from the prompt log-probabilities a vLLM
 * server returns (`prompt_logprobs: k` on /v1/completions): perplexity over fixed windows, KL
 * divergence of the next-token distributions and agreement of the top token.
 *
 * Why: equal accuracy can hide many flipped answers; KL of the next-token distribution against the
 * baseline tracks flips closely (llama.cpp's --kl-divergence reports the same mean, median, p99
 * and "same top token").
 */

/** One predicted position: the token that follows in the text and the server's top-k. */
export interface PositionLogprobs {
  /** The text's token at this position, and its log-probability. */
  actual: number;
  actualLogprob: number;
  /** The top-k tokens, most likely first, with their log-probabilities. */
  top: [id: number, logprob: number][];
}

/**
 * Non-overlapping windows of `seqLen` tokens from the start, the remainder dropped: the windows of
 * the GPTQ / AWQ evaluation scripts (and seed 001's wikitext2 figures), the same for every variant.
 */
export function windowsOf(tokens: number[], seqLen: number, max?: number): number[][] {
  const n = Math.min(Math.floor(tokens.length / seqLen), max ?? Infinity);
  return Array.from({ length: n }, (_, i) => tokens.slice(i * seqLen, (i + 1) * seqLen));
}

/**
 * vLLM's `choices[0].prompt_logprobs` for a prompt of token ids: one entry per prompt token, the
 * first null (nothing predicts it), each other a map from token id to {logprob, rank} holding the
 * top-k and the prompt's own token. Returns positions 1..n-1, or a message naming what is wrong.
 */
export function parsePromptLogprobs(raw: unknown, tokens: number[], k: number): PositionLogprobs[] | string {
  if (!Array.isArray(raw)) return 'the answer has no choices[0].prompt_logprobs (is this a vLLM server?)';
  if (raw.length !== tokens.length) return `prompt_logprobs has ${raw.length} entries for ${tokens.length} prompt tokens`;
  const out: PositionLogprobs[] = [];
  for (let p = 1; p < tokens.length; p++) {
    const entry: unknown = raw[p];
    if (typeof entry !== 'object' || entry === null) return `prompt_logprobs[${p}] is not an object`;
    const all: [number, number][] = [];
    for (const [id, v] of Object.entries(entry)) {
      const logprob = typeof v === 'object' && v !== null && 'logprob' in v ? v.logprob : undefined;
      if (!/^\d+$/.test(id) || typeof logprob !== 'number' || !(logprob <= 0)) return `prompt_logprobs[${p}]["${id}"] is not a token id with a log-probability <= 0`;
      all.push([Number(id), logprob]);
    }
    const actual = tokens[p]!;
    const own = all.find((e) => e[0] === actual);
    if (!own) return `prompt_logprobs[${p}] lacks the prompt's own token ${actual}`;
    // The prompt's own token is listed even when outside the top-k (then as the least likely): the
    // k most likely are the top-k.
    const top = all.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
    out.push({ actual, actualLogprob: own[1], top });
  }
  return out;
}

/** Negative log-likelihood of the text's tokens, summed, and how many were predicted. */
export function nllOf(positions: PositionLogprobs[]): { nll: number; tokens: number } {
  let nll = 0;
  for (const p of positions) nll -= p.actualLogprob;
  return { nll, tokens: positions.length };
}

const FLOOR = 1e-10;

/**
 * KL(baseline ‖ variant) at one position, from the top-k of each (the full distributions are not
 * returned). The baseline's top-k tokens are kept and everything else is one "rest" bucket:
 *   Σ_{i∈T} p_i ln(p_i/q_i) + p_rest ln(p_rest/q_rest),   p_rest = 1 − Σ_{i∈T} p_i, q_rest = 1 − Σ_{i∈T} q_i.
 * Merging tokens into one bucket never raises KL, so with the variant's q_i known this is a lower
 * bound of the true KL, tight when the top-k holds nearly all the mass (k = 20 does for most
 * positions). A baseline top-k token missing from the variant's top-k has q_i at most the
 * variant's k-th probability; it gets that bound, shared down when the variant's unlisted mass is
 * smaller, so the estimate stays finite. Probabilities are floored at 1e-10.
 */
export function klAtPosition(base: PositionLogprobs, variant: PositionLogprobs): number {
  const q = new Map<number, number>(variant.top.map(([id, lp]) => [id, Math.exp(lp)]));
  q.set(variant.actual, Math.exp(variant.actualLogprob));
  const listed = [...q.values()].reduce((s, x) => s + x, 0);
  const kth = variant.top.length ? Math.exp(variant.top[variant.top.length - 1]![1]) : 1;
  const missing = base.top.filter(([id]) => !q.has(id)).length;
  const share = missing ? Math.min(kth, Math.max(0, 1 - listed) / missing) : 0;
  let kl = 0;
  let pIn = 0;
  let qIn = 0;
  for (const [id, lp] of base.top) {
    const p = Math.exp(lp);
    const qi = Math.max(FLOOR, q.get(id) ?? share);
    pIn += p;
    qIn += qi;
    kl += p * (lp - Math.log(qi));
  }
  const pRest = Math.max(0, 1 - pIn);
  const qRest = Math.max(FLOOR, 1 - qIn);
  if (pRest > 0) kl += pRest * Math.log(Math.max(FLOOR, pRest) / qRest);
  return Math.max(0, kl);
}

/** The most likely token is the same (ties broken by the lower token id, as both lists are sorted). */
export function sameTopToken(base: PositionLogprobs, variant: PositionLogprobs): boolean {
  return base.top[0]?.[0] !== undefined && base.top[0][0] === variant.top[0]?.[0];
}

/** Mean, median and 99th percentile (nearest rank), for the metrics file. */
export function distributionSummary(values: number[]): { mean: number; median: number; p99: number } {
  if (!values.length) return { mean: NaN, median: NaN, p99: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { mean, median, p99: at(0.99) };
}
