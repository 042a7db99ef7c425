/**
 * The compare page's numbers, free of DOM and worker plumbing: the first run is the baseline, each
 * other run is compared with it task by task on the baseline's primary metric, exactly as a study
 * compares its variants (paired tests where both runs have examples, Holm across each run's tasks).
 */
import type { Interval, Metric, TaskComparison, TaskResult } from '../../../schemas/types.gen.ts';
import { metricKey, primaryMetric } from '../../../domain/metrics.ts';
import { compareRunTasks, finishComparisons, type ExamplesOf } from '../../lib/stats/compare.ts';
import { differences, type DifferenceKind } from '../../lib/comparability.ts';
import { stderrFromN } from '../../lib/format.ts';
import { normalInterval } from '../../lib/stats/intervals.ts';
import type { CompareRun } from '../../lib/compare-data.ts';

export interface CompareCell {
  metric: Metric;
  /** 95% interval from the reported standard error, or the binomial one from n. */
  interval?: Interval;
  stderrComputed: boolean;
  n?: number;
  hasExamples: boolean;
}

export interface CompareRow {
  task: string;
  isGroup: boolean;
  /** The metric compared: the baseline's primary metric of the task (else the first run's that has it). */
  metric: Metric;
  /** One per run, in the order of the runs; undefined where the run lacks the task or metric. */
  cells: (CompareCell | undefined)[];
  /** One per run; undefined for the baseline and where there was nothing to compare. */
  comparisons: (TaskComparison | undefined)[];
}

export interface EnvironmentRow {
  field: string;
  kind: DifferenceKind;
  /** One per run: what the run has ('—' when nothing). */
  values: string[];
}

export interface CompareResult {
  rows: CompareRow[];
  environment: EnvironmentRow[];
}

function cellOf(task: TaskResult, metric: Metric): CompareCell | undefined {
  const m = task.metrics.find((x) => metricKey(x) === metricKey(metric));
  if (!m) return undefined;
  const computed = stderrFromN(m, task.numSamples);
  const se = typeof m.stderr === 'number' ? m.stderr : computed;
  const cell: CompareCell = { metric: m, stderrComputed: computed !== undefined, hasExamples: !!task.examples };
  if (m.value !== null && se !== undefined) cell.interval = normalInterval(m.value, se);
  if (task.numSamples !== undefined) cell.n = task.numSamples;
  return cell;
}

export function compareModel(runs: CompareRun[], examplesOf?: ExamplesOf): CompareResult {
  const [base] = runs;
  if (!base) return { rows: [], environment: [] };
  // Rows: the baseline's tasks in its order, then tasks only other runs have.
  const order: string[] = [];
  const seen = new Set<string>();
  for (const r of runs) {
    for (const t of r.tasks) {
      if (seen.has(t.task)) continue;
      seen.add(t.task);
      order.push(t.task);
    }
  }
  const taskMaps = runs.map((r) => new Map(r.tasks.map((t) => [t.task, t])));
  const finished = runs.map((r, i) => (i === 0 ? new Map<string, TaskComparison>() : new Map(finishComparisons(compareRunTasks(base, r, examplesOf), 'holm').map((c) => [c.task, c]))));
  const rows: CompareRow[] = [];
  for (const task of order) {
    const owner = taskMaps.find((m) => m.has(task) && primaryMetric(m.get(task)!));
    const metric = owner && primaryMetric(owner.get(task)!);
    if (!metric) continue;
    rows.push({
      task,
      isGroup: !!owner.get(task)!.isGroup,
      metric,
      cells: taskMaps.map((m) => {
        const t = m.get(task);
        return t && cellOf(t, metric);
      }),
      comparisons: finished.map((m) => m.get(task)),
    });
  }
  return { rows, environment: environmentRows(runs) };
}

/** Settings and environment that differ from the baseline in any run, with every run's value. */
export function environmentRows(runs: CompareRun[]): EnvironmentRow[] {
  const [base, ...others] = runs;
  if (!base) return [];
  const byField = new Map<string, EnvironmentRow>();
  others.forEach((r, j) => {
    for (const d of differences(base, r)) {
      let row = byField.get(d.field);
      if (!row) byField.set(d.field, (row = { field: d.field, kind: d.kind, values: runs.map(() => '') }));
      row.values[0] = d.baseline;
      row.values[j + 1] = d.variant;
    }
  });
  // A run that did not differ on a field has the baseline's value.
  for (const row of byField.values()) row.values = row.values.map((v) => v || row.values[0]!);
  return [...byField.values()].sort((a, b) => Number(b.kind === 'invalidates') - Number(a.kind === 'invalidates'));
}

/** Index URLs worth fetching: a task's, when the baseline and at least one other run have its examples. */
export function pairableIndexes(runs: CompareRun[]): string[] {
  const [base, ...others] = runs;
  if (!base) return [];
  const urls = new Set<string>();
  for (const bt of base.tasks) {
    if (!bt.examples) continue;
    const partners = others.map((r) => r.tasks.find((t) => t.task === bt.task)?.examples?.index).filter((u): u is string => !!u);
    if (!partners.length) continue;
    urls.add(bt.examples.index);
    for (const u of partners) urls.add(u);
  }
  return [...urls];
}
