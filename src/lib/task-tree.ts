/** Orders a run's tasks as a tree (lm-eval groups, MMLU categories) for collapsible display. */
import type { TaskResult } from '../../schemas/types.gen.ts';

export interface TaskRow {
  task: TaskResult;
  depth: number;
  /** Task name of the parent row, when the parent is in this run. */
  parent?: string;
  childCount: number;
}

export function taskTree(tasks: TaskResult[]): TaskRow[] {
  const names = new Set(tasks.map((t) => t.task));
  const children = new Map<string, TaskResult[]>();
  const roots: TaskResult[] = [];
  for (const t of tasks) {
    if (t.group && names.has(t.group) && t.group !== t.task) children.set(t.group, [...(children.get(t.group) ?? []), t]);
    else roots.push(t);
  }
  const out: TaskRow[] = [];
  const seen = new Set<string>();
  const walk = (t: TaskResult, depth: number, parent?: string) => {
    if (seen.has(t.task)) return;
    seen.add(t.task);
    const kids = children.get(t.task) ?? [];
    out.push({ task: t, depth, ...(parent ? { parent } : {}), childCount: kids.length });
    for (const k of kids) walk(k, depth + 1, t.task);
  };
  for (const r of roots) walk(r, 0);
  return out;
}
