/**
 * Models ranked per task and on average, each score with a 95% interval: from the reported
 * standard error, else a Wilson interval from n for accuracy-like scores.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { metricKey, primaryMetric } from '../../domain/metrics.ts';
import { normalInterval, wilson, type Interval } from './stats/intervals.ts';
import { tiersByGaps } from '../../domain/tiers.ts';

export interface Entry {
  runId: string;
  model: string;
  variant?: string;
  value: number;
  interval?: Interval;
  se?: number;
  sampled: boolean;
  example: boolean;
  /** 0 = top tier: a new tier starts where neighbours' intervals separate (needs a standard error). */
  tier?: number;
}

export interface TaskBoard {
  task: string;
  metric: string;
  higherIsBetter: boolean;
  scale: 'fraction' | 'percent' | 'raw';
  entries: Entry[];
}

export interface AverageBoard {
  tasks: string[];
  entries: (Entry & { covered: number })[];
}

export function leaderboards(runs: NormalizedRun[]): { tasks: TaskBoard[]; average?: AverageBoard } {
  const boards = new Map<string, TaskBoard>();
  for (const run of runs) {
    for (const t of run.tasks) {
      if (t.isGroup && t.group) continue;
      const m = primaryMetric(t);
      if (!m || m.value === null) continue;
      const key = `${t.task}|${metricKey(m)}`;
      const board = boards.get(key) ?? { task: t.task, metric: metricKey(m), higherIsBetter: m.higherIsBetter ?? true, scale: m.scale ?? 'raw', entries: [] };
      const e: Entry = { runId: run.id, model: run.model, value: m.value, sampled: !!run.sampling, example: !!run.example, ...(run.variant && run.variant !== run.model ? { variant: run.variant } : {}) };
      if (typeof m.stderr === 'number' && m.stderr > 0) {
        e.se = m.stderr;
        e.interval = normalInterval(m.value, m.stderr);
      } else if (m.scale === 'fraction' && t.numSamples) {
        e.interval = wilson(Math.round(m.value * t.numSamples), t.numSamples);
        e.se = Math.sqrt((m.value * (1 - m.value)) / t.numSamples);
      }
      board.entries.push(e);
      boards.set(key, board);
    }
  }
  const tasks = [...boards.values()].filter((b) => b.entries.length >= 2);
  for (const b of tasks) {
    b.entries.sort((x, y) => (b.higherIsBetter ? y.value - x.value : x.value - y.value));
    assignTiers(b.entries, b.higherIsBetter);
  }
  tasks.sort((a, b) => b.entries.length - a.entries.length || a.task.localeCompare(b.task));

  // Average over accuracy-like tasks that at least half of the ranked runs have.
  const fractionBoards = tasks.filter((b) => b.scale === 'fraction' && b.higherIsBetter);
  const runIds = new Set(fractionBoards.flatMap((b) => b.entries.map((e) => e.runId)));
  const common = fractionBoards.filter((b) => b.entries.length >= Math.max(2, runIds.size / 2));
  if (common.length < 2) return { tasks };
  const entries = [...runIds].flatMap((id) => {
    const mine = common.map((b) => b.entries.find((e) => e.runId === id)).filter((e): e is Entry => !!e);
    if (!mine.length) return [];
    const value = mine.reduce((s, e) => s + e.value, 0) / mine.length;
    const ses = mine.map((e) => e.se);
    const se = ses.every((s) => s !== undefined) ? Math.sqrt(ses.reduce((s, x) => s + x! * x!, 0)) / mine.length : undefined;
    const first = mine[0]!;
    return [{ ...first, value, covered: mine.length, ...(se !== undefined ? { se, interval: normalInterval(value, se) } : { interval: undefined }) }];
  });
  // Runs that cover every task first, then by score.
  entries.sort((a, b) => b.covered - a.covered || b.value - a.value);
  assignTiers(entries.filter((e) => e.covered === common.length), true);
  return { tasks, average: { tasks: common.map((b) => b.task), entries } };
}

/** Tiers by separated intervals among the entries that have a standard error (others get none). */
function assignTiers(entries: Entry[], higherIsBetter: boolean): void {
  const known = entries.filter((e) => e.se !== undefined);
  if (known.length < 2) return;
  const t = tiersByGaps(known.map((e) => ({ score: higherIsBetter ? e.value : -e.value, se: e.se! })));
  known.forEach((e, i) => (e.tier = t[i]));
}

// Every run page asks which boards it is on: the boards are computed once per set of runs.
let boardsOf: { runs: NormalizedRun[]; tasks: Map<string, string[]> } | undefined;

/** The tasks whose leaderboard ranks this run, in the leaderboard's order. */
export function leaderboardTasksOf(runs: NormalizedRun[], runId: string): string[] {
  if (boardsOf?.runs !== runs) {
    const tasks = new Map<string, string[]>();
    for (const b of leaderboards(runs).tasks) for (const e of b.entries) tasks.set(e.runId, [...(tasks.get(e.runId) ?? []), b.task]);
    boardsOf = { runs, tasks };
  }
  return [...new Set(boardsOf.tasks.get(runId) ?? [])];
}
