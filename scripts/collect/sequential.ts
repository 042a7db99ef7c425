/**
 * collect --until-decided: a variant answers its baseline's examples in a seeded random order,
 * optionally stratified, and an anytime-valid confidence sequence on the paired difference is
 * updated answer by answer, in that order; the variant stops once non-inferiority at the margin is
 * decided either way, or at the full set. Answers that arrive out of order wait until every earlier
 * example is answered, so the decision depends only on a prefix of the order (a stopping time).
 */
import { existsSync, readFileSync } from 'node:fs';
import { seededRandom, shuffled } from '../../domain/random.ts';
import { SequentialNonInferiority, type SequentialCall } from '../../domain/confidence-sequence.ts';
import type { BenchMetrics } from '../../schemas/types.gen.ts';
import { isObj } from '../../domain/guards.ts';

export interface SequentialSettings {
  margin: number;
  alpha: number;
  seed: number;
  stratify_by?: string;
}

export const DEFAULT_MARGIN = 0.02;
export const DEFAULT_ALPHA = 0.05;

/**
 * A seeded random order of the items. Stratified: each stratum is shuffled, then the strata are
 * interleaved so every prefix keeps each stratum's share (the next item comes from the stratum
 * furthest behind its share).
 */
export function sequentialOrder<T extends Record<string, unknown>>(items: T[], seed: number, stratifyBy?: string): T[] {
  const rand = seededRandom(seed);
  if (!stratifyBy) return shuffled(items, rand);
  const strata = new Map<string, T[]>();
  for (const item of items) {
    const key = String(item[stratifyBy] ?? '');
    const list = strata.get(key);
    if (list) list.push(item);
    else strata.set(key, [item]);
  }
  const groups = [...strata.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, xs]) => ({ xs: shuffled(xs, rand), taken: 0 }));
  const out: T[] = [];
  while (out.length < items.length) {
    let best = -1;
    let bestLag = Infinity;
    groups.forEach((g, i) => {
      if (g.taken >= g.xs.length) return;
      // Share taken after this pick, against the stratum's share of all items: smallest goes next.
      const lag = (g.taken + 1) / g.xs.length;
      if (lag < bestLag) {
        bestLag = lag;
        best = i;
      }
    });
    const g = groups[best]!;
    out.push(g.xs[g.taken++]!);
  }
  return out;
}

/** The baseline's outcome per example id from its results file: 1 correct, 0 wrong or unscorable; failed requests left out. */
export function baselineOutcomes(resultsPath: string): Map<string, 0 | 1> {
  const out = new Map<string, 0 | 1>();
  if (!existsSync(resultsPath)) return out;
  for (const line of readFileSync(resultsPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isObj(v) || typeof v.id !== 'string') continue;
    if (typeof v.error === 'string') out.delete(v.id);
    else out.set(v.id, v.correct === true ? 1 : 0);
  }
  return out;
}

/** Pairs answers with the baseline's in the order's sequence, whatever order they arrive in. */
export class SequentialTracker {
  private readonly test: SequentialNonInferiority;
  private readonly answered = new Map<number, 0 | 1 | null>();
  private next = 0;
  /** Ids that entered the sequence, in order. */
  private readonly used: string[] = [];
  private readonly order: string[];
  private readonly baseline: Map<string, 0 | 1>;
  readonly settings: SequentialSettings;

  constructor(order: string[], baseline: Map<string, 0 | 1>, settings: SequentialSettings) {
    this.order = order;
    this.baseline = baseline;
    this.settings = settings;
    this.test = new SequentialNonInferiority(settings.margin, settings.alpha);
  }

  /** Record the answer at position i of the order: 1 / 0, or null for a failed request (skipped). */
  answer(i: number, outcome: 0 | 1 | null): SequentialCall | undefined {
    this.answered.set(i, outcome);
    while (!this.test.call && this.answered.has(this.next)) {
      const o = this.answered.get(this.next)!;
      const b = this.baseline.get(this.order[this.next]!);
      if (o !== null && b !== undefined) {
        this.test.push(b, o);
        this.used.push(this.order[this.next]!);
      }
      this.next++;
    }
    return this.test.call;
  }

  get decided(): boolean {
    return this.test.call !== undefined;
  }

  /** The metrics block: the call, examples used of the full set, the sequence's interval. */
  summary(baselineName: string): NonNullable<BenchMetrics['sequential']> {
    const { low, high } = this.test.interval();
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    return {
      rule: 'betting-confidence-sequence',
      margin: this.settings.margin,
      alpha: this.settings.alpha,
      call: this.test.call ?? 'undecided',
      n_used: this.test.n,
      n_total: this.order.length,
      ...(this.test.decidedAt ? { decided_at: this.test.decidedAt } : {}),
      interval: { low: round(low), high: round(high) },
      discordant: { lost: this.test.discordant[0], gained: this.test.discordant[1] },
      order_seed: this.settings.seed,
      ...(this.settings.stratify_by ? { stratify_by: this.settings.stratify_by } : {}),
      baseline: baselineName,
      used_ids: [...this.used],
    };
  }
}
