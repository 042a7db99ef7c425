/**
 * The own runners (GSM8K, MATH, custom JSONL) over the OpenAI-compatible API: concurrent requests,
 * each answer appended to <bench>_results.jsonl as it arrives, and the summaries (_metrics.json/csv,
 * _unscorable.jsonl) written atomically at the end. A rerun asks only what has no answer yet.
 */
import { join } from 'node:path';
import type { Config, Dataset, Variant } from '../config.ts';
import type { Item } from '../datasets.ts';
import { requestModel } from '../commands.ts';
import { type OpenAIClient, runLimited } from '../openai-client.ts';
import { existsSync, readFileSync } from 'node:fs';
import { openJsonlForAppend, writeFileAtomic, writeJsonAtomic } from '../../lib/atomic.ts';
import { buildPrompt } from './prompts.ts';
import { scoreExact, scoreGsm8k, scoreMath, type Scored } from './scoring.ts';
import type { SequentialTracker } from '../sequential.ts';

export interface ResultLine {
  id: string;
  subject?: string;
  question: string;
  prompt: string;
  response: string | null;
  reference: string | null;
  extracted: string | null;
  correct: boolean | null;
  scorable: boolean;
  unscorable_reason?: string;
  error?: string;
  latency_s?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  finish_reason?: string;
  exact_match_flexible?: number;
  /** Which pass of the collector answered (a resumed run has several) and when (ms since epoch). */
  pass: number;
  answered_at: number;
}

export interface QualityRun {
  c: Config;
  v: Variant;
  d: Dataset;
  items: Item[];
  fewshot: Item[];
  client: OpenAIClient;
  /** The run directory; files go to <runDir>/<dataset>/. */
  runDir: string;
  onAnswer?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
  /** Recorded in the metrics when only a seeded subset is evaluated. */
  sampling?: { fraction?: number; count?: number; seed: number; of: number; stratify_by?: string };
  /** --until-decided: items are in the sequential order; stop asking once the tracker decides. */
  sequential?: { tracker: SequentialTracker; baseline: string };
}

const outcomeOf = (l: ResultLine): 0 | 1 | null => (l.error ? null : l.correct === true ? 1 : 0);

/** Thrown when requests fail beyond the configured limits: the server died or is failing. */
export class RequestFailures extends Error {}

/**
 * Stops a pass when requests fail beyond the limits: N in a row (a dead server refuses every
 * connection) or a share above the rate once 50 were asked. A failed request is one that still
 * failed after the client's retries.
 */
export class FailureGuard {
  private asked = 0;
  private failed = 0;
  private inARow = 0;
  reason: string | undefined;
  private readonly maxRate: number;
  private readonly maxInARow: number;

  constructor(maxRate: number, maxInARow: number) {
    this.maxRate = maxRate;
    this.maxInARow = maxInARow;
  }

  record(error: string | undefined): void {
    this.asked++;
    if (!error) {
      this.inARow = 0;
      return;
    }
    this.failed++;
    this.inARow++;
    if (this.reason) return;
    if (this.inARow >= this.maxInARow) this.reason = `${this.inARow} requests in a row failed (last: ${error})`;
    else if (this.asked >= 50 && this.failed / this.asked > this.maxRate) this.reason = `${this.failed} of ${this.asked} requests failed (${((100 * this.failed) / this.asked).toFixed(1)}%, more than ${(100 * this.maxRate).toFixed(1)}%; last: ${error})`;
  }
}

function score(d: Dataset, response: string, item: Item): Scored {
  if (d.type === 'gsm8k') return scoreGsm8k(response, item.reference ?? '');
  if (d.type === 'math') return scoreMath(response, item.reference ?? '');
  return scoreExact(response, item.reference);
}

export async function runQuality(r: QualityRun): Promise<{ metrics: Record<string, unknown>; lines: ResultLine[] }> {
  const dir = join(r.runDir, r.d.name);
  const file = openJsonlForAppend(join(dir, `${r.d.name}_results.jsonl`));
  // The latest line of an id wins; a line whose request failed is asked again.
  const latest = new Map<string, ResultLine>();
  for (const l of file.existing as ResultLine[]) latest.set(l.id, l);
  const seq = r.sequential;
  const position = new Map(r.items.map((it, i) => [it.id, i]));
  // A resumed sequential run first replays the answers it has, in order; it may already be decided.
  if (seq) r.items.forEach((it, i) => latest.has(it.id) && !latest.get(it.id)!.error && seq.tracker.answer(i, outcomeOf(latest.get(it.id)!)));
  const todo = seq?.tracker.decided ? [] : r.items.filter((it) => !latest.has(it.id) || latest.get(it.id)!.error);
  let done = r.items.length - todo.length;
  r.onAnswer?.(done, r.items.length);
  // Each pass records when it started, so the evaluation time of a resumed run adds up its passes.
  const passesPath = join(dir, '.passes.json');
  const passes: number[] = existsSync(passesPath) ? (JSON.parse(readFileSync(passesPath, 'utf8')) as number[]) : [];
  const pass = passes.length;
  if (todo.length) writeJsonAtomic(passesPath, [...passes, Date.now()]);
  const passStarts = todo.length ? [...passes, Date.now()] : passes;
  const guard = new FailureGuard(r.c.generation.max_failure_rate, r.c.generation.max_consecutive_failures);
  try {
    await runLimited(
      todo,
      r.c.generation.concurrency,
      async (item) => {
        const p = buildPrompt(r.d, item, r.fewshot);
        const base: Omit<ResultLine, 'response' | 'extracted' | 'correct' | 'scorable' | 'answered_at'> = { pass, id: item.id, ...(item.subject ? { subject: item.subject } : {}), question: item.question, prompt: r.c.generation.endpoint === 'chat' ? p.messages.map((m) => `[${m.role}] ${m.content}`).join('\n\n') : p.text, reference: item.reference ?? null };
        let line: ResultLine;
        try {
          const common = { model: requestModel(r.c, r.v), max_tokens: p.maxTokens, temperature: r.c.generation.temperature, seed: r.c.seed };
          const out = r.c.generation.endpoint === 'chat' ? await r.client.chat({ ...common, messages: p.messages }) : await r.client.complete({ ...common, prompt: p.text, ...(p.stop.length ? { stop: p.stop } : {}) });
          const s = score(r.d, out.text, item);
          line = {
            ...base,
            answered_at: Date.now(),
            response: out.text,
            extracted: s.extracted,
            correct: s.correct,
            scorable: s.reason === undefined,
            ...(s.reason ? { unscorable_reason: s.reason } : {}),
            latency_s: Math.round(out.latencyMs) / 1000,
            ...(out.promptTokens !== undefined ? { prompt_tokens: out.promptTokens } : {}),
            ...(out.completionTokens !== undefined ? { completion_tokens: out.completionTokens } : {}),
            ...(out.finishReason ? { finish_reason: out.finishReason } : {}),
            ...(s.extra?.exact_match_flexible !== undefined ? { exact_match_flexible: s.extra.exact_match_flexible! } : {}),
          };
        } catch (err) {
          line = { ...base, answered_at: Date.now(), response: null, extracted: null, correct: null, scorable: false, unscorable_reason: `request failed: ${(err as Error).message}`, error: (err as Error).message };
        }
        file.append(line);
        latest.set(item.id, line);
        guard.record(line.error);
        seq?.tracker.answer(position.get(item.id)!, outcomeOf(line));
        r.onAnswer?.(++done, r.items.length);
      },
      () => !!r.shouldStop?.() || !!seq?.tracker.decided || guard.reason !== undefined,
    );
  } finally {
    file.close();
  }
  // Answers so far stay in the results file; a rerun asks the failed ones again.
  if (guard.reason) throw new RequestFailures(`${r.d.name}: ${guard.reason}`);
  const lines = r.items.map((it) => latest.get(it.id)).filter((l): l is ResultLine => !!l);
  const metrics = summarize(r, lines, elapsedSeconds(lines, passStarts));
  if (seq) {
    metrics.sequential = seq.tracker.summary(seq.baseline);
    // Stopped early: a seeded subset of the full set, never mistaken for a full run.
    if (lines.length < r.items.length) metrics.sampling = { count: lines.length, seed: seq.tracker.settings.seed, of: r.items.length, ...(seq.tracker.settings.stratify_by ? { stratify_by: seq.tracker.settings.stratify_by } : {}) };
  }
  if (lines.length === r.items.length || seq?.tracker.decided) {
    writeJsonAtomic(join(dir, `${r.d.name}_metrics.json`), metrics);
    const cols = ['benchmark', 'accuracy_pct', 'num_total', 'num_scorable', 'num_correct', 'unscorable_examples', 'num_shots', 'max_tokens', 'latency_seconds', 'questions_per_second'];
    writeFileAtomic(join(dir, `${r.d.name}_metrics.csv`), `${cols.join(',')}\n${cols.map((k) => (metrics[k] === null || metrics[k] === undefined ? '' : String(metrics[k]))).join(',')}\n`);
    writeFileAtomic(join(dir, `${r.d.name}_unscorable.jsonl`), lines.filter((l) => !l.scorable).map((l) => JSON.stringify({ id: l.id, response: l.response, unscorable_reason: l.unscorable_reason, ...(r.d.type === 'math' ? { ambiguity_reason: l.unscorable_reason } : {}) })).join('\n') + (lines.some((l) => !l.scorable) ? '\n' : ''));
  }
  return { metrics, lines };
}

/** Sum over passes of (last answer of the pass - start of the pass). */
export function elapsedSeconds(lines: ResultLine[], passStarts: number[]): number {
  const last = new Map<number, number>();
  for (const l of lines) if (typeof l.pass === 'number' && typeof l.answered_at === 'number') last.set(l.pass, Math.max(last.get(l.pass) ?? 0, l.answered_at));
  let ms = 0;
  for (const [p, end] of last) if (passStarts[p] !== undefined) ms += Math.max(0, end - passStarts[p]!);
  return ms / 1000;
}

function summarize(r: QualityRun, lines: ResultLine[], wallSeconds: number): Record<string, unknown> {
  const scorable = lines.filter((l) => l.scorable && l.correct !== null);
  const correct = scorable.filter((l) => l.correct).length;
  const labelled = r.d.type !== 'jsonl' || r.items.some((i) => i.reference !== null && i.reference !== undefined);
  const latency = lines.reduce((s, l) => s + (l.latency_s ?? 0), 0);
  return {
    benchmark: r.d.name,
    accuracy_pct: labelled && scorable.length ? Math.round((10000 * correct) / scorable.length) / 100 : null,
    num_total: lines.length,
    num_scorable: scorable.length,
    num_correct: correct,
    // Unlabelled examples (JSONL without labels) are stored, not unscorable.
    unscorable_examples: lines.filter((l) => !l.scorable).length,
    ...(r.d.type === 'gsm8k' ? { num_shots: r.fewshot.length } : {}),
    max_tokens: buildPrompt(r.d, r.items[0] ?? { id: '', question: '' }, []).maxTokens,
    // Wall time of the evaluation, all passes of a resumed run added up.
    latency_seconds: Math.round(wallSeconds * 100) / 100,
    questions_per_second: wallSeconds > 0 ? Math.round((lines.length / wallSeconds) * 1000) / 1000 : null,
    request_latency_sum_s: Math.round(latency * 100) / 100,
    has_labels: labelled,
    ...(r.sampling ? { sampling: r.sampling } : {}),
    ...(labelled ? {} : { note: 'labels not available: raw outputs stored, no accuracy computed' }),
  };
}
