/** The variants × tasks table of a study: primary metric per cell, best per row, delta vs baseline. */
import type { Metric, NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { metricKey, primaryMetric } from '../../domain/metrics.ts';

export interface StudyCell {
  metric?: Metric;
  best: boolean;
  /** value - baseline value, when both exist. */
  delta?: number;
}

export interface StudyRow {
  task: string;
  metricLabel: string;
  cells: StudyCell[];
}

export function studyTable(study: NormalizedStudy, runsById: Map<string, NormalizedRun>): { columns: { name: string; runId: string; isBaseline: boolean }[]; rows: StudyRow[] } {
  // Baseline first: every other column reads as a change from it.
  const columns = study.variants.map((v) => ({ name: v.name, runId: v.runId, isBaseline: v.runId === study.baseline })).sort((a, b) => Number(b.isBaseline) - Number(a.isBaseline));
  const runs = columns.map((c) => runsById.get(c.runId));
  const tasks: string[] = [];
  for (const r of runs) for (const t of r?.tasks ?? []) if (!tasks.includes(t.task)) tasks.push(t.task);
  const baseIndex = Math.max(0, columns.findIndex((c) => c.isBaseline));
  const rows = tasks.map((task) => {
    const metrics = runs.map((r) => {
      const t = r?.tasks.find((x) => x.task === task);
      return t ? primaryMetric(t) : undefined;
    });
    // Compare like with like: the metric of the baseline (or first present) defines the row.
    const ref = metrics[baseIndex] ?? metrics.find(Boolean);
    const same = metrics.map((m) => (m && ref && metricKey(m) === metricKey(ref) ? m : undefined));
    const values = same.map((m) => m?.value ?? null);
    const present = values.filter((v): v is number => v !== null);
    const higher = ref?.higherIsBetter ?? true;
    // A star only where one variant is ahead: ties mark nothing.
    const bestValue = present.length > 1 && new Set(present).size > 1 ? (higher ? Math.max(...present) : Math.min(...present)) : undefined;
    const baseValue = values[baseIndex];
    return {
      task,
      metricLabel: ref ? metricKey(ref) : '',
      cells: same.map((m, i) => {
        const cell: StudyCell = { best: bestValue !== undefined && values[i] === bestValue };
        if (m) cell.metric = m;
        if (m && m.value !== null && baseValue !== null && baseValue !== undefined && i !== baseIndex) cell.delta = m.value - baseValue;
        return cell;
      }),
    };
  });
  return { columns, rows };
}
