/**
 * Writes a made-up evaluation campaign at scale: `runs` lm-eval output folders (results + samples),
 * or canonical run folders (run_meta.json, <task>/<task>_results.jsonl), each with the same four
 * tasks of `examples` examples, whose prompts repeat a 5-shot prefix as real lm-eval samples do. Deterministic (no randomness), so two calls write the same bytes.
 * Used by the scale bench and, small, by tests of the pages that must stay small at 500 runs.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface ScaleFixture {
  runs: number;
  examples: number;
  /** Models are `scale/model-<i>`; runs past `models` are variants of the same models. */
  models?: number;
  /** The index of the first run written (to add runs to an earlier fixture). */
  from?: number;
  /** Only the first this many of the four tasks (gsm8k first): one task of a million examples. */
  tasks?: number;
  /** lm-eval output folders (the default), or canonical run folders as `collect` writes them. */
  format?: 'lm-eval' | 'canonical';
}

const TASKS = [
  { task: 'gsm8k', metric: 'exact_match', filter: 'strict-match' },
  { task: 'arc_easy', metric: 'acc', filter: 'none' },
  { task: 'hellaswag', metric: 'acc_norm', filter: 'none' },
  { task: 'winogrande', metric: 'acc', filter: 'none' },
] as const;

const SHOTS = Array.from({ length: 5 }, (_, k) => `Question: Natalia sold clips to ${40 + k} of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?\nAnswer: Natalia sold ${40 + k}/2 = ${(40 + k) / 2} clips in May. Natalia sold ${40 + k}+${(40 + k) / 2} = ${(40 + k) * 1.5} clips altogether in April and May.\n#### ${(40 + k) * 1.5}\n\n`).join('');

/** Whether run r answers example i of task t correctly: a fixed pattern whose rate falls with r. */
function correct(r: number, t: number, i: number): boolean {
  const rate = 0.85 - ((r * 7) % 50) / 100 - t * 0.05;
  return ((i * 2654435761 + r * 40503 + t * 9973) % 1000) / 1000 < rate;
}

export function writeScaleFixture(dir: string, opts: ScaleFixture): string[] {
  const models = opts.models ?? opts.runs;
  const folders: string[] = [];
  for (let r = opts.from ?? 0; r < (opts.from ?? 0) + opts.runs; r++) {
    const model = `scale/model-${r % models}`;
    const variant = r < models ? '' : `-v${Math.floor(r / models)}`;
    const out = join(dir, `model-${r % models}${variant}`);
    mkdirSync(out, { recursive: true });
    if (opts.format === 'canonical') {
      writeCanonicalRun(out, model, r, opts);
      folders.push(out);
      continue;
    }
    const stamp = `2026-01-01T00-00-${String(r % 60).padStart(2, '0')}.000000`;
    const results: Record<string, Record<string, unknown>> = {};
    const nShot: Record<string, number> = {};
    TASKS.slice(0, opts.tasks ?? TASKS.length).forEach(({ task, metric, filter }, t) => {
      let hits = 0;
      writeLines(join(out, `samples_${task}_${stamp}.jsonl`), opts.examples, (i) => {
        const ok = correct(r, t, i);
        hits += ok ? 1 : 0;
        const answer = String(i % 97);
        return JSON.stringify({ doc_id: i, doc: { question: `Example ${i} of ${task}`, answer }, target: answer, arguments: { gen_args_0: { arg_0: promptOf(task, i), arg_1: { until: ['Question:'] } } }, resps: [[`The sum is ${ok ? answer : `${answer}1`}.\n#### ${ok ? answer : `${answer}1`}`]], filtered_resps: [ok ? answer : `${answer}1`], filter, metrics: [metric], [metric]: ok ? 1 : 0 });
      });
      const p = hits / opts.examples;
      results[task] = { alias: task, [`${metric},${filter}`]: p, [`${metric}_stderr,${filter}`]: Math.sqrt((p * (1 - p)) / (opts.examples - 1)) };
      nShot[task] = 5;
    });
    writeFileSync(join(out, `results_${stamp}.json`), JSON.stringify({ results, 'n-shot': nShot, config: { model: 'vllm', model_args: `pretrained=${model}` }, model_name: model, date: 1767225600 + r }));
    folders.push(out);
  }
  return folders;
}

const promptOf = (task: string, i: number) => `${SHOTS}Question: Example ${i} of ${task}: what is ${i % 89} plus ${i % 8}?\nAnswer:`;

/** Writes n lines a few MB at a time: a million lines held at once would be gigabytes. */
function writeLines(path: string, n: number, line: (i: number) => string): void {
  const fd = openSync(path, 'w');
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) writeSync(fd, `${lines.join('\n')}\n`);
    lines = [];
  };
  for (let i = 0; i < n; i++) {
    lines.push(line(i));
    if (lines.length === 2000) flush();
  }
  flush();
  closeSync(fd);
}

/** A canonical run folder: the collector's per-example lines, the score recomputed from them. */
function writeCanonicalRun(out: string, model: string, r: number, opts: ScaleFixture): void {
  writeFileSync(join(out, 'run_meta.json'), JSON.stringify({ timestamp_utc: `2026-01-01T00:00:${String(r % 60).padStart(2, '0')}Z`, model }));
  TASKS.slice(0, opts.tasks ?? TASKS.length).forEach(({ task }, t) => {
    mkdirSync(join(out, task), { recursive: true });
    writeLines(join(out, task, `${task}_results.jsonl`), opts.examples, (i) => {
      const ok = correct(r, t, i);
      const answer = String(i % 97);
      const got = ok ? answer : `${answer}1`;
      return JSON.stringify({ id: `${task}-${i}`, prompt: promptOf(task, i), response: `The sum is ${got}.\n#### ${got}`, reference: answer, extracted: got, correct: ok });
    });
  });
}
