import { describe, expect, it } from 'vitest';
import { formatDelta, formatMetric, formatNumber, formatPercent, formatStderr, stderrFromN } from './format.ts';

describe('Intl formatting per locale', () => {
  it.each([
    ['en', 0.7856, '78.56%'],
    ['zh', 0.7856, '78.56%'],
    ['en', null, '—'],
  ] as const)('%s percent of %s', (locale, v, out) => {
    expect(formatPercent(locale, v)).toBe(out);
  });

  it('groups thousands and keeps small values readable', () => {
    expect(formatNumber('en', 19890.8)).toBe('19,891');
    expect(formatNumber('en', 0.0036)).toBe('0.0036');
  });

  it('shows fractions as percent with stderr in points, other metrics raw', () => {
    expect(formatMetric('en', { value: 0.5162, scale: 'fraction' })).toBe('51.62%');
    expect(formatStderr('en', { stderr: 0.0146, scale: 'fraction' })).toBe('±1.46');
    expect(formatMetric('en', { value: 6.9134, scale: 'raw' })).toBe('6.9134');
    expect(formatMetric('en', { value: null, raw: 'Infinity' })).toBe('Infinity');
  });

  it('signs deltas and names percentage points', () => {
    expect(formatDelta('en', 0.1602, 'fraction')).toBe('+16.02 pp');
    expect(formatDelta('zh', -0.05, 'fraction')).toBe('-5.00 个百分点');
  });
});

describe('stderrFromN', () => {
  it('computes the binomial standard error only where the source gave none', () => {
    expect(stderrFromN({ value: 0.7, scale: 'fraction' }, 100)).toBeCloseTo(Math.sqrt(0.21 / 100), 12);
    expect(stderrFromN({ value: 0.7, scale: 'fraction', stderr: 0.01 }, 100)).toBeUndefined();
    expect(stderrFromN({ value: 12.5, scale: 'raw' }, 100)).toBeUndefined();
    expect(stderrFromN({ value: 0.7, scale: 'fraction' }, undefined)).toBeUndefined();
  });
});
