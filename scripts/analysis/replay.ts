/**
 * Simulated ("replayed") sampled evaluation, as seed 002 did from existing outputs: given every
 * model's per-example outcomes on one task, draw seeded subsets and measure how far the sampled
 * accuracies and ranking are from the full ones, and at what share of the full compute.
 *
 * - uniform fractions: every model on the same random subset of size f·N;
 * - a tier plan (seed 002: tiers 3 / 2 / 2 and fractions 1 / 0.2 / 0.05 / 0.01), tiers taken from
 *   the full results (as seed 002 did, an oracle) or from a coarse pass (realistic; its cost counts);
 * - rank-aware allocation in the spirit of Flash-HELM: start everyone at a coarse fraction and
 *   double the fraction of neighbours whose intervals still overlap, until they separate or run
 *   on everything.
 * Subsets are nested (each draw is a prefix of one random permutation per repetition), so a model
 * on 20% saw everything a model on 5% saw.
 */
import { seededRandom } from '../../domain/random.ts';
import { kendallTauB, spearman } from './rank-stats.ts';
import { binomialSe, tiersByPlan } from '../../domain/tiers.ts';

export interface ModelOutcomes {
  name: string;
  runId?: string;
  /** 1 = correct, 0 = not, aligned on the same example order for every model. */
  outcomes: Uint8Array;
}

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
}

export interface ReplayRow {
  label: string;
  kind: Strategy['kind'];
  computeShare: number;
  meanAbsError: number;
  errorLow: number;
  errorHigh: number;
  tauMean: number;
  tauLow: number;
  tauHigh: number;
  spearmanMean: number;
  tierAgreement: number;
  exactOrder: number;
  /** Mean fraction each model was evaluated on (tier plans and adaptive allocation differ per model). */
  modelFractions: number[];
}

export interface ReplayResult {
  n: number;
  reps: number;
  seed: number;
  tierSizes: number[];
  models: { name: string; runId?: string; accuracy: number; tier: number }[];
  rows: ReplayRow[];
}

const quantile = (sorted: Float64Array | number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;

/** Accuracy of each model on the first k[m] examples of a permutation. */
function prefixAccuracies(models: ModelOutcomes[], perm: Uint32Array, ks: number[]): number[] {
  return models.map((m, mi) => {
    const k = ks[mi]!;
    let s = 0;
    for (let i = 0; i < k; i++) s += m.outcomes[perm[i]!]!;
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

const sizeOf = (f: number, n: number) => Math.max(1, Math.min(n, Math.round(f * n)));

/** Fractions of the rank-aware allocation for one permutation. */
export function adaptiveFractions(models: ModelOutcomes[], perm: Uint32Array, start: number, z = 1.959963984540054): number[] {
  const n = perm.length;
  const f = models.map(() => start);
  for (let round = 0; round < 20; round++) {
    const ks = f.map((x) => sizeOf(x, n));
    const acc = prefixAccuracies(models, perm, ks);
    const order = acc.map((a, i) => [a, i] as const).sort((a, b) => b[0] - a[0]);
    const grow = new Set<number>();
    for (let r = 1; r < order.length; r++) {
      const [a, i] = order[r - 1]!;
      const [b, j] = order[r]!;
      const se = Math.hypot(binomialSe(a, ks[i]!), binomialSe(b, ks[j]!));
      // Neighbours not yet separated get more samples, unless both already ran on everything.
      if (a - b <= z * se) {
        if (f[i]! < 1) grow.add(i);
        if (f[j]! < 1) grow.add(j);
      }
    }
    if (!grow.size) break;
    for (const i of grow) f[i] = Math.min(1, f[i]! * 2);
  }
  return f;
}

export function replay(models: ModelOutcomes[], strategies: Strategy[], { reps = 200, seed = 1, tierSizes = [] as number[] } = {}): ReplayResult {
  const n = models[0]?.outcomes.length ?? 0;
  if (models.some((m) => m.outcomes.length !== n)) throw new Error('every model needs outcomes on the same examples');
  const full = models.map((m) => m.outcomes.reduce((s, x) => s + x, 0) / n);
  const sizes = tierSizes.length ? tierSizes : defaultTierSizes(models.length);
  const fullTiers = tiersByPlan(full, sizes);
  const rows = strategies.map((st, si) => {
    const rand = seededRandom(seed * 1009 + si);
    const errors: number[] = [];
    const taus = new Float64Array(reps);
    let rhoSum = 0;
    let tierSum = 0;
    let exact = 0;
    let cost = 0;
    const fracSum = models.map(() => 0);
    for (let r = 0; r < reps; r++) {
      const perm = permutation(n, rand);
      let fr: number[];
      if (st.kind === 'uniform') fr = models.map(() => st.fraction!);
      else if (st.kind === 'adaptive') fr = adaptiveFractions(models, perm, st.start ?? 0.01);
      else {
        const tf = st.tierFractions ?? [1];
        let tiers = fullTiers;
        if (typeof st.tiersFrom === 'number') tiers = tiersByPlan(prefixAccuracies(models, perm, models.map(() => sizeOf(st.tiersFrom as number, n))), sizes);
        // With a coarse pass first, no model runs on less than the coarse fraction (it is already paid).
        fr = tiers.map((t) => Math.max(tf[Math.min(t, tf.length - 1)]!, typeof st.tiersFrom === 'number' ? st.tiersFrom : 0));
      }
      const ks = fr.map((f) => sizeOf(f, n));
      const acc = prefixAccuracies(models, perm, ks);
      acc.forEach((a, i) => errors.push(a - full[i]!));
      taus[r] = kendallTauB(full, acc);
      rhoSum += spearman(full, acc);
      const t = tiersByPlan(acc, sizes);
      tierSum += t.filter((x, i) => x === fullTiers[i]).length / models.length;
      if (taus[r] === 1) exact++;
      cost += ks.reduce((s, k) => s + k, 0) / (models.length * n);
      fr.forEach((_, i) => (fracSum[i]! += ks[i]! / n));
    }
    errors.sort((a, b) => a - b);
    taus.sort();
    return {
      label: st.label,
      kind: st.kind,
      computeShare: cost / reps,
      meanAbsError: errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length,
      errorLow: quantile(errors, 0.025),
      errorHigh: quantile(errors, 0.975),
      tauMean: taus.reduce((s, x) => s + x, 0) / reps,
      tauLow: quantile(taus, 0.025),
      tauHigh: quantile(taus, 0.975),
      spearmanMean: rhoSum / reps,
      tierAgreement: tierSum / reps,
      exactOrder: exact / reps,
      modelFractions: fracSum.map((s) => s / reps),
    };
  });
  return { n, reps, seed, tierSizes: sizes, models: models.map((m, i) => ({ name: m.name, ...(m.runId ? { runId: m.runId } : {}), accuracy: full[i]!, tier: fullTiers[i]! })), rows };
}

/** Roughly thirds, larger tiers at the top (7 models -> 3 / 2 / 2, as seed 002). */
export function defaultTierSizes(m: number): number[] {
  if (m <= 2) return [m];
  const base = Math.floor(m / 3);
  const extra = m % 3;
  return [base + (extra > 0 ? 1 : 0), base + (extra > 1 ? 1 : 0), base].filter((x) => x > 0);
}

/** The strategies evalsite reports by default: seed 002's fractions and tier plan, and the adaptive allocation. */
export function defaultStrategies(): Strategy[] {
  return [
    ...[1, 0.2, 0.05, 0.01].map((f) => ({ label: `${f * 100}%`, kind: 'uniform' as const, fraction: f })),
    { label: 'tiers 1 / 0.2 / 0.05 (oracle tiers)', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 'full' },
    { label: 'tiers 1 / 0.2 / 0.05 after a 5% coarse pass', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 0.05 },
    { label: 'rank-aware, from 1%', kind: 'adaptive', start: 0.01 },
  ];
}
