/**
 * Per-question JSONL with one object per model beside the question, as OpenAI's grade-school-math
 * example solutions: `{question, ground_truth, <model>: {is_correct, solution}, ...}`. Each model
 * becomes a run with per-example results on the task, which makes this real multi-model data for
 * rankings and sampled evaluation.
 */
import { basename, dirname } from 'node:path';
import type { Adapter, RunDraft } from '../adapter.ts';
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { isObj, type Obj } from '../../../domain/guards.ts';


function modelKeys(line: unknown): string[] {
  if (!isObj(line) || typeof line.question !== 'string') return [];
  return Object.keys(line).filter((k) => isObj(line[k]) && typeof (line[k] as Obj).is_correct === 'boolean');
}

/** Final answer after "A:" or "####" (GSM8K solution styles). */
function finalAnswer(text: string): string | null {
  const m = /(?:^|\n)\s*(?:A:|####)\s*([^\n]+)\s*$/.exec(text.trim());
  return m ? m[1]!.trim() : null;
}

function taskName(path: string): string {
  const hay = `${dirname(path)}/${basename(path)}`.toLowerCase();
  for (const t of ['gsm8k', 'math', 'mmlu', 'arc', 'hellaswag']) if (hay.includes(t)) return t;
  return basename(path).replace(/\.jsonl$/, '');
}

export const perModelJsonlAdapter: Adapter = {
  dialect: 'per-model-jsonl',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !probe.name.endsWith('.jsonl')) return 0;
    const first = ctx.firstLine(probe.path);
    try {
      return modelKeys(JSON.parse(first)).length >= 1 ? 0.85 : 0;
    } catch {
      return 0;
    }
  },
  read(probe, ctx) {
    const lines = ctx.readJsonl(probe.path, 'per-model-jsonl') ?? [];
    const task = taskName(probe.path);
    const perModel = new Map<string, ExampleRecord[]>();
    lines.forEach(({ value }, i) => {
      if (!isObj(value)) return;
      const reference = typeof value.ground_truth === 'string' ? (finalAnswer(value.ground_truth) ?? value.ground_truth) : typeof value.answer === 'string' ? value.answer : undefined;
      for (const model of modelKeys(value)) {
        const m = value[model] as Obj;
        const solution = typeof m.solution === 'string' ? m.solution : '';
        const rec: ExampleRecord = { id: String(value.id ?? value.idx ?? i), status: m.is_correct ? 'correct' : 'incorrect', prompt: value.question as string, response: solution };
        if (reference !== undefined) rec.reference = reference;
        const extracted = finalAnswer(solution);
        if (extracted !== null) {
          rec.extracted = extracted;
          const at = solution.lastIndexOf(extracted);
          if (at >= 0) rec.extractedSpan = [at, at + extracted.length];
        }
        // Appended in place: copying the list per line made 60,000 lines take minutes.
        const list = perModel.get(model);
        if (list) list.push(rec);
        else perModel.set(model, [rec]);
      }
    });
    const runs: RunDraft[] = [...perModel].map(([model, examples]) => {
      const correct = examples.filter((e) => e.status === 'correct').length;
      return {
        model,
        idHint: `${model}-${task}`,
        dialect: 'per-model-jsonl',
        sources: [{ path: probe.rel }],
        tasks: [{ task, primary: 'accuracy', numSamples: examples.length, metrics: [{ name: 'accuracy', value: correct / examples.length, higherIsBetter: true, scale: 'fraction' }] }],
        examples: { [task]: examples },
      };
    });
    return { runs };
  },
};
