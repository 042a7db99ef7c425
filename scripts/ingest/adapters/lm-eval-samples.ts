/**
 * lm-evaluation-harness per-example logs: `samples_<task>_<timestamp>.jsonl` (--log_samples).
 * Read beside a results file by lm-eval-results.ts, or on their own (metrics then computed from
 * the samples). A line cut mid-write is reported and the good lines are kept.
 */
import { basename, dirname } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, SpooledExamples } from '../adapter.ts';
import type { ExampleRecord, Metric } from '../../../schemas/types.gen.ts';
import { choosePrimary, defaultHigherIsBetter, guessScale } from '../../../domain/metrics.ts';
import { dict } from '../../../domain/guards.ts';

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[\d.-]+)\.jsonl$/;

export function parseSamplesName(name: string): { task: string; timestamp: string } | undefined {
  const m = SAMPLES_NAME.exec(name);
  return m ? { task: m[1]!, timestamp: m[2]! } : undefined;
}

const NON_METRIC_KEYS = new Set(['doc_id', 'doc', 'target', 'arguments', 'resps', 'filtered_resps', 'filter', 'metrics', 'doc_hash', 'prompt_hash', 'target_hash', 'task_name']);

interface SampleLine {
  doc_id?: number | string;
  doc?: Record<string, unknown>;
  target?: unknown;
  arguments?: unknown;
  resps?: unknown;
  filtered_resps?: unknown;
  filter?: string;
  metrics?: string[];
  [k: string]: unknown;
}

export interface SamplesRead {
  task: string;
  /** The records, where the context keeps them in a list (empty when they were spooled). */
  examples: ExampleRecord[];
  /** Where they went, where the context spools them (a file of a million examples is never held). */
  spooled?: SpooledExamples;
  /** Records read (of the kept filter). */
  count: number;
  /** Mean of each per-sample numeric metric, for files read without a results file. */
  metrics: Metric[];
}

/** The records of one filter as they are read, and the sums of their per-sample metrics. */
class FilterTake {
  readonly list: ExampleRecord[] = [];
  readonly sums = new Map<string, { sum: number; n: number }>();
  count = 0;
  readonly filter: string;
  readonly spooled: SpooledExamples | undefined;
  constructor(filter: string, spooled: SpooledExamples | undefined) {
    this.filter = filter;
    this.spooled = spooled;
  }

  add(s: SampleLine): void {
    const metricNames = Array.isArray(s.metrics) ? s.metrics : Object.keys(s).filter((k) => !NON_METRIC_KEYS.has(k));
    const metrics = dict<number | null>();
    for (const name of metricNames) {
      const v = s[name];
      if (typeof v === 'number') {
        metrics[name] = Number.isFinite(v) ? v : null;
        // Non-finite values are summed too: as in lm-eval, one Infinity makes the mean Infinity
        // (and +Infinity with -Infinity, or a NaN, makes it NaN), never the mean of the rest.
        const acc = this.sums.get(name) ?? { sum: 0, n: 0 };
        acc.sum += v;
        acc.n++;
        this.sums.set(name, acc);
      }
    }
    const record = toExample(s, metrics, this.count++);
    if (this.spooled) this.spooled.push(record);
    else this.list.push(record);
  }
}

/**
 * Reads a samples file into example records, keeping one filter's lines per document: the
 * preferred one (the results' primary metric's) when the file has it, else the first in the file.
 * One pass, line by line: where the context spools, records go out as they are read.
 */
export function readSamplesFile(path: string, ctx: ReadContext, preferFilter?: string): SamplesRead | undefined {
  const rel = ctx.rel(path);
  const task = parseSamplesName(basename(path))?.task ?? basename(path, '.jsonl').replace(/^samples_/, '');
  const takes = new Map<string, FilterTake>();
  let lines = 0;
  let preferredSeen = false;
  // The preferred filter, and the first filter of the file in case the preferred never comes
  // (dropped as soon as it does: lines of one document follow each other, so that is at once).
  const take = (filter: string): FilterTake | undefined => {
    const known = takes.get(filter);
    if (known) return known;
    const wanted = filter === preferFilter || (!preferredSeen && takes.size === 0);
    if (!wanted) return undefined;
    const t = new FilterTake(filter, ctx.spool?.());
    takes.set(filter, t);
    return t;
  };
  const ok = ctx.eachJsonl(
    path,
    ({ value, line }) => {
      lines++;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        ctx.problems.error(rel, 'sample line is not a JSON object', { line, dialect: 'lm-eval-samples', found: typeof value });
        return;
      }
      const s = value as SampleLine;
      const filter = s.filter ?? 'none';
      if (filter === preferFilter && !preferredSeen) {
        preferredSeen = true;
        for (const [f, t] of takes) {
          if (f === filter) continue;
          t.spooled?.discard();
          takes.delete(f);
        }
      }
      take(filter)?.add(s);
    },
    'lm-eval-samples',
  );
  if (!ok) return undefined;
  if (lines === 0) {
    ctx.problems.warning(rel, 'samples file holds no samples; this task has no per-example results', { dialect: 'lm-eval-samples' });
    return undefined;
  }
  const kept = (preferFilter !== undefined ? takes.get(preferFilter) : undefined) ?? [...takes.values()][0];
  if (!kept) return undefined;
  const metrics: Metric[] = [...kept.sums].map(([name, { sum, n }]) => {
    const mean = sum / n;
    const value = Number.isFinite(mean) ? mean : null;
    const m: Metric = { name, filter: kept.filter, value, higherIsBetter: defaultHigherIsBetter(name), scale: guessScale(name, value) };
    if (value === null) m.raw = String(mean);
    return m;
  });
  return { task, examples: kept.list, ...(kept.spooled ? { spooled: kept.spooled } : {}), count: kept.count, metrics };
}

function toExample(s: SampleLine, metrics: Record<string, number | null>, index: number): ExampleRecord {
  const prompt = firstPrompt(s.arguments);
  const response = responseText(s.filtered_resps, s.resps);
  const reference = s.target === undefined || s.target === null ? undefined : typeof s.target === 'string' ? s.target : JSON.stringify(s.target);
  // Binary per-example metrics (acc, exact_match) decide correct/incorrect; others stay unlabelled.
  const binary = Object.entries(metrics).find(([k, v]) => /^(acc|exact_match|em|correct|\d+)$/.test(k) && (v === 0 || v === 1));
  const record: ExampleRecord = {
    id: String(s.doc_id ?? index),
    status: binary ? (binary[1] === 1 ? 'correct' : 'incorrect') : 'unlabelled',
    metrics,
  };
  if (prompt !== undefined) record.prompt = prompt;
  if (response !== undefined) record.response = response;
  if (reference !== undefined) record.reference = reference;
  const extracted = Array.isArray(s.filtered_resps) && typeof s.filtered_resps[0] === 'string' ? s.filtered_resps[0] : undefined;
  if (extracted !== undefined && extracted !== response) record.extracted = extracted;
  return record;
}

function firstPrompt(args: unknown): string | undefined {
  // 0.4.x: {"gen_args_0": {"arg_0": prompt, "arg_1": kwargs}}; older: [[prompt, kwargs]].
  if (Array.isArray(args)) {
    const first = args[0];
    if (Array.isArray(first) && typeof first[0] === 'string') return first[0];
    if (typeof first === 'string') return first;
  } else if (args && typeof args === 'object') {
    const first = Object.values(args)[0];
    if (first && typeof first === 'object') {
      const a0 = (first as Record<string, unknown>).arg_0;
      if (typeof a0 === 'string') return a0;
      if (a0 !== undefined) return JSON.stringify(a0);
    }
  }
  return undefined;
}

function responseText(filtered: unknown, resps: unknown): string | undefined {
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) {
      // Loglikelihood requests: one [logprob, is_greedy] per choice; show the chosen one.
      if (v.length && v.every((c) => Array.isArray(c) && c.length === 2 && !Array.isArray(c[0]))) {
        const lls = v.map((c) => Number((c as unknown[])[0]));
        if (v.length === 1) return `loglikelihood ${lls[0]} (greedy: ${String((v[0] as unknown[])[1])})`;
        const best = lls.indexOf(Math.max(...lls));
        return `choice ${best} (loglikelihoods: ${lls.map((x) => x.toFixed(3)).join(', ')})`;
      }
      if (v.length === 1) return pick(v[0]);
      return v.map((x) => pick(x) ?? JSON.stringify(x)).join('\n');
    }
    return undefined;
  };
  // The raw generation is the response; the filtered one is what the scorer extracted from it.
  return pick(resps) ?? pick(filtered);
}

/** Samples files with no results file beside them become a run of their own. */
export const lmEvalSamplesAdapter: Adapter = {
  dialect: 'lm-eval-samples',
  detect(probe: Probe) {
    return probe.kind === 'file' && parseSamplesName(probe.name) ? 0.9 : 0;
  },
  read(probe: Probe, ctx: ReadContext): AdapterResult {
    const samples = readSamplesFile(probe.path, ctx);
    if (!samples) return { runs: [] };
    const model = basename(dirname(probe.path)).replace(/__/g, '/');
    return {
      runs: [
        {
          model,
          dialect: 'lm-eval-samples',
          sources: [{ path: probe.rel }],
          tasks: [
            {
              task: samples.task,
              metrics: samples.metrics,
              primary: choosePrimary(samples.metrics),
              numSamples: samples.count,
            },
          ],
          ...(samples.spooled ? { spooled: { [samples.task]: samples.spooled } } : { examples: { [samples.task]: samples.examples } }),
        },
      ],
    };
  },
};
