/**
 * Sampled lm-eval runs by explicit, seeded document indices (lm-eval's `--samples`, 0.4.9+), not
 * `--limit`, which takes the first documents of each task. The indices need each task's document
 * count, which only the user's lm-eval knows (task groups such as mmlu expand to subtasks, datasets
 * come from the hub): a short Python step in the serving environment counts them. Each subtask is
 * sampled on its own, so a group keeps every subtask's share (stratified by subtask).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { sample, type SamplePlan } from './sampling.ts';
import { FailureError } from '../lib/cli.ts';
import { isObj } from '../../domain/guards.ts';

/** Where a sampled lm-eval step keeps its seeded document indices (passed as --samples). */
export const SELECTION_FILE = 'selected_docs.json';

export class DocCountError extends FailureError {
  constructor(message: string) {
    super(message, 'ELMEVAL');
  }
}

/** Prints {"task": number of evaluation documents} for every leaf task of the given names. */
export const DOC_COUNT_SCRIPT = `import json, sys
from lm_eval.tasks import TaskManager, get_task_dict
counts = {}
def walk(d):
    for key, value in d.items():
        if isinstance(value, dict):
            walk(value)
        elif value is not None:
            name = getattr(getattr(value, "config", None), "task", None) or str(key)
            counts[name] = len(list(value.eval_docs))
walk(get_task_dict(sys.argv[1].split(","), TaskManager()))
print(json.dumps(counts))`;

/** Document counts per leaf task, from lm-eval in `python`'s environment. */
export function lmEvalDocCounts(python: string, tasks: string[]): Map<string, number> {
  const r = spawnSync(python, ['-c', DOC_COUNT_SCRIPT, tasks.join(',')], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    parsed = undefined;
  }
  if (r.status !== 0 || !isObj(parsed)) {
    const why = r.error ? r.error.message : (r.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    throw new DocCountError(`cannot count the documents of ${tasks.join(', ')} with ${python} (needed for seeded --samples): ${why || 'no output'}. Set server.python to the Python where lm-eval is installed.`);
  }
  const counts = new Map<string, number>();
  for (const [task, n] of Object.entries(parsed)) if (typeof n === 'number' && Number.isInteger(n) && n >= 0) counts.set(task, n);
  if (!counts.size) throw new DocCountError(`lm-eval found no documents for ${tasks.join(', ')}`);
  return counts;
}

/**
 * Seeded document indices per task (sorted), the plan's fraction or count of each task's documents
 * (a count applies per task, as lm-eval's --limit does).
 */
export function seededDocIndices(counts: Map<string, number>, plan: SamplePlan, seed: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [task, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const docs = Array.from({ length: n }, (_, i) => ({ i }));
    const plain: SamplePlan = { ...(plan.count !== undefined ? { count: plan.count } : {}), ...(plan.fraction !== undefined ? { fraction: plan.fraction } : {}) };
    out.set(task, sample(docs, plain, seed).map((d) => d.i));
  }
  return out;
}

/** The selection a previous pass wrote, so a resumed run asks the same documents. */
export function readSelection(path: string): Map<string, number[]> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObj(v)) return undefined;
    const out = new Map<string, number[]>();
    for (const [task, xs] of Object.entries(v)) if (Array.isArray(xs) && xs.every((x) => Number.isInteger(x))) out.set(task, xs);
    return out.size ? out : undefined;
  } catch {
    return undefined;
  }
}
