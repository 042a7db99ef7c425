/**
 * Simulations with known effects that check the error control of the sequential methods:
 * - the stopping rule of `collect --until-decided` (a variant against its baseline, paired, stopped
 *   once non-inferiority at the margin is decided): how often each call is made and how many
 *   examples it took, at true differences 0, −margin/2, −margin (the boundary: calling it
 *   non-inferior is the error α bounds) and −2·margin;
 * - rank-aware allocation among models of equal accuracy: how often neighbours are declared
 *   separated (every such declaration is wrong), with confidence sequences and with the repeated
 *   Wald test they replaced.
 * Seeded, so the tables are reproducible; the Monte-Carlo standard error is reported beside each rate.
 */
import { seededRandom } from '../../domain/random.ts';
import { BetSizer, candidateTest, updateCandidate } from '../../domain/confidence-sequence.ts';
import type { SampledAnalysis } from '../../schemas/types.gen.ts';
import { adaptiveAllocation, type ModelOutcomes, type SeparationRule } from './replay.ts';
import { packedDiscordance, packOutcomes } from './paired-tests.ts';

export interface StoppingRow {
  /** True accuracy difference variant − baseline. */
  effect: number;
  nonInferior: number;
  inferior: number;
  undecided: number;
  /** The rate of the wrong call: non-inferior when effect ≤ −margin, inferior when effect > −margin. */
  wrong: number;
  wrongSe: number;
  /** Mean share of the N examples evaluated before stopping. */
  meanShare: number;
}

export interface StoppingSimulation {
  n: number;
  margin: number;
  alpha: number;
  /** Share of examples the two models answer differently (flips), as in the data. */
  discordance: number;
  sims: number;
  rows: StoppingRow[];
}

/**
 * Paired outcomes with a given discordance D and difference Δ: lost (baseline right, variant
 * wrong) with probability (D − Δ)/2, gained with (D + Δ)/2; the rest agree.
 */
export function simulateStopping({ n, margin, alpha = 0.05, discordance = 0.12, sims = 2000, seed = 1, effects }: { n: number; margin: number; alpha?: number; discordance?: number; sims?: number; seed?: number; effects?: number[] }): StoppingSimulation {
  const list = effects ?? [0, -margin / 2, -margin, -2 * margin];
  const m0 = (1 - margin) / 2;
  const rows = list.map((effect, ei) => {
    const d = Math.max(discordance, Math.abs(effect));
    const lost = (d - effect) / 2;
    const gained = (d + effect) / 2;
    const rand = seededRandom(seed * 31 + ei);
    let nonInferior = 0;
    let inferior = 0;
    let used = 0;
    for (let s = 0; s < sims; s++) {
      const sizer = new BetSizer(alpha);
      const test = candidateTest();
      let t = 0;
      while (t < n && !test.decided) {
        const u = rand();
        const x = u < lost ? 0 : u < lost + gained ? 1 : 0.5;
        updateCandidate(test, m0, x, sizer.next(), alpha);
        sizer.observe(x);
        t++;
      }
      if (test.decided > 0) nonInferior++;
      else if (test.decided < 0) inferior++;
      used += t / n;
    }
    const wrongCount = effect <= -margin + 1e-12 ? nonInferior : inferior;
    const wrong = wrongCount / sims;
    return { effect, nonInferior: nonInferior / sims, inferior: inferior / sims, undecided: (sims - nonInferior - inferior) / sims, wrong, wrongSe: Math.sqrt((wrong * (1 - wrong)) / sims), meanShare: used / sims };
  });
  return { n, margin, alpha, discordance, sims, rows };
}

export interface AllocationRow {
  rule: SeparationRule;
  /** Share of the pairs of equally accurate models declared separated in some round (each one an error). */
  pairError: number;
  pairErrorSe: number;
  /** Share of simulations with at least one such declaration. */
  familywise: number;
  meanShare: number;
}

export interface AllocationSimulation {
  /** True accuracy of each model; equal ones are the pairs any separation of which is wrong. */
  accuracies: number[];
  n: number;
  alpha: number;
  start: number;
  sims: number;
  rows: AllocationRow[];
}

/** Rank-aware allocation among models of the given true accuracies, answering independently. */
export function simulateAllocation({ accuracies, n, alpha = 0.05, start = 0.01, sims = 1000, seed = 1 }: { accuracies: number[]; n: number; alpha?: number; start?: number; sims?: number; seed?: number }): AllocationSimulation {
  const m = accuracies.length;
  let tied = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) if (accuracies[i] === accuracies[j]) tied++;
  if (!tied) throw new RangeError('give at least two models of equal accuracy: separating them is the error measured');
  const rules: SeparationRule[] = ['sequence', 'wald'];
  const rows = rules.map((rule) => {
    const rand = seededRandom(seed * 131 + (rule === 'wald' ? 1 : 0));
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    let wrong = 0;
    let any = 0;
    let share = 0;
    for (let s = 0; s < sims; s++) {
      const ms: ModelOutcomes[] = accuracies.map((p, k) => ({ name: String(k), outcomes: Uint8Array.from({ length: n }, () => (rand() < p ? 1 : 0)) }));
      const a = adaptiveAllocation(ms, order, start, rule, alpha);
      const errors = a.separated.filter(([i, j]) => accuracies[i] === accuracies[j]).length;
      wrong += errors;
      if (errors) any++;
      share += a.fractions.reduce((x, f) => x + Math.max(1, Math.min(n, Math.round(f * n))) / n, 0) / m;
    }
    const pairError = wrong / (sims * tied);
    return { rule, pairError, pairErrorSe: Math.sqrt((pairError * (1 - pairError)) / (sims * tied)), familywise: any / sims, meanShare: share / sims };
  });
  return { accuracies, n, alpha, start, sims, rows };
}

/** Margins of the stopping-rule table: 2 and 5 percentage points. */
export const SIMULATED_MARGINS = [0.02, 0.05];

/**
 * The simulations at one task's scale, for its analysis page: the stopping rule at this many
 * examples with the discordance its models show, and rank-aware allocation among models with
 * this task's accuracies where the two closest are made truly tied (at most six models).
 */
export function errorControlFor(models: ModelOutcomes[], { seed = 1, alpha = 0.05, sims = 1000 }: { seed?: number; alpha?: number; sims?: number } = {}): NonNullable<SampledAnalysis['errorControl']> {
  const n = models[0]!.outcomes.length;
  let pairs = 0;
  let flips = 0;
  const packed = packOutcomes(models.map((x) => x.outcomes));
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      const [b, c] = packedDiscordance(packed, i, j);
      flips += (b + c) / n;
      pairs++;
    }
  }
  const share = pairs ? flips / pairs : 0;
  const stopping = SIMULATED_MARGINS.flatMap((margin, k) => simulateStopping({ n, margin, alpha, discordance: share, sims, seed: seed + k }).rows.map((r) => ({ margin, ...r })));
  const acc = models.map((x) => x.outcomes.reduce((s, v) => s + v, 0) / n).sort((a, b) => b - a);
  let closest = 0;
  for (let i = 1; i < acc.length - 1; i++) if (acc[i]! - acc[i + 1]! < acc[closest]! - acc[closest + 1]!) closest = i;
  const tie = (acc[closest]! + acc[closest + 1]!) / 2;
  const rest = acc.filter((_, i) => i !== closest && i !== closest + 1);
  const others = rest.length <= 4 ? rest : [0, 1, 2, 3].map((k) => rest[Math.round((k * (rest.length - 1)) / 3)]!);
  const accuracies = [tie, tie, ...others].sort((a, b) => b - a);
  const allocationSims = Math.max(200, Math.floor(sims / 2.5));
  const allocation = simulateAllocation({ accuracies, n, alpha, sims: allocationSims, seed });
  return { n, alpha, discordance: share, sims, stopping, allocation: { accuracies, sims: allocationSims, rows: allocation.rows } };
}
