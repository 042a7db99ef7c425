import { describe, expect, it } from 'vitest';
import { FailureGuard } from './run-quality.ts';

describe('FailureGuard', () => {
  it('trips after N failures in a row, not on scattered ones', () => {
    const g = new FailureGuard(0.5, 3);
    for (const e of [undefined, 'refused', undefined, 'refused', 'refused']) g.record(e);
    expect(g.reason).toBeUndefined();
    g.record('connection error: ECONNREFUSED');
    expect(g.reason).toBe('3 requests in a row failed (last: connection error: ECONNREFUSED)');
  });

  it('trips when the share of failures passes the rate, once 50 were asked', () => {
    const g = new FailureGuard(0.02, 100);
    for (let i = 0; i < 49; i++) g.record(i % 10 === 0 ? 'HTTP 500' : undefined);
    expect(g.reason).toBeUndefined(); // 5 of 49, but fewer than 50 asked
    g.record(undefined);
    expect(g.reason).toBeUndefined(); // the check runs on a failure
    g.record('HTTP 500');
    expect(g.reason).toBe('6 of 51 requests failed (11.8%, more than 2.0%; last: HTTP 500)');
  });

  it('stays quiet at or below the rate', () => {
    const g = new FailureGuard(0.02, 10);
    for (let i = 0; i < 200; i++) g.record(i % 50 === 49 ? 'timed out' : undefined);
    expect(g.reason).toBeUndefined();
  });
});
