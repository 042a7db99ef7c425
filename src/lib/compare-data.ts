/**
 * What the compare page loads: a small index of every run (to pick from, by model, variant, folder
 * or id) and one file per run with what a comparison needs (its tasks and metrics, where its
 * examples are, its settings and environment). Built from content/ at build time; the page
 * fetches only the runs it compares, so it stays fast at hundreds of runs.
 */
import type { NormalizedRun, TaskResult } from '../../schemas/types.gen.ts';
import type { ComparableRun } from './comparability.ts';
import { distinguishers } from './run-distinction.ts';
import { byModelAndVariant } from './natural-order.ts';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 8;

export interface CompareIndexEntry {
  id: string;
  model: string;
  variant?: string;
  /** The folder or file that tells it from runs of the same model and variant. */
  where?: string;
  dialect: NormalizedRun['dialect'];
  timestamp?: string;
  tasks: number;
  /** Tasks with per-example records: those can be compared with paired tests. */
  withExamples: number;
  illustrative?: boolean;
}

export interface CompareRun extends ComparableRun, Pick<NormalizedRun, 'id' | 'model' | 'variant' | 'quantization' | 'timestamp' | 'status' | 'example'> {
  where?: string;
  /** Tasks with `examples.index` a URL the browser can fetch. */
  tasks: TaskResult[];
}

export function compareIndex(runs: NormalizedRun[]): CompareIndexEntry[] {
  const where = distinguishers(runs);
  return [...runs].sort(byModelAndVariant).map((r) => ({
    id: r.id,
    model: r.model,
    ...(r.variant && r.variant !== r.model ? { variant: r.variant } : {}),
    ...(where.has(r.id) ? { where: where.get(r.id)! } : {}),
    dialect: r.dialect,
    ...(r.timestamp ? { timestamp: r.timestamp } : {}),
    tasks: r.tasks.length,
    withExamples: r.tasks.filter((t) => t.examples).length,
    ...(r.example?.illustrative ? { illustrative: true } : {}),
  }));
}

/** One run's comparison data; `exampleUrl` turns a content/examples path into a fetchable URL. */
export function compareRun(run: NormalizedRun, where: string | undefined, exampleUrl: (path: string) => string): CompareRun {
  const pick = <K extends keyof NormalizedRun>(k: K) => (run[k] === undefined ? {} : { [k]: run[k] });
  return {
    id: run.id,
    model: run.model,
    dialect: run.dialect,
    ...pick('variant'),
    ...pick('quantization'),
    ...pick('timestamp'),
    ...pick('status'),
    ...pick('example'),
    ...pick('sampling'),
    ...pick('settings'),
    ...pick('environment'),
    ...(where ? { where } : {}),
    tasks: run.tasks.map((t) => (t.examples ? { ...t, examples: { ...t.examples, index: exampleUrl(t.examples.index) } } : t)),
  };
}
