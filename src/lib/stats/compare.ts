/**
 * Variant-vs-baseline comparison of one task: the delta, its 95% interval, a p-value and a verdict,
 * with the method that produced them. The best method the data allows is used:
 * paired per-example results (McNemar for 0/1 outcomes, paired bootstrap otherwise) >
 * reported standard errors > a binomial standard error from n > nothing.
 */
import type { ComparisonMethod, ExampleRecord, Metric, TaskComparison, TaskResult, Verdict } from '../../../schemas/types.gen.ts';
import { binomialSe, diffSe, holm, mcnemarExact, normalInterval, pairedBootstrap, zPValue, Z95 } from './intervals.ts';

// The shapes are declared once, in schemas/task-comparison.schema.json.
export type { ComparisonMethod as Method, TaskComparison, Verdict };

export interface PairedExamples {
  baseline: ExampleRecord[];
  variant: ExampleRecord[];
}

const ALPHA = 0.05;

/** Compares one task; `paired` is given when both runs have per-example records. */
export function compareTask(base: TaskResult, variant: TaskResult, baseMetric: Metric, variantMetric: Metric, paired?: PairedExamples): TaskComparison | undefined {
  if (baseMetric.value === null || variantMetric.value === null) return undefined;
  const higher = baseMetric.higherIsBetter ?? true;
  const delta = variantMetric.value - baseMetric.value;
  const c: TaskComparison = {
    task: base.task,
    metric: baseMetric,
    baseline: baseMetric.value,
    variant: variantMetric.value,
    delta,
    relative: baseMetric.value !== 0 ? delta / Math.abs(baseMetric.value) : null,
    gain: higher ? delta : -delta,
    method: 'none',
    verdict: 'unknown',
  };
  const pairedResult = paired && pairedTest(paired);
  if (pairedResult) {
    Object.assign(c, pairedResult);
  } else if (isNum(baseMetric.stderr) && isNum(variantMetric.stderr) && (baseMetric.stderr > 0 || variantMetric.stderr > 0)) {
    const se = diffSe(baseMetric.stderr, variantMetric.stderr);
    c.interval = normalInterval(delta, se);
    c.p = zPValue(delta / se);
    c.method = 'stderr';
  } else if (baseMetric.scale === 'fraction' && base.numSamples && variant.numSamples) {
    const se = diffSe(binomialSe(baseMetric.value, base.numSamples), binomialSe(variantMetric.value, variant.numSamples));
    if (se > 0) {
      c.interval = normalInterval(delta, se);
      c.p = zPValue(delta / se);
    }
    c.method = 'binomial';
    c.n = { baseline: base.numSamples, variant: variant.numSamples };
  }
  c.verdict = verdictOf(c, c.p);
  return c;
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function verdictOf(c: TaskComparison, p: number | undefined): Verdict {
  if (p === undefined) return 'unknown';
  if (p >= ALPHA) return 'within-noise';
  return c.gain > 0 ? 'better' : c.gain < 0 ? 'worse' : 'within-noise';
}

/** Pairs records by id; McNemar on correct/incorrect, else a paired bootstrap on the primary per-example metric. */
export function pairedTest(p: PairedExamples): Partial<TaskComparison> | undefined {
  const byId = new Map(p.baseline.map((r) => [r.id, r]));
  let both = 0;
  let b = 0; // right in baseline, wrong in variant
  let c = 0; // wrong in baseline, right in variant
  const a01: number[] = [];
  const v01: number[] = [];
  for (const v of p.variant) {
    const a = byId.get(v.id);
    if (!a) continue;
    const ab = binary(a);
    const vb = binary(v);
    if (ab === undefined || vb === undefined) continue;
    both++;
    a01.push(ab);
    v01.push(vb);
    if (ab === 1 && vb === 0) b++;
    if (ab === 0 && vb === 1) c++;
  }
  if (both < 2) return undefined;
  // Paired difference of proportions: se = sqrt((b + c) - (c - b)² / n) / n.
  const d = (c - b) / both;
  const se = Math.sqrt(Math.max(0, b + c - ((c - b) * (c - b)) / both)) / both;
  return {
    method: 'mcnemar',
    p: mcnemarExact(b, c),
    interval: se > 0 ? { low: d - Z95 * se, high: d + Z95 * se } : pairedBootstrap(a01, v01),
    n: { paired: both, discordant: [b, c] },
  };
}

function binary(r: ExampleRecord): 0 | 1 | undefined {
  if (r.status === 'correct') return 1;
  if (r.status === 'incorrect') return 0;
  return undefined;
}

/** Holm-corrects the p-values of one variant's tasks and re-derives the verdicts. */
export function correctForMultipleTasks(rows: TaskComparison[]): TaskComparison[] {
  const tested = rows.filter((r) => r.p !== undefined);
  if (tested.length < 2) return rows;
  const adj = holm(tested.map((r) => r.p!));
  tested.forEach((r, i) => {
    r.pAdjusted = adj[i]!;
    r.verdict = verdictOf(r, r.pAdjusted);
  });
  return rows;
}
