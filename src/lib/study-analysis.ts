/**
 * Everything the study page shows, computed once at build time: per-variant comparisons with
 * intervals and verdicts, efficiency against the baseline, the accuracy-vs-speed points with their
 * Pareto front, recommendations, and improvements/regressions per task (seed 004's summary).
 */
import type { NormalizedRun, NormalizedStudy, TaskResult } from '../../schemas/types.gen.ts';
import { primaryMetric } from '../../domain/metrics.ts';
import { compareRunTasks, finishComparisons, type PendingComparison, type TaskComparison } from './stats/compare.ts';
import { loadExamples } from './examples-store.ts';
import { verdictCard, type VerdictCard } from './verdict-card.ts';
import { Z95 } from './stats/intervals.ts';
import { evidenceOf } from '../../domain/variant-evidence.ts';

export const DEFAULT_MAX_DEGRADATION = 0.01;

export interface VariantColumn {
  name: string;
  runId: string;
  isBaseline: boolean;
  run?: NormalizedRun;
}

export interface EfficiencyRow {
  name: string;
  runId: string;
  isBaseline: boolean;
  /** Sum of per-task evaluation latency (s). */
  latencySeconds?: number;
  questionsPerSecond?: number;
  outputTokensPerSecond?: number;
  p99TtftMs?: number;
  vramPeakMb?: number;
  invalidRate?: number;
}

export interface TradeoffPoint {
  name: string;
  runId: string;
  accuracy: number;
  speed: number;
  pareto: boolean;
}

export type SpeedMetric = 'questionsPerSecond' | 'outputTokensPerSecond';

/** One line of the study's recommendations; fastest-within has no variant when none qualifies. */
export type Recommendation =
  | { kind: 'best-accuracy'; variant: string; value: number; basis: 'mean-accuracy' }
  | { kind: 'fastest-within'; variant?: string; value?: number; basis: SpeedMetric; undecided?: { variant: string; factor: number } }
  | { kind: 'smallest-memory'; variant: string; value: number; basis: 'vram' | 'weight-bits' };

export interface StudyAnalysis {
  columns: VariantColumn[];
  comparisons: { variant: string; runId: string; rows: TaskComparison[] }[];
  efficiency: EfficiencyRow[];
  speedMetric?: SpeedMetric;
  tradeoff: TradeoffPoint[];
  meanAccuracy: Map<string, number>;
  commonTasks: string[];
  recommendations: Recommendation[];
  maxDegradation: number;
  cards: VerdictCard[];
}

export function analyzeStudy(study: NormalizedStudy, runsById: Map<string, NormalizedRun>): StudyAnalysis {
  const columns: VariantColumn[] = study.variants
    .map((v) => ({ name: v.name, runId: v.runId, isBaseline: v.runId === study.baseline, run: runsById.get(v.runId) }))
    .sort((a, b) => Number(b.isBaseline) - Number(a.isBaseline));
  const base = columns.find((c) => c.isBaseline)?.run;
  const comparisons = columns
    .filter((c) => !c.isBaseline && c.run && base)
    .map((c) => ({ variant: c.name, runId: c.runId, rows: finishComparisons(compareRuns(base!, c.run!), study.adjust ?? 'holm') }));

  // Accuracy over the tasks every variant has, with accuracy-like (fraction) primary metrics.
  const fractionTasks = (r?: NormalizedRun) => new Set((r?.tasks ?? []).filter((t) => primaryMetric(t)?.scale === 'fraction' && primaryMetric(t)?.value !== null).map((t) => t.task));
  const sets = columns.map((c) => fractionTasks(c.run));
  const commonTasks = [...(sets[0] ?? [])].filter((t) => sets.every((s) => s.has(t)));
  const meanAccuracy = new Map<string, number>();
  for (const c of columns) {
    if (!c.run || !commonTasks.length) continue;
    const values = commonTasks.map((t) => primaryMetric(c.run!.tasks.find((x) => x.task === t)!)!.value!);
    meanAccuracy.set(c.name, values.reduce((s, v) => s + v, 0) / values.length);
  }

  const efficiency = columns.map((c) => efficiencyOf(c));
  const speedMetric = efficiency.every((e) => e.questionsPerSecond !== undefined) ? 'questionsPerSecond' : efficiency.every((e) => e.outputTokensPerSecond !== undefined) ? 'outputTokensPerSecond' : undefined;
  const tradeoff: TradeoffPoint[] = speedMetric
    ? columns.filter((c) => meanAccuracy.has(c.name)).map((c) => ({ name: c.name, runId: c.runId, accuracy: meanAccuracy.get(c.name)!, speed: efficiency.find((e) => e.runId === c.runId)![speedMetric]!, pareto: false }))
    : [];
  markPareto(tradeoff);

  const maxDegradation = study.maxDegradationRelative ?? DEFAULT_MAX_DEGRADATION;
  const cards = comparisons.map((c) => verdictCard(c.variant, c.runId, runsById.get(c.runId), c.rows, efficiency, speedMetric, study.recoveryGate));
  return { columns, comparisons, efficiency, ...(speedMetric ? { speedMetric } : {}), tradeoff, meanAccuracy, commonTasks, recommendations: recommend(columns, meanAccuracy, efficiency, speedMetric, maxDegradation, cards), maxDegradation, cards };
}

/** Compares every task the two runs share, on the baseline's primary metric. */
export function compareRuns(base: NormalizedRun, variant: NormalizedRun): PendingComparison[] {
  return compareRunTasks(base, variant, loadExamples);
}

function efficiencyOf(c: VariantColumn): EfficiencyRow {
  const row: EfficiencyRow = { name: c.name, runId: c.runId, isBaseline: c.isBaseline };
  const tasks: TaskResult[] = c.run?.tasks ?? [];
  const withLatency = tasks.filter((t) => t.efficiency?.latencySeconds !== undefined);
  if (withLatency.length) row.latencySeconds = withLatency.reduce((s, t) => s + t.efficiency!.latencySeconds!, 0);
  const qps = tasks.filter((t) => t.efficiency?.questionsPerSecond !== undefined);
  if (qps.length) row.questionsPerSecond = qps.reduce((s, t) => s + t.efficiency!.questionsPerSecond!, 0) / qps.length;
  const inv = tasks.filter((t) => t.efficiency?.invalidRate !== undefined);
  if (inv.length) row.invalidRate = inv.reduce((s, t) => s + t.efficiency!.invalidRate!, 0) / inv.length;
  const offline = c.run?.serving?.find((s) => s.mode === 'offline' || s.mode === 'throughput');
  const tps = offline?.metrics.output_throughput_tps ?? offline?.metrics.total_throughput_tps;
  if (typeof tps === 'number') row.outputTokensPerSecond = tps;
  const ttft = offline?.metrics.p99_ttft_ms;
  if (typeof ttft === 'number') row.p99TtftMs = ttft;
  if (c.run?.system?.vramPeakMb !== undefined) row.vramPeakMb = c.run.system.vramPeakMb;
  return row;
}

/** Significant improvements and regressions (by gain), and how many changes were within noise or untested. */
export function changesOf(rows: TaskComparison[]): { improvements: TaskComparison[]; regressions: TaskComparison[]; withinNoise: number; untested: number } {
  return {
    improvements: rows.filter((c) => c.verdict === 'better').sort((x, y) => y.gain - x.gain),
    regressions: rows.filter((c) => c.verdict === 'worse').sort((x, y) => x.gain - y.gain),
    withinNoise: rows.filter((c) => c.verdict === 'within-noise').length,
    untested: rows.filter((c) => c.verdict === 'unknown').length,
  };
}

/** A point is on the Pareto front when no other point is at least as fast and as accurate, and better in one. */
export function markPareto(points: TradeoffPoint[]): void {
  for (const p of points) {
    p.pareto = !points.some((q) => q !== p && q.speed >= p.speed && q.accuracy >= p.accuracy && (q.speed > p.speed || q.accuracy > p.accuracy));
  }
}

// Bits per weight the run's name, settings or quantization imply, for "smallest memory" when no VRAM was measured.
function weightBits(run?: NormalizedRun): number | undefined {
  return run ? evidenceOf({ ...run, quantization: run.quantization ?? run.variant ?? null }).bits : undefined;
}

function recommend(columns: VariantColumn[], acc: Map<string, number>, eff: EfficiencyRow[], speedMetric: StudyAnalysis['speedMetric'], maxDeg: number, cards: VerdictCard[]): Recommendation[] {
  const out: Recommendation[] = [];
  if (acc.size) {
    const [name, value] = [...acc].sort((a, b) => b[1] - a[1])[0]!;
    out.push({ kind: 'best-accuracy', variant: name, value, basis: 'mean-accuracy' });
  }
  const baseName = columns.find((c) => c.isBaseline)?.name;
  const baseAcc = baseName !== undefined ? acc.get(baseName) : undefined;
  if (speedMetric && baseAcc !== undefined) {
    // Non-inferiority: a variant qualifies when the lower end of its recovery interval stays within
    // the allowed loss; a point estimate inside the margin is not enough.
    const margin = 1 - maxDeg;
    const cardOf = (e: EfficiencyRow) => cards.find((c) => c.runId === e.runId);
    const ok = eff.filter((e) => e.isBaseline || (cardOf(e)?.recovery?.interval.low ?? -Infinity) >= margin);
    const speed = (e: EfficiencyRow) => e[speedMetric] ?? 0;
    const fastest = ok.sort((a, b) => speed(b) - speed(a))[0];
    const undecided = eff
      .filter((e) => !ok.includes(e) && speed(e) > (fastest ? speed(fastest) : 0))
      .flatMap((e) => {
        const r = cardOf(e)?.recovery;
        return r && r.mean > margin ? [{ variant: e.name, factor: ((Z95 * r.se) / (r.mean - margin)) ** 2 }] : [];
      })[0];
    out.push({ kind: 'fastest-within', ...(fastest ? { variant: fastest.name, value: speed(fastest) } : {}), basis: speedMetric, ...(undecided ? { undecided } : {}) });
  }
  const measured = eff.flatMap((e) => (e.vramPeakMb === undefined ? [] : [{ name: e.name, mb: e.vramPeakMb }]));
  const leastVram = measured.length === columns.length ? measured.sort((a, b) => a.mb - b.mb)[0] : undefined;
  if (leastVram) {
    out.push({ kind: 'smallest-memory', variant: leastVram.name, value: leastVram.mb, basis: 'vram' });
  } else {
    const bits = columns.flatMap((c) => {
      const b = weightBits(c.run);
      return b === undefined ? [] : [{ name: c.name, bits: b }];
    });
    const fewest = bits.length === columns.length && new Set(bits.map((b) => b.bits)).size > 1 ? bits.sort((a, b) => a.bits - b.bits)[0] : undefined;
    if (fewest) out.push({ kind: 'smallest-memory', variant: fewest.name, value: fewest.bits, basis: 'weight-bits' });
  }
  return out;
}
