/**
 * Answer extraction and scoring, as seed 003 and lm-eval define them.
 * GSM8K: strict `#### <number>` (last occurrence) decides; lm-eval's flexible extraction (last number
 * in the text) is kept beside it. Commas, `$` and a trailing `.` are ignored; numbers match within
 * a relative tolerance of 1e-4. MATH: the last \boxed{...} with seed 003's normalisation.
 */

export interface Scored {
  extracted: string | null;
  correct: boolean | null;
  /** Why the example cannot be scored (no answer found, no reference, request error). */
  reason?: string;
  extra?: Record<string, number | null>;
}

const STRICT = /#### \$?(-?[0-9.,]+)/g;
const FLEXIBLE = /(-?[$0-9.,]{2,})|(-?[0-9]+)/g;

export function cleanNumber(s: string): string {
  return s.replace(/[,$\s]/g, '').replace(/\.$/, '');
}

export function numbersEqual(a: string, b: string, rel = 1e-4): boolean {
  const x = Number(cleanNumber(a));
  const y = Number(cleanNumber(b));
  if (!Number.isFinite(x) || !Number.isFinite(y)) return cleanNumber(a) === cleanNumber(b);
  return Math.abs(x - y) <= rel * Math.max(1, Math.abs(y));
}

export function gsm8kReference(answer: string): string {
  const m = /####\s*(-?[0-9.,]+)/.exec(answer);
  return cleanNumber(m ? m[1]! : answer);
}

export function extractStrict(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(STRICT)) last = m[1]!;
  return last === null ? null : cleanNumber(last);
}

export function extractFlexible(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(FLEXIBLE)) last = m[1] ?? m[2] ?? null;
  if (last === null) return null;
  const n = cleanNumber(last);
  return /\d/.test(n) ? n : null;
}

export function scoreGsm8k(response: string, reference: string): Scored {
  const strict = extractStrict(response);
  const flexible = extractFlexible(response);
  const flexCorrect = flexible === null ? 0 : numbersEqual(flexible, reference) ? 1 : 0;
  if (strict === null) return { extracted: null, correct: null, reason: "no '#### <number>' answer in the response", extra: { exact_match_flexible: flexCorrect } };
  const correct = numbersEqual(strict, reference);
  return { extracted: strict, correct, extra: { exact_match_strict: correct ? 1 : 0, exact_match_flexible: flexCorrect } };
}

/** Content of the last \boxed{...} (or \fbox{...}), braces balanced; null when there is none. */
export function lastBoxed(text: string): string | null {
  const idx = Math.max(text.lastIndexOf('\\boxed'), text.lastIndexOf('\\fbox'));
  if (idx < 0) return null;
  const open = text.indexOf('{', idx);
  if (open < 0) {
    const m = /^\\boxed ([^\s$]+)/.exec(text.slice(idx));
    return m ? m[1]! : null;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

/** Seed 003: strip \text{}, \mathrm{}, dollar signs; collapse whitespace. */
export function normalizeMath(s: string): string {
  let out = s;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/\\(?:text|mathrm|textbf|mbox)\{([^{}]*)\}/g, '$1');
  }
  return out.replace(/\$/g, '').replace(/\\[,!;:]/g, '').replace(/\\left|\\right/g, '').replace(/\\dfrac|\\tfrac/g, '\\frac').replace(/\s+/g, ' ').trim().replace(/\.$/, '').replace(/ /g, '');
}

function mathEqual(a: string, b: string): boolean {
  const x = normalizeMath(a);
  const y = normalizeMath(b);
  if (x === y) return true;
  const nx = Number(x.replace(/,/g, ''));
  const ny = Number(y.replace(/,/g, ''));
  return Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' && Math.abs(nx - ny) <= 1e-4 * Math.max(1, Math.abs(ny));
}

export function scoreMath(response: string, solution: string): Scored {
  const reference = lastBoxed(solution);
  if (reference === null) return { extracted: lastBoxed(response), correct: null, reason: 'the reference solution has no \\boxed{} answer' };
  const extracted = lastBoxed(response);
  if (extracted === null) return { extracted: null, correct: null, reason: 'no \\boxed{} answer in the response' };
  return { extracted, correct: mathEqual(extracted, reference) };
}

/** RouterBench-style: exact match of the stripped output and the label; no label -> stored, not scored. */
export function scoreExact(response: string, label: string | undefined | null): Scored {
  if (label === undefined || label === null) return { extracted: response.trim(), correct: null };
  return { extracted: response.trim(), correct: response.trim() === String(label).trim() };
}
