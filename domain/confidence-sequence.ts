/**
 * Anytime-valid confidence sequences for the mean of observations in [0, 1], by betting
 * (Waudby-Smith & Ramdas, "Estimating means of bounded random variables by betting", JRSS-B 2024,
 * the hedged capital process with the predictable plug-in bet). A (1 − α) confidence sequence
 * covers the true mean at every sample size at once with probability ≥ 1 − α, so it may be looked
 * at after every answer and the evaluation stopped whenever it is decisive: unlike a repeated Wald
 * test, peeking costs no error.
 *
 * For one candidate mean m, two gamblers bet that the mean is above m (capital K⁺) and below m
 * (K⁻); under mean m both capitals are nonnegative martingales, so by Ville's inequality
 * max(K⁺, K⁻)/2 exceeds 1/α with probability ≤ α ever. m leaves the sequence once that happens and
 * never comes back (the running intersection).
 *
 * Paired comparisons (a variant against its baseline on the same examples) use x = (v − b + 1) / 2,
 * so the mean is (Δ + 1) / 2 with Δ the difference in accuracy; concordant pairs give x = ½ and
 * lower the estimated variance, so the bet grows fast when the two models mostly agree.
 */

/** One bettor pair for a candidate mean m. Feed observations in order; `rejected` once capital ≥ 1/α. */
export interface CandidateTest {
  /** log of the capital betting the mean is above m. */
  logUp: number;
  /** log of the capital betting the mean is below m. */
  logDown: number;
  /** +1: the mean is above m (decided), −1: below, 0: not yet. */
  decided: -1 | 0 | 1;
}

/** Bet truncation: at most half the capital, as WSR recommend (c = 1/2). */
const C = 0.5;

/** Running mean and variance estimates for the predictable plug-in bet. */
export class BetSizer {
  private t = 0;
  private sum = 0;
  private sumSq = 0;
  private readonly logTerm: number;

  constructor(alpha: number) {
    this.logTerm = 2 * Math.log(2 / alpha);
  }

  /** The bet for the next observation, computed before it is seen (predictable). */
  next(): number {
    const t = this.t + 1;
    const variance = (0.25 + this.sumSq) / t;
    return Math.sqrt(this.logTerm / (variance * t * Math.log(1 + t)));
  }

  /** Record an observation once every test has used `next()`. */
  observe(x: number): void {
    // μ̂ includes the new point (WSR eq. 26); σ̂² sums squared deviations from those running means.
    this.t++;
    this.sum += x;
    const mean = (0.5 + this.sum) / (this.t + 1);
    this.sumSq += (x - mean) ** 2;
  }

  get count(): number {
    return this.t;
  }
}

export function candidateTest(): CandidateTest {
  return { logUp: 0, logDown: 0, decided: 0 };
}

// log(2/α), kept for the last α: replays update millions of tests at one level.
let levelAlpha = NaN;
let levelLog = NaN;
function rejectionLevel(alpha: number): number {
  if (alpha !== levelAlpha) {
    levelAlpha = alpha;
    levelLog = Math.log(2 / alpha);
  }
  return levelLog;
}

/**
 * Update the test of candidate mean m with observation x and bet λ (from BetSizer.next()). Once
 * decided, the decision stands (the capital crossed 1/α at some time, which Ville's inequality
 * bounds for all times together).
 */
export function updateCandidate(test: CandidateTest, m: number, x: number, lambda: number, alpha: number): void {
  if (test.decided) return;
  const up = m > 0 ? Math.min(lambda, C / m) : lambda;
  const down = m < 1 ? Math.min(lambda, C / (1 - m)) : lambda;
  test.logUp += Math.log(Math.max(1e-300, 1 + up * (x - m)));
  test.logDown += Math.log(Math.max(1e-300, 1 - down * (x - m)));
  // Hedged with θ = ½: reject m when ½·K⁺ or ½·K⁻ reaches 1/α.
  const threshold = rejectionLevel(alpha);
  if (test.logUp >= threshold) test.decided = 1;
  else if (test.logDown >= threshold) test.decided = -1;
}

/**
 * A (1 − α) confidence sequence for a mean in [0, 1], kept on a grid of candidate means (running
 * intersection). The interval is the smallest and largest candidate not yet rejected, widened by one
 * grid step so the grid never makes it narrower than the exact sequence.
 */
export class ConfidenceSequence {
  private readonly sizer: BetSizer;
  private readonly grid: Float64Array;
  private readonly tests: CandidateTest[];

  readonly alpha: number;

  constructor(alpha: number, gridSize = 1001) {
    this.alpha = alpha;
    this.sizer = new BetSizer(alpha);
    this.grid = Float64Array.from({ length: gridSize }, (_, i) => i / (gridSize - 1));
    this.tests = Array.from({ length: gridSize }, candidateTest);
  }

  push(x: number): void {
    if (!(x >= 0 && x <= 1)) throw new RangeError(`observation ${x} is outside [0, 1]`);
    const lambda = this.sizer.next();
    for (let i = 0; i < this.grid.length; i++) updateCandidate(this.tests[i]!, this.grid[i]!, x, lambda, this.alpha);
    this.sizer.observe(x);
  }

  get n(): number {
    return this.sizer.count;
  }

  /** [low, high] of the means not rejected so far; an empty sequence (never with valid data) gives the whole range. */
  interval(): { low: number; high: number } {
    const step = 1 / (this.grid.length - 1);
    let low = -1;
    let high = -1;
    for (let i = 0; i < this.grid.length; i++) {
      if (this.tests[i]!.decided) continue;
      if (low < 0) low = i;
      high = i;
    }
    if (low < 0) return { low: 0, high: 1 };
    return { low: Math.max(0, this.grid[low]! - step), high: Math.min(1, this.grid[high]! + step) };
  }
}

/** Paired observation for the difference variant − baseline of two 0/1 outcomes, mapped to [0, 1]. */
export const pairedObservation = (baseline: number, variant: number): number => (variant - baseline + 1) / 2;

export type SequentialCall = 'non-inferior' | 'inferior';

/**
 * Sequential non-inferiority of a variant against its baseline, answer by answer: non-inferior once
 * Δ > −margin is certain at level α, inferior once Δ < −margin is; the interval on Δ is reported
 * alongside. Each call is wrong with probability at most α/2 (the sequence is two-sided at 1 − α).
 */
export class SequentialNonInferiority {
  private readonly sizer: BetSizer;
  private readonly atMargin = candidateTest();
  private readonly sequence: ConfidenceSequence;
  private readonly m0: number;
  call: SequentialCall | undefined;
  decidedAt: number | undefined;
  discordant: [lost: number, gained: number] = [0, 0];

  readonly margin: number;
  readonly alpha: number;

  constructor(margin: number, alpha: number, gridSize = 401) {
    this.margin = margin;
    this.alpha = alpha;
    if (!(margin >= 0 && margin < 1)) throw new RangeError(`margin ${margin} must be in [0, 1)`);
    this.sizer = new BetSizer(alpha);
    this.sequence = new ConfidenceSequence(alpha, gridSize);
    this.m0 = (1 - margin) / 2;
  }

  push(baseline: 0 | 1, variant: 0 | 1): SequentialCall | undefined {
    const x = pairedObservation(baseline, variant);
    if (baseline !== variant) this.discordant[variant ? 1 : 0]++;
    updateCandidate(this.atMargin, this.m0, x, this.sizer.next(), this.alpha);
    this.sizer.observe(x);
    this.sequence.push(x);
    if (!this.call && this.atMargin.decided) {
      this.call = this.atMargin.decided > 0 ? 'non-inferior' : 'inferior';
      this.decidedAt = this.sizer.count;
    }
    return this.call;
  }

  get n(): number {
    return this.sizer.count;
  }

  /**
   * The confidence sequence on Δ = variant − baseline accuracy. Once a call is made the margin is
   * outside it (the exact test at the margin rejected it; the grid, one step coarser, may not have).
   */
  interval(): { low: number; high: number } {
    const { low, high } = this.sequence.interval();
    const out = { low: 2 * low - 1, high: 2 * high - 1 };
    if (this.call === 'non-inferior') out.low = Math.max(out.low, -this.margin);
    if (this.call === 'inferior') out.high = Math.min(out.high, -this.margin);
    return out;
  }
}
