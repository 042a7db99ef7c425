/**
 * ToRA-style outputs (`outputs/<model>/<dataset>/test_<prompt>_..._e<N>.jsonl` with a `.metrics`
 * summary of the same stem): the summary is plain `Key: value` lines (Num samples, Timeout samples,
 * Empty samples, Mean score: [84.3] in percent, Type scores: {...} per MATH subject); the JSONL holds
 * idx, question, gt, pred[] (and score[] when the run scored itself). One summary, with its JSONL,
 * is one run of one task; MATH subject scores are tasks grouped under it.
 */
import { basename, dirname, join } from 'node:path';
import type { Adapter, ReadContext, RunDraft } from '../adapter.ts';
import type { ExampleRecord, TaskResult } from '../../../schemas/types.gen.ts';
import { isObj } from '../../../domain/guards.ts';

const DATASETS = new Set(['gsm8k', 'math', 'math-oai', 'svamp', 'asdiv', 'mawps', 'tabmwp', 'gsm-hard', 'gsmhard', 'singleeq', 'singleop', 'addsub', 'multiarith', 'aime', 'minerva_math', 'mmlu_stem', 'sat_math', 'olympiadbench', 'theoremqa']);

function isMetricsText(text: string): boolean {
  return /^Num samples: \d+\s*$/m.test(text) && /^Mean score: \[[\d.]+\]\s*$/m.test(text);
}

/** `Key: value` lines into a map (values as written). */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) out.set(line.slice(0, colon).trim(), line.slice(colon + 2).trim());
  }
  return out;
}

/** Model and task from the path: <model>/<dataset>/file, or a folder named <model>-<dataset>. */
function modelAndTask(path: string): { model: string; task: string } {
  const parent = basename(dirname(path));
  if (DATASETS.has(parent.toLowerCase())) return { model: basename(dirname(dirname(path))), task: parent };
  const dash = parent.lastIndexOf('-');
  const tail = dash > 0 ? parent.slice(dash + 1) : '';
  if (DATASETS.has(tail.toLowerCase())) return { model: parent.slice(0, dash), task: tail };
  return { model: parent, task: basename(path).replace(/\.(metrics|jsonl)$/, '') };
}

export const toraAdapter: Adapter = {
  dialect: 'tora',
  detect(probe, ctx) {
    if (probe.kind !== 'file') return 0;
    if (probe.name.endsWith('.metrics')) return isMetricsText(ctx.readText(probe.path)?.text ?? '') ? 0.9 : 0;
    if (probe.name.endsWith('.jsonl')) {
      const first = ctx.firstLine(probe.path);
      return /"idx"\s*:/.test(first) && /"(pred|code)"\s*:/.test(first) && /"gt"\s*:/.test(first) ? 0.8 : 0;
    }
    return 0;
  },
  read(probe, ctx) {
    const stem = join(dirname(probe.path), basename(probe.name).replace(/\.(metrics|jsonl)$/, ''));
    const metricsPath = `${stem}.metrics`;
    const outputsPath = `${stem}.jsonl`;
    const { model, task } = modelAndTask(probe.path);
    const run: RunDraft = { model, idHint: `${model}-${task}-tora`, dialect: 'tora', sources: [], tasks: [] };
    const consumed: string[] = [];
    if (ctx.tree.isFile(metricsPath)) {
      const text = ctx.readText(metricsPath)?.text ?? '';
      consumed.push(metricsPath);
      run.sources.push({ path: ctx.rel(metricsPath) });
      if (isMetricsText(text)) run.tasks.push(...tasksOf(fields(text), task, ctx.rel(metricsPath), ctx));
    }
    if (ctx.tree.isFile(outputsPath)) {
      consumed.push(outputsPath);
      run.sources.push({ path: ctx.rel(outputsPath) });
      const examples = readOutputs(outputsPath, ctx);
      if (examples.length) {
        run.examples = { [task]: examples };
        if (!run.tasks.length) run.tasks.push(taskFromExamples(task, examples));
      }
    }
    return { runs: run.sources.length ? [run] : [], consumed };
  },
};

function tasksOf(f: Map<string, string>, task: string, file: string, ctx: ReadContext): TaskResult[] {
  const mean = /^\[([\d.]+)\]$/.exec(f.get('Mean score') ?? '')?.[1];
  const n = Number(f.get('Num samples'));
  const t: TaskResult = { task, primary: 'accuracy', metrics: [{ name: 'accuracy', value: mean === undefined ? null : Number(mean) / 100, higherIsBetter: true, scale: 'fraction' }] };
  if (Number.isInteger(n)) t.numSamples = n;
  const unscorable = Number(f.get('Empty samples') ?? 0) + Number(f.get('Timeout samples') ?? 0);
  if (Number.isInteger(unscorable) && unscorable > 0) t.numUnscorable = unscorable;
  const out = [t];
  // "Type scores: {'Algebra': 66.6, ...}" is a Python dict: single-quoted keys, numbers in percent.
  const types = f.get('Type scores');
  if (types) {
    const parts = [...types.matchAll(/'([^'\n]{1,80})':\s*([\d.]+)/g)];
    if (!parts.length) ctx.problems.warning(file, 'Type scores could not be read', { found: types.slice(0, 60), dialect: 'tora' });
    for (const [, name, value] of parts) out.push({ task: `${task}/${name}`, alias: name!, group: task, primary: 'accuracy', metrics: [{ name: 'accuracy', value: Number(value) / 100, higherIsBetter: true, scale: 'fraction' }] });
    if (parts.length) t.isGroup = true;
  }
  return out;
}

/** Each output line as an example: score[0] when the run scored itself, else numeric equality of pred[0] and gt. */
function readOutputs(path: string, ctx: ReadContext): ExampleRecord[] {
  const out: ExampleRecord[] = [];
  for (const { value } of ctx.readJsonl(path, 'tora') ?? []) {
    if (!isObj(value) || (typeof value.idx !== 'number' && typeof value.idx !== 'string')) continue;
    const pred = Array.isArray(value.pred) ? value.pred[0] : value.pred;
    const gt = value.gt;
    const score = Array.isArray(value.score) ? value.score[0] : undefined;
    const status: ExampleRecord['status'] =
      typeof score === 'boolean' ? (score ? 'correct' : 'incorrect') : pred === null || pred === undefined || pred === '' ? 'unscorable' : sameNumber(pred, gt) ?? 'unlabelled';
    const rec: ExampleRecord = { id: String(value.idx), status };
    if (typeof value.question === 'string') rec.prompt = value.question;
    const code = Array.isArray(value.code) ? value.code[0] : value.code;
    if (typeof code === 'string') rec.response = code;
    if (typeof pred === 'string' || typeof pred === 'number') rec.extracted = String(pred);
    if (typeof gt === 'string' || typeof gt === 'number') rec.reference = String(gt);
    if (status === 'unscorable') rec.reason = 'no answer was extracted';
    out.push(rec);
  }
  return out;
}

function sameNumber(pred: unknown, gt: unknown): 'correct' | 'incorrect' | undefined {
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?[\d,]*\.?\d+$/.test(v.trim()) ? Number(v.trim().replace(/,/g, '')) : undefined);
  const [p, g] = [num(pred), num(gt)];
  if (p === undefined || g === undefined) return undefined;
  return Math.abs(p - g) <= 1e-4 * Math.max(1, Math.abs(g)) ? 'correct' : 'incorrect';
}

function taskFromExamples(task: string, examples: ExampleRecord[]): TaskResult {
  const scored = examples.filter((e) => e.status === 'correct' || e.status === 'incorrect');
  const correct = scored.filter((e) => e.status === 'correct').length;
  return { task, primary: 'accuracy', numSamples: scored.length, metrics: [{ name: 'accuracy', value: scored.length ? correct / scored.length : null, higherIsBetter: true, scale: 'fraction' }] };
}

