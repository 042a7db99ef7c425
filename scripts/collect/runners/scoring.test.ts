import { describe, expect, it } from 'vitest';
import { extractFlexible, extractStrict, gsm8kReference, lastBoxed, normalizeMath, scoreExact, scoreGsm8k, scoreMath } from './scoring.ts';

describe('GSM8K', () => {
  it.each([
    ['18 eggs. #### 18', '18'],
    ['#### 1,234', '1234'],
    ['#### $5.', '5'],
    ['first #### 3 then #### 4', '4'],
    ['#### -7', '-7'],
    ['The answer is 18', null],
  ])('strict %j -> %j', (text, out) => {
    expect(extractStrict(text)).toBe(out);
  });

  it.each([
    ['so she pays $1,250.', '1250'],
    ['The answer is 18', '18'],
    ['no digits here', null],
  ])('flexible %j -> %j', (text, out) => {
    expect(extractFlexible(text)).toBe(out);
  });

  it('scores with tolerance, keeps the flexible result, and calls a missing #### unscorable', () => {
    expect(scoreGsm8k('so 0.1+0.2 = #### 0.30000001', '0.3')).toMatchObject({ extracted: '0.30000001', correct: true });
    expect(scoreGsm8k('#### 19', '18')).toMatchObject({ correct: false, extra: { exact_match_strict: 0, exact_match_flexible: 0 } });
    expect(scoreGsm8k('it is 18', '18')).toEqual({ extracted: null, correct: null, reason: "no '#### <number>' answer in the response", extra: { exact_match_flexible: 1 } });
    expect(gsm8kReference('Natalia sold 48/2 = <<48/2=24>>24 clips.\n#### 72')).toBe('72');
  });
});

describe('MATH', () => {
  it('takes the last balanced \\boxed{}', () => {
    expect(lastBoxed('first \\boxed{1} then \\boxed{\\frac{1}{2}} done')).toBe('\\frac{1}{2}');
    expect(lastBoxed('no box')).toBeNull();
  });
  it.each([
    ['\\text{(A)}', '(A)'],
    ['$\\mathrm{ 5 \\, cm }$', '5cm'],
    ['\\dfrac{3}{4}', '\\frac{3}{4}'],
  ])('normalizes %j to %j', (a, b) => {
    expect(normalizeMath(a)).toBe(b);
  });
  it('scores, and names what makes an example unscorable', () => {
    expect(scoreMath('so \\boxed{\\dfrac{3}{4}}', 'thus $\\boxed{\\frac34}$ hmm').correct).toBe(false);
    expect(scoreMath('so \\boxed{\\dfrac{3}{4}}', '\\boxed{\\frac{3}{4}}').correct).toBe(true);
    expect(scoreMath('\\boxed{0.50}', '\\boxed{0.5}').correct).toBe(true);
    expect(scoreMath('it is 4', '\\boxed{4}')).toEqual({ extracted: null, correct: null, reason: 'no \\boxed{} answer in the response' });
    expect(scoreMath('\\boxed{4}', 'four')).toMatchObject({ correct: null, reason: 'the reference solution has no \\boxed{} answer' });
  });
});

describe('exact match', () => {
  it('strips and compares; without a label stores the output unscored', () => {
    expect(scoreExact(' gpt-4 \n', 'gpt-4').correct).toBe(true);
    expect(scoreExact('x', undefined)).toEqual({ extracted: 'x', correct: null });
  });
});
