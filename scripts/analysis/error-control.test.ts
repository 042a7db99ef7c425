import { describe, expect, it } from 'vitest';
import { simulateAllocation, simulateStopping } from './error-control.ts';

describe('error control, by simulation with known effects', () => {
  it('stopping rule: a variant exactly at the margin is called non-inferior at most α/2 of the time (GSM8K size)', () => {
    const sim = simulateStopping({ n: 1319, margin: 0.02, alpha: 0.05, discordance: 0.12, sims: 2000, effects: [0, -0.02, -0.04] });
    const [zero, boundary, twice] = sim.rows;
    expect(boundary!.nonInferior).toBeLessThanOrEqual(0.025 + 3 * boundary!.wrongSe);
    expect(twice!.nonInferior).toBeLessThanOrEqual(0.025);
    expect(zero!.inferior).toBeLessThanOrEqual(0.025);
    // Power where the answer is clear: equal models are often called non-inferior, and earlier than N.
    expect(zero!.nonInferior).toBeGreaterThan(0.1);
    expect(zero!.meanShare).toBeLessThan(1);
  });

  it('stopping rule: with a wide margin and little disagreement it stops early', () => {
    const sim = simulateStopping({ n: 1319, margin: 0.05, alpha: 0.05, discordance: 0.06, sims: 500, effects: [0, -0.1] });
    expect(sim.rows[0]!.nonInferior).toBeGreaterThan(0.95);
    expect(sim.rows[0]!.meanShare).toBeLessThan(0.5);
    expect(sim.rows[1]!.inferior).toBeGreaterThan(0.95);
  });

  it('allocation: a tied pair among separated models is declared apart at most α of the time with confidence sequences, not with the repeated Wald test', () => {
    const sim = simulateAllocation({ accuracies: [0.7, 0.7, 0.3, 0.1], n: 1319, alpha: 0.05, sims: 600 });
    const sequence = sim.rows.find((r) => r.rule === 'sequence')!;
    const wald = sim.rows.find((r) => r.rule === 'wald')!;
    expect(sequence.pairError).toBeLessThanOrEqual(0.05 + 3 * sequence.pairErrorSe);
    expect(wald.pairError).toBeGreaterThan(0.15); // the review measured 26%
  });
});
