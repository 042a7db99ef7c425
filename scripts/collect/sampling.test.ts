import { describe, expect, it } from 'vitest';
import { sample, sampleSize } from './sampling.ts';

const items = Array.from({ length: 100 }, (_, i) => ({ id: i, subject: i < 60 ? 'algebra' : i < 90 ? 'geometry' : 'counting' }));

describe('sample', () => {
  it('sizes by count or fraction', () => {
    expect(sampleSize(100, { count: 7 })).toBe(7);
    expect(sampleSize(100, { fraction: 0.2 })).toBe(20);
    expect(sampleSize(5, { count: 50 })).toBe(5);
  });

  it('gives the same draw for the same seed and a different one for another seed, in data order', () => {
    const a = sample(items, { fraction: 0.1 }, 1);
    expect(sample(items, { fraction: 0.1 }, 1)).toEqual(a);
    expect(sample(items, { fraction: 0.1, seed: 2 }, 1)).not.toEqual(a);
    expect(a.map((x) => x.id)).toEqual([...a.map((x) => x.id)].sort((x, y) => x - y));
    expect(new Set(a.map((x) => x.id)).size).toBe(10);
  });

  it('keeps each stratum its share: 20% of 60/30/10 is 12/6/2', () => {
    const s = sample(items, { fraction: 0.2, stratify_by: 'subject' }, 3);
    const count = (sub: string) => s.filter((x) => x.subject === sub).length;
    expect([count('algebra'), count('geometry'), count('counting')]).toEqual([12, 6, 2]);
  });
});
