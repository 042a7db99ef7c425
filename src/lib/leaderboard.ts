/**
 * Models ranked per task and on average, each score with a 95% interval: from the reported
 * standard error, else a Wilson interval from n for accuracy-like scores.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { metricKey, primaryMetric } from '../../domain/metrics.ts';
import { normalInterval, wilson, type Interval } from './stats/intervals.ts';
import { tiersByGaps } from '../../domain/tiers.ts';
import { slug } from '../../domain/ids.ts';

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
  const byRun = common.map((b) => new Map(b.entries.map((e) => [e.runId, e])));
  const entries = [...runIds].flatMap((id) => {
    const mine = byRun.map((m) => m.get(id)).filter((e): e is Entry => !!e);
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

/**
 * One address per board (`leaderboard/<slug>/`): the task's slug; where a task is ranked by two
 * metrics (gsm8k by strict and by flexible match) the board most runs are on keeps the plain slug
 * and the others add their metric, then a number if still taken.
 */
export function boardSlugs(tasks: TaskBoard[]): Map<TaskBoard, string> {
  const used = new Set<string>(['average']);
  const out = new Map<TaskBoard, string>();
  const order = [...tasks].sort((a, b) => b.entries.length - a.entries.length);
  for (const b of order) {
    const base = used.has(slug(b.task)) ? slug(`${b.task}-${b.metric}`) : slug(b.task);
    let s = base;
    for (let k = 2; used.has(s); k++) s = `${base}-${k}`;
    used.add(s);
    out.set(b, s);
  }
  return out;
}

/** How many task columns the matrix shows; every task has its own page with its full ranking. */
export const MATRIX_COLUMNS = 10;

export interface MatrixRow {
  runId: string;
  model: string;
  variant?: string;
  /** Rank by the average, for runs that cover every averaged task. */
  rank?: number;
  average?: Entry & { covered: number };
  /** One cell per column, in column order. */
  cells: (Entry | undefined)[];
}

export interface Matrix {
  columns: TaskBoard[];
  /** The other tasks, ranked on their own pages only. */
  more: TaskBoard[];
  /** Per column (the average first when there is one): the range its interval bars are drawn on. */
  ranges: { min: number; max: number }[];
  rows: MatrixRow[];
}

/**
 * Runs × tasks: the most-covered tasks as columns, a row per run ranked on any of them, ordered
 * by the average (runs that cover every averaged task first), else by the first column.
 */
export function leaderboardMatrix(boards: { tasks: TaskBoard[]; average?: AverageBoard }, maxColumns = MATRIX_COLUMNS): Matrix {
  const { average } = boards;
  const averaged = new Set(average?.tasks ?? []);
  // Averaged tasks first (they explain the first column), then by how many runs they rank.
  const ordered = [...boards.tasks].sort((a, b) => Number(averaged.has(b.task)) - Number(averaged.has(a.task)));
  const columns = ordered.slice(0, maxColumns);
  const more = ordered.slice(maxColumns);
  const rows = new Map<string, MatrixRow>();
  const rowOf = (e: Entry) => {
    let row = rows.get(e.runId);
    if (!row) {
      row = { runId: e.runId, model: e.model, ...(e.variant ? { variant: e.variant } : {}), cells: columns.map(() => undefined) };
      rows.set(e.runId, row);
    }
    return row;
  };
  average?.entries.forEach((e) => {
    const row = rowOf(e);
    row.average = e;
  });
  let rank = 0;
  for (const row of rows.values()) if (row.average && row.average.covered === average!.tasks.length) row.rank = ++rank;
  columns.forEach((b, c) => b.entries.forEach((e) => (rowOf(e).cells[c] = e)));
  const ranges = [...(average ? [scoreRange(average.entries)] : []), ...columns.map((b) => scoreRange(b.entries))];
  return { columns, more, ranges, rows: [...rows.values()] };
}

/** The span of a ranking's scores and intervals: what its interval bars are drawn on. */
export function scoreRange(entries: Entry[]): { min: number; max: number } {
  const xs = entries.flatMap((e) => [e.value, e.interval?.low ?? e.value, e.interval?.high ?? e.value]);
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

/** Where an entry's interval and score fall on a range, in % (the CSS interval bars). */
export function barPosition(e: Entry, { min, max }: { min: number; max: number }): { lo: number; hi: number; at: number } {
  const x = (v: number) => (max > min ? ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * 100 : 50);
  return { lo: x(e.interval?.low ?? e.value), hi: x(e.interval?.high ?? e.value), at: x(e.value) };
}

/** The rows of a ranking's download: raw values, not the page's formatting. */
export function boardDownload(b: TaskBoard): Record<string, unknown>[] {
  return b.entries.map((e, i) => ({ rank: i + 1, tier: e.tier === undefined ? null : e.tier + 1, model: e.model, variant: e.variant ?? null, run: e.runId, value: e.value, ci_low: e.interval?.low ?? null, ci_high: e.interval?.high ?? null, sampled: e.sampled, scale: b.scale }));
}

export function averageDownload(a: AverageBoard): Record<string, unknown>[] {
  return a.entries.map((e, i) => ({ rank: e.covered === a.tasks.length ? i + 1 : null, model: e.model, variant: e.variant ?? null, run: e.runId, mean: e.value, ci_low: e.interval?.low ?? null, ci_high: e.interval?.high ?? null, tasks_covered: e.covered, sampled: e.sampled }));
}

/** Every ranking in one long table (a row per run and task, the average as task "average"), as pandas likes it. */
export function matrixDownload(boards: { tasks: TaskBoard[]; average?: AverageBoard }): Record<string, unknown>[] {
  const row = (task: string, metric: string, e: Entry) => ({ run: e.runId, model: e.model, variant: e.variant ?? null, task, metric, value: e.value, ci_low: e.interval?.low ?? null, ci_high: e.interval?.high ?? null, sampled: e.sampled });
  return [...(boards.average?.entries.map((e) => row('average', 'mean', e)) ?? []), ...boards.tasks.flatMap((b) => b.entries.map((e) => row(b.task, b.metric, e)))];
}

// Every run page asks which boards it is on: the boards are computed once per set of runs. The
// set is known by its runs' ids and tasks (each page gets a new array of the same runs), so 500
// run pages compute the boards once, not 500 times.
let boardsOf: { key: string; tasks: Map<string, { task: string; slug: string }[]> } | undefined;

/** The rankings this run is on (task and page slug), in the leaderboard's order. */
export function leaderboardTasksOf(runs: NormalizedRun[], runId: string): { task: string; slug: string }[] {
  const key = runs.map((r) => `${r.id}\u0000${r.tasks.length}`).join('\u0001');
  if (boardsOf?.key !== key) {
    const tasks = new Map<string, { task: string; slug: string }[]>();
    const boards = leaderboards(runs).tasks;
    const slugs = boardSlugs(boards);
    for (const b of boards) for (const e of b.entries) tasks.set(e.runId, [...(tasks.get(e.runId) ?? []), { task: b.task, slug: slugs.get(b)! }]);
    boardsOf = { key, tasks };
  }
  return boardsOf.tasks.get(runId) ?? [];
}
