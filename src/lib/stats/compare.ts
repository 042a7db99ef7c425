/**
 * Variant-vs-baseline comparison of one task: the change, its 95% interval, a p-value and a verdict,
 * all from one set of examples and one test (see score-tests.ts), with the method named:
 * - both runs have per-example results on the row's own metric: pair them by id, keep the pairs
 *   both runs could score, and compare on those (McNemar/Tango for 0/1 outcomes, a seeded paired
 *   bootstrap for continuous scores); the scores shown are the paired set's, the reported ones kept
 *   beside them; unscorable examples are left out, and a sensitivity line counts them wrong;
 * - otherwise reported standard errors (Wald), else accuracy-like scores with n on both sides
 *   (Miettinen–Nurminen), else nothing to test with.
 * Verdicts come from the adjusted interval, which excludes 0 exactly when the adjusted p is below
 * 0.05, so the two can never disagree.
 */
import type { ComparisonMethod, ExampleRecord, Interval, Metric, NormalizedRun, TaskComparison, TaskResult, Verdict } from '../../../schemas/types.gen.ts';
import { metricKey, primaryMetric } from '../../../domain/metrics.ts';
import { diffSe, holm } from './intervals.ts';
import { benjaminiHochberg, independentProportionsTest, pairedBinaryTest, pairedBootstrapTest, standardErrorTest, type TestResult } from './score-tests.ts';

// The shapes are declared once, in schemas/task-comparison.schema.json.
export type { ComparisonMethod as Method, TaskComparison, Verdict };

export const ALPHA = 0.05;
export type Adjustment = 'holm' | 'bh';

export interface PairedExamples {
  baseline: ExampleRecord[];
  variant: ExampleRecord[];
}

/** A comparison before the multiple-comparison adjustment, with its test kept to re-derive intervals. */
export interface PendingComparison {
  row: TaskComparison;
  test?: TestResult;
  /** Multiplies the metric's unit onto the test's scale (percent metrics: 100). */
  unit: number;
}

/** Compares one task on the baseline's primary metric; undefined when either score is missing. */
export function compareTask(base: TaskResult, variant: TaskResult, baseMetric: Metric, variantMetric: Metric, paired?: PairedExamples): PendingComparison | undefined {
  if (baseMetric.value === null || variantMetric.value === null) return undefined;
  const higher = baseMetric.higherIsBetter ?? true;
  const unit = baseMetric.scale === 'percent' ? 100 : 1;
  const row: TaskComparison = {
    task: base.task,
    metric: baseMetric,
    family: base.isGroup ? 'group' : 'task',
    baseline: baseMetric.value,
    variant: variantMetric.value,
    delta: variantMetric.value - baseMetric.value,
    relative: null,
    gain: 0,
    method: 'none',
    verdict: 'unknown',
    significant: false,
  };
  let test: TestResult | undefined;
  const pairs = paired && pairedValues(paired, baseMetric.name);
  if (pairs) {
    test = pairs.binary ? pairedBinaryTest(pairs.up, pairs.down, pairs.base.length) : pairedBootstrapTest(pairs.base, pairs.variant);
    row.reported = { baseline: baseMetric.value, variant: variantMetric.value };
    row.baseline = (mean(pairs.base) ?? 0) * unit;
    row.variant = (mean(pairs.variant) ?? 0) * unit;
    row.n = { paired: pairs.base.length, baseline: pairs.baseCount, variant: pairs.variantCount, unscorable: pairs.unscorable };
    if (pairs.binary) row.n.discordant = [pairs.down, pairs.up];
    if (pairs.sensitivity) {
      const s = pairedBinaryTest(pairs.sensitivity.up, pairs.sensitivity.down, pairs.sensitivity.n);
      const ci = s.interval(1 - ALPHA);
      row.sensitivity = { delta: s.estimate * unit, p: s.p, interval: { low: ci.low * unit, high: ci.high * unit } };
    }
  } else if (isNum(baseMetric.stderr) && isNum(variantMetric.stderr) && (baseMetric.stderr > 0 || variantMetric.stderr > 0)) {
    test = standardErrorTest((variantMetric.value - baseMetric.value) / unit, diffSe(baseMetric.stderr, variantMetric.stderr) / unit);
  } else if (baseMetric.scale !== 'raw' && base.numSamples && variant.numSamples) {
    const p1 = baseMetric.value / unit;
    const p2 = variantMetric.value / unit;
    if (p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) {
      test = independentProportionsTest(Math.round(p1 * base.numSamples), base.numSamples, Math.round(p2 * variant.numSamples), variant.numSamples);
      row.n = { baseline: base.numSamples, variant: variant.numSamples };
    }
  }
  row.delta = row.variant - row.baseline;
  row.relative = row.baseline !== 0 ? row.delta / Math.abs(row.baseline) : null;
  row.gain = higher ? row.delta : -row.delta;
  const seq = variant.sequential;
  if (seq && baseMetric.scale !== 'raw') {
    // The variant stopped once decided (collect --until-decided): a fixed-sample test on the
    // answers it has would ignore that the stopping looked at them. The anytime-valid interval
    // stands as the interval (already at the sequence's own level, not adjusted again).
    const interval = { low: seq.interval.low * unit, high: seq.interval.high * unit };
    row.method = 'confidence-sequence';
    row.sequential = seq;
    row.n = { paired: seq.n };
    if (seq.discordant) row.n.discordant = [seq.discordant[0]!, seq.discordant[1]!];
    row.interval = interval;
    row.intervalAdjusted = interval;
    row.significant = interval.low > 0 || interval.high < 0;
    row.verdict = verdictOf(row);
    return { row, unit };
  }
  if (test) {
    row.method = test.method;
    row.p = test.p;
    const ci = test.interval(1 - ALPHA);
    row.interval = { low: ci.low * unit, high: ci.high * unit };
  }
  return { row, ...(test ? { test } : {}), unit };
}

/** Per-example records of a task, where the caller has them (read from content/ at build time, fetched in the browser). */
export type ExamplesOf = (task: TaskResult) => ExampleRecord[] | undefined;

/** Compares every task the two runs share, on the baseline's primary metric, paired where both have examples. */
export function compareRunTasks(base: Pick<NormalizedRun, 'tasks'>, variant: Pick<NormalizedRun, 'tasks'>, examplesOf: ExamplesOf = () => undefined): PendingComparison[] {
  const out: PendingComparison[] = [];
  const variantTasks = new Map(variant.tasks.map((t) => [t.task, t]));
  for (const bt of base.tasks) {
    const vt = variantTasks.get(bt.task);
    const bm = primaryMetric(bt);
    if (!vt || !bm) continue;
    const vm = vt.metrics.find((m) => metricKey(m) === metricKey(bm));
    if (!vm) continue;
    const be = examplesOf(bt);
    const ve = be && examplesOf(vt);
    const c = compareTask(bt, vt, bm, vm, be && ve ? { baseline: be, variant: ve } : undefined);
    if (c) out.push(c);
  }
  return out;
}

interface PairedValues {
  base: number[];
  variant: number[];
  binary: boolean;
  /** Pairs wrong in the baseline and right in the variant, and the reverse (0/1 outcomes). */
  up: number;
  down: number;
  baseCount: number;
  variantCount: number;
  /** [baseline, variant]: pairs dropped because that run could not score the example. */
  unscorable: number[];
  /** Counts with unscorable examples taken as wrong, when any were dropped. */
  sensitivity?: { up: number; down: number; n: number };
}

/**
 * Pairs the two runs' examples by id on one metric. A task whose records carry per-example metrics
 * is paired on that metric only (its status may come from another one); records without metrics
 * are paired on their status (correct 1, incorrect 0). Fewer than 2 pairs: not paired.
 */
export function pairedValues(p: PairedExamples, metric: string): PairedValues | undefined {
  const valueOf = readerFor(p, metric);
  if (!valueOf) return undefined;
  const baseById = new Map<string, ExampleRecord>();
  for (const r of p.baseline) baseById.set(r.id, r);
  const base: number[] = [];
  const variant: number[] = [];
  let up = 0;
  let down = 0;
  let binary = true;
  const unscorable = [0, 0];
  const sens = { up: 0, down: 0, n: 0 };
  for (const v of p.variant) {
    const a = baseById.get(v.id);
    if (!a) continue;
    const av = valueOf(a);
    const vv = valueOf(v);
    if (av === undefined && vv === undefined) continue;
    // Sensitivity: an unscorable example counts as wrong.
    const as = av ?? (a.status === 'unscorable' ? 0 : undefined);
    const vs = vv ?? (v.status === 'unscorable' ? 0 : undefined);
    if (as !== undefined && vs !== undefined && (as === 0 || as === 1) && (vs === 0 || vs === 1)) {
      sens.n++;
      if (as === 0 && vs === 1) sens.up++;
      if (as === 1 && vs === 0) sens.down++;
    }
    if (av === undefined || vv === undefined) {
      if (av === undefined && a.status === 'unscorable') unscorable[0]!++;
      if (vv === undefined && v.status === 'unscorable') unscorable[1]!++;
      continue;
    }
    base.push(av);
    variant.push(vv);
    if ((av !== 0 && av !== 1) || (vv !== 0 && vv !== 1)) binary = false;
    else if (av === 0 && vv === 1) up++;
    else if (av === 1 && vv === 0) down++;
  }
  if (base.length < 2) return undefined;
  const out: PairedValues = {
    base,
    variant,
    binary,
    up,
    down,
    baseCount: p.baseline.filter((r) => valueOf(r) !== undefined).length,
    variantCount: p.variant.filter((r) => valueOf(r) !== undefined).length,
    unscorable,
  };
  if (binary && (unscorable[0]! > 0 || unscorable[1]! > 0)) out.sensitivity = sens;
  return out;
}

function readerFor(p: PairedExamples, metric: string): ((r: ExampleRecord) => number | undefined) | undefined {
  const withMetrics = (rs: ExampleRecord[]) => rs.some((r) => r.metrics && Object.keys(r.metrics).length > 0);
  if (withMetrics(p.baseline) || withMetrics(p.variant)) {
    const has = (rs: ExampleRecord[]) => rs.some((r) => isNum(r.metrics?.[metric]));
    if (!has(p.baseline) || !has(p.variant)) return undefined;
    return (r) => {
      const v = r.metrics?.[metric];
      return isNum(v) ? v : undefined;
    };
  }
  return (r) => (r.status === 'correct' ? 1 : r.status === 'incorrect' ? 0 : undefined);
}

function mean(xs: number[]): number | undefined {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : undefined;
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Adjusts p across the rows of one variant, tasks and groups as separate families, and derives each
 * row's adjusted interval and verdict from the same test: the interval at level 1 - 0.05 p / pAdjusted
 * excludes 0 exactly when pAdjusted < 0.05.
 */
export function finishComparisons(pending: PendingComparison[], adjust: Adjustment = 'holm'): TaskComparison[] {
  for (const family of ['task', 'group'] as const) {
    const tested = pending.filter((c) => c.row.family === family && c.test);
    const ps = tested.map((c) => c.test!.p);
    const adjusted = tested.length >= 2 ? (adjust === 'bh' ? benjaminiHochberg(ps) : holm(ps)) : ps;
    tested.forEach((c, i) => {
      const t = c.test!;
      const pAdj = adjusted[i]!;
      if (tested.length >= 2) c.row.pAdjusted = pAdj;
      const gamma = pAdj > 0 ? (ALPHA * t.p) / pAdj : ALPHA;
      const ci: Interval = t.interval(1 - gamma);
      c.row.intervalAdjusted = { low: ci.low * c.unit, high: ci.high * c.unit };
      c.row.significant = ci.low > 0 || ci.high < 0;
      c.row.verdict = verdictOf(c.row);
    });
  }
  return pending.map((c) => c.row);
}

function verdictOf(row: TaskComparison): Verdict {
  if (!row.intervalAdjusted) return 'unknown';
  if (!row.significant) return 'within-noise';
  const higher = row.metric.higherIsBetter ?? true;
  const better = row.intervalAdjusted.low > 0 === higher;
  return better ? 'better' : 'worse';
}
