/**
 * The decision at the top of a study, per variant: recovery (variant / baseline, the measure
 * llm-compressor's CI and Red Hat's model cards use) per task and on average with a 95% interval,
 * flips, a pass / fail / inconclusive call against a recovery gate, speed-up and memory against the
 * baseline, and how the tasks' verdicts fall. Where the collector measured perplexity, the change of
 * PPL and the token-level distance from the baseline (KL of the next-token distributions, share of
 * positions with the same top token): accuracy alone hides damage that these show.
 *
 * Recovery's interval divides the interval of the difference by the baseline score (taken as
 * fixed); the mean's standard error combines the tasks' as independent. The gate is decided on the
 * interval: pass when its lower end clears the gate, fail when its upper end is below it,
 * inconclusive otherwise, with the smallest change this many examples could detect.
 */
import type { Interval, NormalizedRun, TaskComparison } from '../../schemas/types.gen.ts';
import { evidenceOf } from '../../domain/variant-evidence.ts';
import { normalQuantile } from './stats/score-tests.ts';
import { Z95 } from './stats/intervals.ts';
import type { EfficiencyRow, SpeedMetric } from './study-analysis.ts';

const Z = Z95;
/** z for a two-sided 5% test plus z for 80% power: the smallest detectable change is this many standard errors. */
const MDE_Z = Z + normalQuantile(0.8);

/** llm-compressor's CI gate for 4-bit schemes is 0.95; 8-bit (FP8, INT8) variants are held to 0.99. */
export function defaultRecoveryGate(bits: number): number {
  return bits <= 4 ? 0.95 : 0.99;
}

export type GateCall = 'pass' | 'fail' | 'inconclusive';

export interface TaskRecovery {
  task: string;
  recovery: number;
  interval: Interval;
}

export interface VerdictCard {
  variant: string;
  runId: string;
  bits: number;
  tasks: TaskRecovery[];
  /** Mean recovery over accuracy-like tasks with its 95% interval. */
  recovery?: { mean: number; interval: Interval; se: number };
  gate: number;
  call?: GateCall;
  /** Smallest drop of mean recovery these examples could detect (80% power, 5% two-sided). */
  detectable?: number;
  flips?: { lost: number; gained: number; pairs: number };
  /** Tasks the variant was evaluated on only until non-inferiority was decided (collect --until-decided). */
  sequential?: { task: string; decision: NonNullable<TaskComparison['sequential']> }[];
  verdicts: { better: number; worse: number; withinNoise: number; unknown: number };
  /** Per perplexity task: PPL change (variant / baseline − 1) and the KL figures the variant's run holds. */
  tokens?: TokenDistance[];
  speedup?: { basis: SpeedMetric; ratio: number };
  memory?: { ratio: number };
}

export interface TokenDistance {
  task: string;
  pplChange?: number;
  klMean?: number;
  klP99?: number;
  sameTop?: number;
}

/** PPL change from the task comparisons, KL and top-1 agreement from the variant's own run. */
function tokenDistances(run: NormalizedRun | undefined, rows: TaskComparison[]): TokenDistance[] {
  const tasks = new Set([...rows.filter((r) => r.metric.name === 'ppl').map((r) => r.task), ...(run?.tasks ?? []).filter((t) => t.metrics.some((m) => m.name === 'kl_mean')).map((t) => t.task)]);
  return [...tasks].map((task) => {
    const ppl = rows.find((r) => r.task === task && r.metric.name === 'ppl');
    const metrics = run?.tasks.find((t) => t.task === task)?.metrics ?? [];
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? undefined;
    const d: TokenDistance = { task };
    if (ppl && ppl.baseline > 0) d.pplChange = ppl.variant / ppl.baseline - 1;
    const [klMean, klP99, sameTop] = [value('kl_mean'), value('kl_p99'), value('same_top_token')];
    if (klMean !== undefined) d.klMean = klMean;
    if (klP99 !== undefined) d.klP99 = klP99;
    if (sameTop !== undefined) d.sameTop = sameTop;
    return d;
  });
}

export function verdictCard(variant: string, runId: string, run: NormalizedRun | undefined, rows: TaskComparison[], efficiency: EfficiencyRow[], speedMetric: SpeedMetric | undefined, gateOverride?: number): VerdictCard {
  const bits = run ? evidenceOf({ ...run, quantization: run.quantization ?? run.variant ?? null }).bits : 16;
  const gate = gateOverride ?? defaultRecoveryGate(bits);
  const tasks: TaskRecovery[] = [];
  for (const r of rows) {
    if (r.family !== 'task' || r.metric.scale !== 'fraction' || !(r.baseline > 0) || !r.interval) continue;
    tasks.push({ task: r.task, recovery: r.variant / r.baseline, interval: { low: 1 + r.interval.low / r.baseline, high: 1 + r.interval.high / r.baseline } });
  }
  const card: VerdictCard = {
    variant,
    runId,
    bits,
    tasks,
    gate,
    verdicts: {
      better: rows.filter((r) => r.verdict === 'better').length,
      worse: rows.filter((r) => r.verdict === 'worse').length,
      withinNoise: rows.filter((r) => r.verdict === 'within-noise').length,
      unknown: rows.filter((r) => r.verdict === 'unknown').length,
    },
  };
  if (tasks.length) {
    const mean = tasks.reduce((s, t) => s + t.recovery, 0) / tasks.length;
    const se = Math.sqrt(tasks.reduce((s, t) => s + ((t.interval.high - t.interval.low) / (2 * Z)) ** 2, 0)) / tasks.length;
    card.recovery = { mean, se, interval: { low: mean - Z * se, high: mean + Z * se } };
    card.call = card.recovery.interval.low >= gate ? 'pass' : card.recovery.interval.high < gate ? 'fail' : 'inconclusive';
    card.detectable = MDE_Z * se;
  }
  const paired = rows.filter((r) => r.family === 'task' && r.n?.discordant);
  if (paired.length) {
    card.flips = {
      lost: paired.reduce((s, r) => s + (r.n?.discordant?.[0] ?? 0), 0),
      gained: paired.reduce((s, r) => s + (r.n?.discordant?.[1] ?? 0), 0),
      pairs: paired.reduce((s, r) => s + (r.n?.paired ?? 0), 0),
    };
  }
  const tokens = tokenDistances(run, rows);
  if (tokens.length) card.tokens = tokens;
  const sequential = rows.flatMap((r) => (r.sequential ? [{ task: r.task, decision: r.sequential }] : []));
  if (sequential.length) card.sequential = sequential;
  const base = efficiency.find((e) => e.isBaseline);
  const mine = efficiency.find((e) => e.runId === runId);
  const speedBase = speedMetric ? base?.[speedMetric] : undefined;
  const speedMine = speedMetric ? mine?.[speedMetric] : undefined;
  if (speedMetric && speedBase && speedMine !== undefined) card.speedup = { basis: speedMetric, ratio: speedMine / speedBase };
  if (base?.vramPeakMb && mine?.vramPeakMb !== undefined) card.memory = { ratio: mine.vramPeakMb / base.vramPeakMb };
  return card;
}
