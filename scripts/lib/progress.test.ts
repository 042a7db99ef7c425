import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

describe('createProgress', () => {
  it('prints plain lines with count, rate and ETA when not on a TTY, and always the last one', () => {
    const out: string[] = [];
    let t = 1_000_000;
    const p = createProgress('original/gsm8k', false, { isTTY: false, write: (s) => out.push(s) }, () => t);
    p.total(100);
    p.set(40); // resumed at 40: not part of the rate
    t += 10_000;
    p.set(60);
    t += 10_000;
    p.set(100);
    expect(out).toEqual(['original/gsm8k: 40/100 (0.0/s)\n', 'original/gsm8k: 60/100 (2.0/s) ETA 20 s\n', 'original/gsm8k: 100/100 (3.0/s) ETA 0 s\n']);
  });

  it('redraws one line on a TTY', () => {
    const out: string[] = [];
    const saved = process.env.CI;
    delete process.env.CI;
    const p = createProgress('x', false, { isTTY: true, columns: 80, write: (s) => out.push(s) });
    p.tick();
    p.done();
    if (saved !== undefined) process.env.CI = saved;
    expect(out[0]).toMatch(/^\r\x1b\[2Kx: 1 /);
    expect(out.at(-1)).toBe('\r\x1b[2K');
  });
});
