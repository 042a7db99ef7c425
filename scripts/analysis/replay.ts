/**
 * Simulated ("replayed") sampled evaluation, as seed 002 did from existing outputs: given every
 * model's per-example outcomes on one task, draw seeded subsets and measure how far the sampled
 * accuracies and ranking are from the full ones, and at what share of the full compute.
 *
 * - uniform fractions: every model on the same random subset of size f·N;
 * - a tier plan (seed 002's fractions 1 / 0.2 / 0.05 per tier), tiers taken from the full results
 *   (an oracle) or from a coarse pass (realistic; its cost counts); tiers come from simultaneous
 *   paired tests, so statistically tied models are never split by a fixed tier size;
 * - rank-aware allocation in the spirit of Flash-HELM: start everyone at a coarse fraction and
 *   double the fraction of neighbours not yet separated, until they separate or run on everything.
 *   "Separated" is decided by an anytime-valid confidence sequence on the paired difference, so
 *   looking after every doubling costs no error (the repeated Wald test of the first version
 *   declared equal models apart 26% of the time; it is kept as a row to show that).
 *
 * The full data is itself a sample: the noise ceiling (bootstrap of the examples) says how often
 * the full data reproduces its own ranking, and agreement is also measured on the pairs the full
 * data separates significantly. Every non-uniform strategy is paired with uniform sampling at the
 * same compute. Every mean carries its Monte-Carlo standard error (draws are finite).
 * Subsets are nested (each draw is a prefix of one random permutation per repetition), so a model
 * on 20% saw everything a model on 5% saw.
 */
import { seededRandom } from '../../domain/random.ts';
import { BetSizer, candidateTest, pairedObservation, updateCandidate, type CandidateTest } from '../../domain/confidence-sequence.ts';
import { binomialSe, tierSizes } from '../../domain/tiers.ts';
import { kendallTauB, spearman } from './rank-stats.ts';
import { mcnemarExactP, packedDiscordance, packOutcomes, tiersBySimultaneousTests } from './paired-tests.ts';

export interface ModelOutcomes {
  name: string;
  runId?: string;
  /** 1 = correct, 0 = not, aligned on the same example order for every model. */
  outcomes: Uint8Array;
}

export type SeparationRule = 'sequence' | 'wald';

export interface Strategy {
  label: string;
  kind: 'uniform' | 'tier-plan' | 'adaptive';
  /** uniform: the fraction. */
  fraction?: number;
  /** tier-plan: fraction per tier, top first. */
  tierFractions?: number[];
  /** tier-plan: tiers from the full results, or from a coarse pass at this fraction. */
  tiersFrom?: 'full' | number;
  /** adaptive: starting fraction. */
  start?: number;
  /** adaptive: how neighbours are declared separated (default: confidence sequence). */
  rule?: SeparationRule;
}

/** A mean over the draws with its Monte-Carlo standard error. */
export interface Estimate {
  mean: number;
  se: number;
}

export interface RankAgreement {
  tau: Estimate;
  exactOrder: Estimate;
  /** Share of the pairs the full data separates significantly that keep their order (ties ½). */
  pairAgreement?: Estimate;
}

export interface ReplayRow {
  label: string;
  kind: Strategy['kind'];
  fraction?: number;
  tierFractions?: number[];
  coarseFraction?: number;
  start?: number;
  rule?: SeparationRule;
  computeShare: number;
  meanAbsError: number;
  errorLow: number;
  errorHigh: number;
  tauMean: number;
  tauSe: number;
  tauLow: number;
  tauHigh: number;
  spearmanMean: number;
  tierAgreement: number;
  exactOrder: number;
  exactOrderSe: number;
  pairAgreement?: Estimate;
  /** Mean fraction each model was evaluated on (tier plans and adaptive allocation differ per model). */
  modelFractions: number[];
  /** Uniform sampling at this row's compute share, on the same draws: the fair comparison. */
  equalCompute?: { fraction: number; meanAbsError: number } & RankAgreement;
  /** Adaptive rows: share of separations declared between neighbours that the full data orders the other way. */
  wrongSeparations?: number;
}

export interface ReplayResult {
  n: number;
  reps: number;
  seed: number;
  alpha: number;
  tierSizes: number[];
  models: { name: string; runId?: string; accuracy: number; tier: number }[];
  /** Pairs of models, and those the full data separates (exact McNemar, p < α). */
  pairs: number;
  significantPairs: number;
  /** How often resampling the examples reproduces the full data's own ranking. */
  ceiling: RankAgreement;
  rows: ReplayRow[];
}

const quantile = (sorted: Float64Array | number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;

function estimate(xs: Float64Array): Estimate {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, se: n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0 };
}

/** Accuracy of each model on the first k[m] examples of an order (indices, repeats allowed). */
function prefixAccuracies(models: ModelOutcomes[], order: Uint32Array, ks: number[]): number[] {
  return models.map((m, mi) => {
    const k = ks[mi]!;
    let s = 0;
    for (let i = 0; i < k; i++) s += m.outcomes[order[i]!]!;
    return s / k;
  });
}

function permutation(n: number, rand: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

function bootstrapIndices(n: number, rand: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = Math.floor(rand() * n);
  return p;
}

const sizeOf = (f: number, n: number) => Math.max(1, Math.min(n, Math.round(f * n)));

/** A pair's confidence sequence, continued from where it stopped as the pair's prefix grows. */
interface PairSequence {
  sizer: BetSizer;
  test: CandidateTest;
  seen: number;
}

/**
 * Rank-aware allocation for one permutation: fractions per model, and every pair of neighbours
 * declared separated in any round (as [upper, lower] model indices when declared): a declaration
 * stops the pair's growth, so one made too early is an error even if later rounds would undo it.
 */
export function adaptiveAllocation(models: ModelOutcomes[], perm: Uint32Array, start: number, rule: SeparationRule = 'sequence', alpha = 0.05): { fractions: number[]; separated: [number, number][] } {
  const n = perm.length;
  const f = models.map(() => start);
  const sequences = new Map<number, PairSequence>();
  const separatedBySequence = (i: number, j: number, k: number): boolean => {
    const key = Math.min(i, j) * models.length + Math.max(i, j);
    let s = sequences.get(key);
    if (!s) sequences.set(key, (s = { sizer: new BetSizer(alpha), test: candidateTest(), seen: 0 }));
    const a = models[Math.min(i, j)]!.outcomes;
    const b = models[Math.max(i, j)]!.outcomes;
    for (; s.seen < k && !s.test.decided; s.seen++) {
      const x = pairedObservation(b[perm[s.seen]!]!, a[perm[s.seen]!]!);
      // An agreeing pair (x = ½ = the tested mean) leaves both capitals as they are: only the
      // variance estimate learns from it, so the bet is sized only for disagreements.
      if (x !== 0.5) updateCandidate(s.test, 0.5, x, s.sizer.next(), alpha);
      s.sizer.observe(x);
    }
    return s.test.decided !== 0;
  };
  const z = 1.959963984540054;
  const declared = new Map<number, [number, number]>();
  // Fractions only grow, so each model's correct count is extended rather than recounted each round.
  const sums = new Float64Array(models.length);
  const counted = new Int32Array(models.length);
  for (let round = 0; round < 20; round++) {
    const ks = f.map((x) => sizeOf(x, n));
    const acc = ks.map((k, i) => {
      const o = models[i]!.outcomes;
      let s = sums[i]!;
      for (let t = counted[i]!; t < k; t++) s += o[perm[t]!]!;
      sums[i] = s;
      counted[i] = k;
      return s / k;
    });
    const order = acc.map((a, i) => [a, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const grow = new Set<number>();
    for (let r = 1; r < order.length; r++) {
      const [a, i] = order[r - 1]!;
      const [b, j] = order[r]!;
      const apart = rule === 'wald' ? a - b > z * Math.hypot(binomialSe(a, ks[i]!), binomialSe(b, ks[j]!)) : separatedBySequence(i, j, Math.min(ks[i]!, ks[j]!));
      const key = Math.min(i, j) * models.length + Math.max(i, j);
      if (apart) {
        if (!declared.has(key)) declared.set(key, [i, j]);
      } else {
        // Neighbours not yet separated get more samples, unless both already ran on everything.
        if (f[i]! < 1) grow.add(i);
        if (f[j]! < 1) grow.add(j);
      }
    }
    if (!grow.size) break;
    for (const i of grow) f[i] = Math.min(1, f[i]! * 2);
  }
  return { fractions: f, separated: [...declared.values()] };
}

export interface ReplayOptions {
  reps?: number;
  seed?: number;
  /** Level of the paired tests, confidence sequences and simultaneous tiers. */
  alpha?: number;
}

/** Scores of one draw against the full data: Kendall tau, exact order, agreement on significant pairs. */
function agreementOf(full: number[], acc: number[], significant: Int32Array): { tau: number; exact: number; pairs: number } {
  const tau = kendallTauB(full, acc);
  const a = Float64Array.from(acc);
  let agree = 0;
  // significant holds [better, worse] index pairs, flat: a tight loop over up to m² / 2 pairs.
  for (let i = 0; i < significant.length; i += 2) {
    const hi = a[significant[i]!]!;
    const lo = a[significant[i + 1]!]!;
    agree += hi > lo ? 1 : hi === lo ? 0.5 : 0;
  }
  const n = significant.length / 2;
  return { tau, exact: tau === 1 ? 1 : 0, pairs: n ? agree / n : NaN };
}

export function replay(models: ModelOutcomes[], strategies: Strategy[], { reps = 2000, seed = 1, alpha = 0.05 }: ReplayOptions = {}): ReplayResult {
  const n = models[0]?.outcomes.length ?? 0;
  if (models.some((m) => m.outcomes.length !== n)) throw new Error('every model needs outcomes on the same examples');
  const m = models.length;
  const outcomes = models.map((x) => x.outcomes);
  const full = models.map((x) => x.outcomes.reduce((s, v) => s + v, 0) / n);
  const fullKs = models.map(() => n);
  const fullTiers = tiersBySimultaneousTests(outcomes, undefined, fullKs, alpha);
  // Pairs the full data separates, as [better, worse] flat.
  const separated: number[] = [];
  const packed = packOutcomes(outcomes);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const [b, c] = packedDiscordance(packed, i, j);
      if (mcnemarExactP(b, c) < alpha) separated.push(...(full[i]! >= full[j]! ? [i, j] : [j, i]));
    }
  }
  const significant = Int32Array.from(separated);
  const agreementEstimates = (tau: Float64Array, exact: Float64Array, pairs: Float64Array): RankAgreement => ({ tau: estimate(tau), exactOrder: estimate(exact), ...(significant.length ? { pairAgreement: estimate(pairs) } : {}) });

  // Noise ceiling: the full evaluation redone on a bootstrap resample of its examples.
  const ceiling = (() => {
    const rand = seededRandom(seed * 7919 + 1);
    const tau = new Float64Array(reps);
    const exact = new Float64Array(reps);
    const pairs = new Float64Array(reps);
    for (let r = 0; r < reps; r++) {
      const a = agreementOf(full, prefixAccuracies(models, bootstrapIndices(n, rand), fullKs), significant);
      tau[r] = a.tau;
      exact[r] = a.exact;
      pairs[r] = a.pairs;
    }
    return agreementEstimates(tau, exact, pairs);
  })();

  const rows = strategies.map((st, si): ReplayRow => {
    const rand = seededRandom(seed * 1009 + si);
    const errors = new Float64Array(reps * m);
    const taus = new Float64Array(reps);
    const exact = new Float64Array(reps);
    const pairs = new Float64Array(reps);
    const perms: Uint32Array[] = [];
    let rhoSum = 0;
    let tierSum = 0;
    let cost = 0;
    let declared = 0;
    let wrong = 0;
    const fracSum = models.map(() => 0);
    for (let r = 0; r < reps; r++) {
      const perm = permutation(n, rand);
      let fr: number[];
      if (st.kind === 'uniform') fr = models.map(() => st.fraction!);
      else if (st.kind === 'adaptive') {
        const a = adaptiveAllocation(models, perm, st.start ?? 0.01, st.rule ?? 'sequence', alpha);
        fr = a.fractions;
        declared += a.separated.length;
        wrong += a.separated.filter(([hi, lo]) => full[hi]! < full[lo]!).length;
      } else {
        const tf = st.tierFractions ?? [1];
        const coarse = typeof st.tiersFrom === 'number' ? st.tiersFrom : 0;
        const tiers = coarse ? tiersBySimultaneousTests(outcomes, perm, models.map(() => sizeOf(coarse, n)), alpha) : fullTiers;
        // With a coarse pass first, no model runs on less than the coarse fraction (it is already paid).
        fr = tiers.map((t) => Math.max(tf[Math.min(t, tf.length - 1)]!, coarse));
      }
      if (st.kind !== 'uniform') perms.push(perm);
      const ks = fr.map((f) => sizeOf(f, n));
      const acc = prefixAccuracies(models, perm, ks);
      acc.forEach((a, i) => (errors[r * m + i] = a - full[i]!));
      const ag = agreementOf(full, acc, significant);
      taus[r] = ag.tau;
      exact[r] = ag.exact;
      pairs[r] = ag.pairs;
      rhoSum += spearman(full, acc);
      const t = tiersBySimultaneousTests(outcomes, perm, ks, alpha, acc);
      tierSum += t.filter((x, i) => x === fullTiers[i]).length / m;
      cost += ks.reduce((s, k) => s + k, 0) / (m * n);
      fr.forEach((_, i) => (fracSum[i]! += ks[i]! / n));
    }
    const absError = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
    errors.sort();
    const tauSorted = Float64Array.from(taus).sort();
    const ag = agreementEstimates(taus, exact, pairs);
    const computeShare = cost / reps;
    const row: ReplayRow = {
      label: st.label,
      kind: st.kind,
      ...(st.kind === 'uniform' ? { fraction: st.fraction! } : {}),
      ...(st.kind === 'tier-plan' ? { tierFractions: st.tierFractions ?? [1], ...(typeof st.tiersFrom === 'number' ? { coarseFraction: st.tiersFrom } : {}) } : {}),
      ...(st.kind === 'adaptive' ? { rule: st.rule ?? 'sequence', start: st.start ?? 0.01 } : {}),
      computeShare,
      meanAbsError: absError,
      errorLow: quantile(errors, 0.025),
      errorHigh: quantile(errors, 0.975),
      tauMean: ag.tau.mean,
      tauSe: ag.tau.se,
      tauLow: quantile(tauSorted, 0.025),
      tauHigh: quantile(tauSorted, 0.975),
      spearmanMean: rhoSum / reps,
      tierAgreement: tierSum / reps,
      exactOrder: ag.exactOrder.mean,
      exactOrderSe: ag.exactOrder.se,
      ...(ag.pairAgreement ? { pairAgreement: ag.pairAgreement } : {}),
      modelFractions: fracSum.map((s) => s / reps),
      ...(st.kind === 'adaptive' ? { wrongSeparations: declared ? wrong / declared : 0 } : {}),
    };
    if (perms.length) row.equalCompute = uniformOn(models, perms, computeShare, full, significant, agreementEstimates);
    return row;
  });
  return {
    n,
    reps,
    seed,
    alpha,
    tierSizes: tierSizes(fullTiers),
    models: models.map((x, i) => ({ name: x.name, ...(x.runId ? { runId: x.runId } : {}), accuracy: full[i]!, tier: fullTiers[i]! })),
    pairs: (m * (m - 1)) / 2,
    significantPairs: significant.length / 2,
    ceiling,
    rows,
  };
}

/** Uniform sampling at a given share, on the draws another strategy used. */
function uniformOn(models: ModelOutcomes[], perms: Uint32Array[], fraction: number, full: number[], significant: Int32Array, estimates: (t: Float64Array, e: Float64Array, p: Float64Array) => RankAgreement): ReplayRow['equalCompute'] {
  const n = perms[0]!.length;
  const ks = models.map(() => sizeOf(fraction, n));
  const tau = new Float64Array(perms.length);
  const exact = new Float64Array(perms.length);
  const pairs = new Float64Array(perms.length);
  let absError = 0;
  perms.forEach((perm, r) => {
    const acc = prefixAccuracies(models, perm, ks);
    acc.forEach((a, i) => (absError += Math.abs(a - full[i]!)));
    const ag = agreementOf(full, acc, significant);
    tau[r] = ag.tau;
    exact[r] = ag.exact;
    pairs[r] = ag.pairs;
  });
  return { fraction: ks[0]! / n, meanAbsError: absError / (perms.length * models.length), ...estimates(tau, exact, pairs) };
}

/** The strategies evalsite reports by default: seed 002's fractions and tier plan, and the rank-aware allocation. */
export function defaultStrategies(): Strategy[] {
  return [
    ...[1, 0.2, 0.05, 0.01].map((f) => ({ label: `${f * 100}%`, kind: 'uniform' as const, fraction: f })),
    { label: 'tiers 1 / 0.2 / 0.05 (oracle tiers)', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 'full' },
    { label: 'tiers 1 / 0.2 / 0.05 after a 5% coarse pass', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 0.05 },
    { label: 'rank-aware, from 1% (confidence sequences)', kind: 'adaptive', start: 0.01, rule: 'sequence' },
    { label: 'rank-aware, from 1% (repeated Wald test, no error control)', kind: 'adaptive', start: 0.01, rule: 'wald' },
  ];
}

/**
 * Draws for a replay: 2,000 (Monte-Carlo error of a mean ≲ 1/√2000 of its spread) for the usual
 * handful of models, fewer when a draw is costly — rank-aware allocation and the pair statistics grow
 * faster than models², the prefix sums with models × examples — down to 20 (at 100+ models the rank
 * statistics average over thousands of pairs, so draws differ little: at 500 models the Monte-Carlo
 * error of tau is below 0.001). The Monte-Carlo error is reported either way.
 */
export function drawsFor(models: number, examples: number, wanted = 2000): number {
  const perDraw = models ** 3 / 10 + (models * examples) / 10;
  return Math.max(20, Math.min(wanted, Math.floor(3e6 / Math.max(1, perDraw))));
}
