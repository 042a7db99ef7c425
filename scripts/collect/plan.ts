/**
 * The study as a matrix of steps (variant × dataset, plus the serving benchmark per variant), how
 * it splits across shards, and the printed plan of --dry-run.
 */
import { join, resolve } from 'node:path';
import type { Config, Dataset, Variant } from './config.ts';
import { baselineOf } from './config.ts';
import { benchArgs, externalEndpoint, lmEvalArgs, shellLine, vllmServeArgs } from './commands.ts';
import { sampleSize } from './sampling.ts';
import { SELECTION_FILE } from './lm-eval-samples.ts';
import { DEFAULT_SEQ_LEN, DEFAULT_TOP_K } from './runners/run-perplexity.ts';
import { checkpointDir, quantizeArgs } from './quantize.ts';
import { UsageError } from '../lib/cli.ts';

export type Step = { kind: 'quality' | 'lm-eval' | 'perplexity'; variant: Variant; dataset: Dataset } | { kind: 'bench'; variant: Variant };

export interface Shard {
  index: number;
  count: number;
}

export function steps(c: Config): Step[] {
  return c.variants.flatMap((v) => [
    ...c.datasets.map((d) => ({ kind: d.type === 'lm-eval' || d.type === 'perplexity' ? d.type : ('quality' as const), variant: v, dataset: d })),
    ...(c.benchmark ? [{ kind: 'bench' as const, variant: v }] : []),
  ]);
}

/**
 * Steps of one shard. Loading a model is the slow part of a step on a GPU host, so shards take
 * whole variants: with no more shards than variants, variant k goes to shard k mod n; with more,
 * each variant gets its share of the shards (⌊n/V⌋, the first n mod V one more) and its steps are
 * split among them in contiguous chunks, so that every shard loads one model, once.
 */
export function shardSteps(all: Step[], shard?: Shard): Step[] {
  if (!shard) return all;
  const variants = [...new Set(all.map((s) => s.variant))];
  const n = shard.count;
  if (n <= variants.length) return all.filter((s) => variants.indexOf(s.variant) % n === shard.index);
  let first = 0;
  for (const [k, v] of variants.entries()) {
    const shares = Math.floor(n / variants.length) + (k < n % variants.length ? 1 : 0);
    if (shard.index < first + shares) {
      const mine = all.filter((s) => s.variant === v);
      const j = shard.index - first;
      return mine.slice(Math.floor((j * mine.length) / shares), Math.floor(((j + 1) * mine.length) / shares));
    }
    first += shares;
  }
  return [];
}

export function parseShard(s: string | undefined, env = process.env): Shard | undefined {
  if (s) {
    const m = /^(\d+)\/(\d+)$/.exec(s);
    if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard must be i/n with 0 <= i < n, got "${s}"`, 'EARG');
    return { index: Number(m[1]), count: Number(m[2]) };
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    return { index: Number(env.SLURM_ARRAY_TASK_ID) - min, count: Number(env.SLURM_ARRAY_TASK_COUNT) };
  }
  return undefined;
}

export function studyDir(c: Config, out?: string): string {
  return resolve(out ?? c.output, c.study);
}

/** Run directory of a variant; shards write apart and `collect merge` joins them. */
export function runDirOf(c: Config, v: Variant, out?: string, shard?: Shard): string {
  const base = studyDir(c, out);
  return shard && shard.count > 1 ? join(base, 'shards', `${shard.index}-of-${shard.count}`, v.name) : join(base, v.name);
}

/** The --dry-run plan: commands, datasets with sample counts, output paths. */
export function describePlan(c: Config, selected: Step[], counts: Map<string, number | undefined>, out?: string, shard?: Shard): string {
  const lines: string[] = [`study ${c.study} (config hash ${c.hash})${shard ? `, shard ${shard.index}/${shard.count}` : ''}: ${selected.length} step(s)`];
  const base = baselineOf(c);
  const seq = c.untilDecided;
  if (seq) lines.push(`until decided: each variant answers ${base.name}'s examples in a seeded order (seed ${seq.seed}${seq.stratify_by ? `, stratified by ${seq.stratify_by}` : ''}) and stops once non-inferiority at ${seq.margin * 100} pp is decided by an anytime-valid confidence sequence (α = ${seq.alpha}), or at the full set; ${base.name} runs first, on everything`);
  for (const v of baselineFirst(c) ? [base, ...c.variants.filter((x) => x !== base)] : c.variants) {
    const mine = selected.filter((s) => s.variant === v);
    if (!mine.length) continue;
    const dir = runDirOf(c, v, out, shard);
    lines.push('', `variant ${v.name}${v.description ? ` (${v.description})` : ''} -> ${dir}`);
    const external = externalEndpoint(c, v);
    const checkpoint = v.quantize ? checkpointDir(dir) : undefined;
    if (checkpoint) lines.push(`  quantize (llm-compressor one-shot, ${v.quantize?.method}; skipped when ${checkpoint} is complete): ${shellLine(c.server.python, quantizeArgs(c, v, `${checkpoint}.partial`))}  (log: ${join(dir, 'quantize.log')})`);
    lines.push(external ? `  server: external ${external}` : `  server: ${shellLine(c.server.vllm, vllmServeArgs(c, v, 0, checkpoint)).replace('--port 0', '--port <free port>')}  (log: ${join(dir, 'server.log')})`);
    for (const s of mine) {
      if (s.kind === 'bench') {
        const rates: (number | 'inf')[] = [...(c.benchmark?.offline === false ? [] : ['inf' as const]), ...(c.benchmark?.request_rates ?? [])];
        for (const r of rates) lines.push(`  bench ${r === 'inf' ? 'offline' : `${r} req/s`}: ${shellLine(c.server.vllm, benchArgs(c, v, '<server>', r, r === 'inf' ? dir : join(dir, `rate_${r}`), r === 'inf' ? 'vllm_bench_raw.json' : 'raw_results.json'))}`);
        continue;
      }
      const d = s.dataset;
      const plan = v.sampling ?? d.sampling;
      const total = counts.get(d.name);
      const n = total === undefined ? (d.path ? '? examples (file not found)' : '? examples (count known after download)') : `${sampleSize(total - (d.type === 'gsm8k' && !d.fewshot_path ? (d.num_shots ?? 5) : 0), plan)} examples`;
      const source = d.path ?? (d.hf ? `hf:${d.hf.repo}/${d.hf.file}` : '');
      if (s.kind === 'perplexity') {
        const k = d.top_k ?? DEFAULT_TOP_K;
        lines.push(`  perplexity ${d.name}: ${source} tokenized by the server (/tokenize), non-overlapping windows of ${d.seq_len ?? DEFAULT_SEQ_LEN} tokens${d.max_windows ? ` (the first ${d.max_windows})` : ''}, each asked with prompt_logprobs ${k}, max_tokens 1 -> PPL and mean NLL in ${join(dir, d.name, `${d.name}_metrics.json`)}`);
        lines.push(v === base ? `    keeps its top-${k} per position (${join(dir, d.name, 'topk')}) for the variants' KL` : `    KL(${base.name} ‖ ${v.name}) (mean, median, p99) and same top token at every position, against ${join(runDirOf(c, base, out, shard), d.name, 'topk')}`);
      } else if (s.kind === 'lm-eval') {
        const sampled = plan?.fraction !== undefined || plan?.count !== undefined;
        const selection = join(dir, 'lm_eval', d.name, SELECTION_FILE);
        lines.push(`  lm-eval ${d.name} [${(d.tasks ?? []).join(', ')}]${sampled ? ` seeded ${plan?.fraction !== undefined ? `fraction ${plan.fraction}` : `${plan?.count} documents`} of each task (seed ${plan?.seed ?? c.seed}; indices counted with ${c.server.python} at run time, written to ${selection})` : ''}: ${shellLine(c.server.lm_eval, lmEvalArgs(c, v, d, '<server>', join(dir, 'lm_eval', d.name), sampled ? selection : undefined))}`);
      } else {
        lines.push(`  ${d.type} ${d.name}: ${seq && v !== base ? 'until decided, at most ' : ''}${n}${total !== undefined && plan ? ` of ${total}` : ''} from ${source}, ${c.generation.endpoint} endpoint, concurrency ${c.generation.concurrency} -> ${join(dir, d.name, `${d.name}_results.jsonl`)}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * The baseline runs before the other variants when they are compared with its answers
 * (--until-decided) or its next-token distributions (a perplexity dataset: KL needs its top-k).
 */
export function baselineFirst(c: Config): boolean {
  return !!c.untilDecided || c.datasets.some((d) => d.type === 'perplexity');
}
