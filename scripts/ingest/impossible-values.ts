/**
 * Values no measurement can produce (accuracy 7.5 or -0.3, a negative standard error, perplexity
 * below 1, a negative latency, more correct answers than questions) are problems to report, not
 * scores: each gets a warning naming its file and place, the number is kept as `raw` beside a null
 * `value` (so no ranking, verdict or chart uses it) and `impossible` says why, for the page.
 *
 * Percent or fraction is the source's convention, never a value's magnitude: machine formats
 * (lm-eval, EvalScope, the canonical layout, ...) write fractions, so one 7.5 among 0.6s is
 * impossible rather than a reason to read the whole table as percentages.
 */
import type { Metric, NormalizedRun, TaskResult } from '../../schemas/types.gen.ts';
import type { ProblemLog } from '../../domain/problems.ts';
import type { RunDraft } from './adapter.ts';
import { pointerSegment } from '../../domain/json-source.ts';

const ACCURACY_LIKE = /(^|_)(acc|accuracy|exact_match|em|f1|mc1|mc2|pass@\d+|match|correct)(_|$)/i;
const PERPLEXITY = /(^|_)(ppl|perplexity|word_perplexity|byte_perplexity|token_perplexity)(_|$)/i;
const NON_NEGATIVE = /(^|_)(bits_per_byte|nll|loss|mae|mse|rmse|latency|ttft|tpot|itl|e2el|throughput|tokens?|time|seconds|duration)(_|$)/i;

type Run = RunDraft | NormalizedRun;

/** Checks one run in place; `file` is where its values came from. Returns the number flagged. */
export function flagImpossibleValues(run: Run, file: string, problems: ProblemLog): number {
  let flagged = 0;
  const warn = (message: string, pointer: string | undefined, found: string) => {
    flagged++;
    problems.warning(file, message, { ...(pointer !== undefined ? { pointer } : {}), found, dialect: run.dialect });
  };
  run.tasks.forEach((t, ti) => {
    const task = pointerSegment(t.task);
    // Where the value sits in the source: lm-eval keeps n-shot and sample counts beside "results".
    const LM_EVAL_PLACES = new Map([['nShot', `/n-shot/${task}`], ['numSamples', `/n-samples/${task}/effective`], ['numSamplesOriginal', `/n-samples/${task}/original`]]);
    const at = (key: string) =>
      run.dialect === 'lm-eval' || run.dialect === 'task-results' ? (LM_EVAL_PLACES.get(key) ?? `/results/${task}/${pointerSegment(key)}`) : `/tasks/${ti}/${key}`;
    for (const m of t.metrics) checkMetric(m, t, at, warn);
    checkCounts(t, at, warn);
  });
  if (run.perplexity) {
    const kept = run.perplexity.filter((p) => {
      if (p.ppl >= 1) return true;
      warn(`perplexity of ${p.dataset} is ${p.ppl}, but a perplexity is at least 1; left out`, undefined, String(p.ppl));
      return false;
    });
    if (kept.length) run.perplexity = kept;
    else delete run.perplexity;
  }
  for (const [i, point] of (run.serving ?? []).entries()) {
    for (const [key, v] of Object.entries(point.metrics)) {
      if (typeof v === 'number' && v < 0) {
        warn(`serving metric ${key} is negative (${v}); left out`, `/serving/${i}/metrics/${pointerSegment(key)}`, String(v));
        delete point.metrics[key];
      }
    }
    const completed = point.metrics.completed;
    if (typeof completed === 'number' && point.numPrompts !== undefined && completed > point.numPrompts) {
      warn(`${completed} requests completed of ${point.numPrompts} sent; completed left out`, `/serving/${i}/metrics/completed`, String(completed));
      delete point.metrics.completed;
    }
    if (typeof point.requestRate === 'number' && point.requestRate < 0) {
      warn(`request rate is negative (${point.requestRate}); left out`, `/serving/${i}/requestRate`, String(point.requestRate));
      delete point.requestRate;
    }
  }
  if (run.system) {
    for (const key of ['vramPeakMb', 'totalTimeSeconds'] as const) {
      const v = run.system[key];
      if (v !== undefined && !(v >= 0)) {
        warn(`${key === 'vramPeakMb' ? 'peak VRAM' : 'total time'} is negative (${v}); left out`, `/system/${key}`, String(v));
        delete run.system[key];
      }
    }
    if (!Object.keys(run.system).length) delete run.system;
  }
  return flagged;
}

/**
 * Counts a results file states beside its score (correct <= scorable <= total): when they
 * contradict each other the score built on them is not trusted. Returns the contradiction, with
 * the pointer of the offending field, or undefined.
 */
export function inconsistentCounts(c: { num_correct?: number | null; num_scorable?: number | null; num_total?: number | null; unscorable_examples?: number | null }): { reason: string; field: string } | undefined {
  const n = (v: number | null | undefined) => (typeof v === 'number' ? v : undefined);
  const [correct, scorable, total, unscorable] = [n(c.num_correct), n(c.num_scorable), n(c.num_total), n(c.unscorable_examples)];
  for (const [field, v] of [['num_correct', correct], ['num_scorable', scorable], ['num_total', total], ['unscorable_examples', unscorable]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) return { reason: `${field} ${v} is not a count`, field };
  }
  if (correct !== undefined && scorable !== undefined && correct > scorable) return { reason: `num_correct ${correct} exceeds num_scorable ${scorable}`, field: 'num_correct' };
  if (correct !== undefined && total !== undefined && correct > total) return { reason: `num_correct ${correct} exceeds num_total ${total}`, field: 'num_correct' };
  if (scorable !== undefined && total !== undefined && scorable > total) return { reason: `num_scorable ${scorable} exceeds num_total ${total}`, field: 'num_scorable' };
  if (unscorable !== undefined && total !== undefined && unscorable > total) return { reason: `unscorable_examples ${unscorable} exceeds num_total ${total}`, field: 'unscorable_examples' };
  return undefined;
}

/** Marks a score built on contradictory counts as impossible (kept as raw, not ranked). */
export function markImpossible(m: Metric, reason: string): void {
  if (m.value === null) return;
  m.raw = String(m.value);
  m.value = null;
  m.impossible = reason;
}

type Warn = (message: string, pointer: string | undefined, found: string) => void;

function checkMetric(m: Metric, t: TaskResult, at: (key: string) => string, warn: Warn): void {
  const key = m.filter && m.filter !== 'none' ? `${m.name},${m.filter}` : m.name;
  const where = at(key);
  if (m.value !== null) {
    const why = impossibleReason(m);
    if (why) {
      warn(`${t.task} ${key} = ${m.value}: ${why}; kept as raw, not ranked`, where, String(m.value));
      m.raw = String(m.value);
      m.value = null;
      m.impossible = why;
    }
  }
  if (typeof m.stderr === 'number' && m.stderr < 0) {
    warn(`${t.task} ${key}: standard error ${m.stderr} is negative; left out`, where, String(m.stderr));
    m.stderr = null;
  }
}

function impossibleReason(m: Metric): string | undefined {
  const v = m.value!;
  if (m.scale === 'percent') return v < 0 || v > 100 ? 'a percentage lies in 0..100' : undefined;
  if (m.scale === 'fraction' || (ACCURACY_LIKE.test(m.name) && m.higherIsBetter !== false && !PERPLEXITY.test(m.name))) {
    return v < 0 || v > 1 ? 'an accuracy-like score from this source is a fraction in 0..1' : undefined;
  }
  if (PERPLEXITY.test(m.name)) return v < 1 ? 'a perplexity is at least 1' : undefined;
  if (NON_NEGATIVE.test(m.name)) return v < 0 ? 'this quantity cannot be negative' : undefined;
  return undefined;
}

function checkCounts(t: TaskResult, at: (key: string) => string, warn: Warn): void {
  const count = (key: 'numSamples' | 'numSamplesOriginal' | 'numUnscorable') => {
    const v = t[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      warn(`${t.task}: ${key} ${v} is not a count; left out`, at(key), String(v));
      delete t[key];
    }
  };
  count('numSamples');
  count('numSamplesOriginal');
  count('numUnscorable');
  if (typeof t.nShot === 'number' && !(Number.isInteger(t.nShot) && t.nShot >= 0)) {
    warn(`${t.task}: n-shot ${t.nShot} is not a count; left out`, at('nShot'), String(t.nShot));
    delete t.nShot;
  }
  if (t.numUnscorable !== undefined && t.numSamples !== undefined && t.numUnscorable > t.numSamples) {
    warn(`${t.task}: ${t.numUnscorable} unscorable of ${t.numSamples} examples; left out`, at('numUnscorable'), String(t.numUnscorable));
    delete t.numUnscorable;
  }
  if (t.numSamplesOriginal !== undefined && t.numSamples !== undefined && t.numSamples > t.numSamplesOriginal) {
    warn(`${t.task}: ${t.numSamples} examples evaluated of a task of ${t.numSamplesOriginal}; the task size is left out`, at('numSamplesOriginal'), String(t.numSamplesOriginal));
    delete t.numSamplesOriginal;
  }
  const eff = t.efficiency;
  if (eff) {
    for (const key of ['latencySeconds', 'questionsPerSecond', 'maxTokens'] as const) {
      const v = eff[key];
      if (v !== undefined && !(v >= 0)) {
        warn(`${t.task}: ${key} ${v} is negative; left out`, at(`efficiency/${key}`), String(v));
        delete eff[key];
      }
    }
    if (eff.invalidRate !== undefined && !(eff.invalidRate >= 0 && eff.invalidRate <= 1)) {
      warn(`${t.task}: invalid rate ${eff.invalidRate} is not a fraction in 0..1; left out`, at('efficiency/invalidRate'), String(eff.invalidRate));
      delete eff.invalidRate;
    }
    if (!Object.keys(eff).length) delete t.efficiency;
  }
}
