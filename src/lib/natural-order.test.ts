import { describe, expect, it } from 'vitest';
import { byModelAndVariant, naturalCompare } from './natural-order.ts';

describe('natural order', () => {
  it('compares numbers inside names as numbers, ignoring case', () => {
    expect(['model-10', 'model-2', 'Model-1', 'model-100'].sort(naturalCompare)).toEqual(['Model-1', 'model-2', 'model-10', 'model-100']);
    expect(['pythia-1.4b-step11500', 'pythia-1.4b-step9000'].sort(naturalCompare)).toEqual(['pythia-1.4b-step9000', 'pythia-1.4b-step11500']);
  });

  it('orders runs by model, variant, then id', () => {
    const runs = [{ model: 'm-10', id: 'a' }, { model: 'm-2', variant: 'fp8', id: 'c' }, { model: 'm-2', variant: 'awq', id: 'd' }, { model: 'm-2', variant: 'awq', id: 'b' }];
    expect(runs.sort(byModelAndVariant).map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
  });
});
