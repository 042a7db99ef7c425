import { describe, expect, it } from 'vitest';
import { shardSteps, type Step } from './plan.ts';
import type { Dataset, Variant } from './config.ts';

const variants = (n: number): Variant[] => Array.from({ length: n }, (_, i) => ({ name: `v${i}` }));
const datasets: Dataset[] = ['gsm8k', 'math', 'mmlu'].map((name) => ({ name, type: 'gsm8k', path: `${name}.jsonl` }));
const matrix = (vs: Variant[]): Step[] => vs.flatMap((variant) => [...datasets.map((dataset) => ({ kind: 'quality' as const, variant, dataset })), { kind: 'bench' as const, variant }]);

describe('shardSteps', () => {
  it('deals every step to exactly one shard, and each shard loads one model when there are enough shards', () => {
    for (let v = 1; v <= 4; v++) {
      const all = matrix(variants(v));
      for (let n = 1; n <= 12; n++) {
        const shards = Array.from({ length: n }, (_, index) => shardSteps(all, { index, count: n }));
        expect(shards.flat().sort((a, b) => all.indexOf(a) - all.indexOf(b)), `${v} variants, ${n} shards`).toEqual(all);
        const modelsPerShard = shards.map((steps) => new Set(steps.map((s) => s.variant)).size);
        // Fewer shards than variants: whole variants per shard, as evenly as they go.
        if (n >= v) expect(Math.max(...modelsPerShard), `${v} variants, ${n} shards`).toBeLessThanOrEqual(1);
        else expect(Math.max(...modelsPerShard)).toBe(Math.ceil(v / n));
        // Each variant loads its model in as few shards as its share allows.
        for (const variant of new Set(all.map((s) => s.variant))) {
          const loads = shards.filter((steps) => steps.some((s) => s.variant === variant)).length;
          expect(loads).toBeLessThanOrEqual(Math.max(1, Math.ceil(n / v)));
        }
      }
    }
  });
});
