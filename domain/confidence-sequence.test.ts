import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { ConfidenceSequence, SequentialNonInferiority } from './confidence-sequence.ts';

describe('ConfidenceSequence (betting, anytime-valid)', () => {
  it('covers the true mean at every time at once in ≥ 95% of sequences', () => {
    for (const p of [0.1, 0.5, 0.85]) {
      const rand = seededRandom(Math.round(p * 100));
      let missed = 0;
      const sims = 300;
      for (let s = 0; s < sims; s++) {
        const cs = new ConfidenceSequence(0.05, 201);
        let everMissed = false;
        for (let t = 0; t < 400; t++) {
          cs.push(rand() < p ? 1 : 0);
          const { low, high } = cs.interval();
          if (p < low || p > high) everMissed = true;
        }
        if (everMissed) missed++;
      }
      // ≤ 5% in theory (betting sequences are conservative); 3 Monte-Carlo standard errors of slack.
      expect(missed / sims).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / sims));
    }
  });

  it('narrows as data arrives and is never empty', () => {
    const cs = new ConfidenceSequence(0.05);
    const widths: number[] = [];
    for (let t = 0; t < 2000; t++) {
      cs.push(t % 4 === 0 ? 1 : 0);
      if ((t + 1) % 500 === 0) widths.push(cs.interval().high - cs.interval().low);
    }
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]!);
    const { low, high } = cs.interval();
    expect(low).toBeLessThan(0.25);
    expect(high).toBeGreaterThan(0.25);
    expect(high - low).toBeLessThan(0.1);
  });

  it('refuses observations outside [0, 1]', () => {
    expect(() => new ConfidenceSequence(0.05).push(1.5)).toThrow(/outside \[0, 1\]/);
  });
});

describe('SequentialNonInferiority', () => {
  it('calls a variant that answers like its baseline non-inferior early, with an interval around 0', () => {
    const s = new SequentialNonInferiority(0.05, 0.05);
    let t = 0;
    while (!s.call && t < 5000) s.push(t % 3 === 0 ? 1 : 0, t++ % 3 === 0 ? 1 : 0);
    expect(s.call).toBe('non-inferior');
    expect(s.decidedAt).toBeLessThan(200);
    const { low, high } = s.interval();
    expect(low).toBeGreaterThan(-0.06); // the margin, up to one grid step
    expect(high).toBeGreaterThanOrEqual(0);
  });

  it('calls a variant that loses one answer in five inferior, and counts the flips', () => {
    const s = new SequentialNonInferiority(0.05, 0.05);
    for (let t = 0; t < 1000 && !s.call; t++) s.push(1, t % 5 === 0 ? 0 : 1);
    expect(s.call).toBe('inferior');
    expect(s.discordant[0]).toBeGreaterThan(0);
    expect(s.discordant[1]).toBe(0);
    expect(s.interval().high).toBeLessThan(-0.05);
  });
});
