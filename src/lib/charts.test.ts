import { describe, expect, it } from 'vitest';
import { scatter } from './charts.ts';

describe('scatter', () => {
  it('never draws a bounded quantity past its limits (Kendall τ ≤ 1, a share in 0..100)', () => {
    const pts = [{ label: 'a', x: 0, y: 1, pareto: true }, { label: 'b', x: 99, y: 0.5, pareto: false }];
    const bounded = scatter(pts, String, String, { x: [0, 100], y: [-1, 1] });
    // τ = 1 sits on the top edge and a 0% share on the left edge: the axis does not run past them.
    expect(bounded.points.find((p) => p.label === 'a')?.cy).toBe(bounded.margin.top);
    expect(bounded.points.find((p) => p.label === 'a')?.cx).toBe(bounded.margin.left);
    expect(Math.max(...bounded.y.ticks.map((t) => t.value))).toBeLessThanOrEqual(1);
    const free = scatter(pts, String, String);
    expect(free.points.find((p) => p.label === 'a')!.cy).toBeGreaterThan(free.margin.top);
  });
});
