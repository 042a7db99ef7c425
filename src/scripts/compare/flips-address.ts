/**
 * The flips page of the compare view: `?a=<baseline run>&b=<run>&task=<task>` names the two runs and
 * the task; their compare data says where the task's examples are. Ids are checked against the
 * form run ids have before they become part of a URL.
 */
import type { CompareRun } from '../../lib/compare-data.ts';
import { runLabel } from '../../lib/run-distinction.ts';
import { isObj } from '../../../domain/guards.ts';
import { looksLikeRunId } from '../../../domain/ids.ts';

export function flipsParams(search: string): { a: string; b: string; task: string } | undefined {
  const p = new URLSearchParams(search);
  const a = p.get('a') ?? '';
  const b = p.get('b') ?? '';
  const task = p.get('task') ?? '';
  return looksLikeRunId(a) && looksLikeRunId(b) && task ? { a, b, task } : undefined;
}

type FlipsRun = Pick<CompareRun, 'model' | 'variant' | 'tasks'>;
const isFlipsRun = (x: unknown): x is FlipsRun => isObj(x) && Array.isArray(x.tasks) && typeof x.model === 'string';

async function runOf(dataUrl: string, id: string): Promise<FlipsRun> {
  const res = await fetch(`${dataUrl}runs/${id}.json`);
  if (!res.ok) throw new Error(`${id}: HTTP ${res.status}`);
  const run: unknown = await res.json();
  if (!isFlipsRun(run)) throw new Error(`${id}: not a run`);
  return run;
}

export async function flipsFromAddress(dataUrl: string, search: string): Promise<{ indexes: string[]; title: string }> {
  const params = flipsParams(search);
  if (!params) throw new Error('the address names no two runs and task (?a=…&b=…&task=…)');
  const [a, b] = await Promise.all([runOf(dataUrl, params.a), runOf(dataUrl, params.b)]);
  const index = (r: FlipsRun, id: string) => {
    const url = r.tasks.find((t) => t.task === params.task)?.examples?.index;
    if (!url) throw new Error(`${id} has no examples of ${params.task}`);
    return url;
  };
  return { indexes: [index(a, params.a), index(b, params.b)], title: `${params.task}: ${runLabel(a)} → ${runLabel(b)}` };
}
