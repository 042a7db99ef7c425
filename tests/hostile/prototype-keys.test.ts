/**
 * Hostile input, class 1: keys that name parts of an object's prototype. Task, metric, model,
 * variant and dataset names come from files; none may reach a prototype or collide with internal
 * fields. Each dialect gets the same names, and ingest must read them as plain names.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../scripts/ingest/ingest.ts';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evalsite-proto-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const cases: [string, Record<string, string>][] = [
  ['markdown record table', { 'record.md': `# m + awq (A)\n\n| task | metric | score |\n|---|---|---|\n${NAMES.map((n) => `| ${n} | acc | 0.5 |`).join('\n')}\n| gsm8k | acc | 0.7 |\n` }],
  ['lm-eval table', { 'table.md': `hf (pretrained=org/m), limit: None\n|Tasks|Version|Filter|n-shot|Metric| |Value| |Stderr|\n|---|---:|---|---:|---|---|---:|---|---:|\n${NAMES.map((n) => `|${n}|1|none|0|acc|↑|0.5|±|0.01|`).join('\n')}\n|gsm8k|1|none|0|acc|↑|0.7|±|0.01|\n` }],
  ['lm-eval results', { 'results.json': JSON.stringify({ results: Object.fromEntries([...NAMES, 'gsm8k'].map((n) => [n, { alias: n, 'acc,none': 0.5, 'acc_stderr,none': 0.01 }])), versions: Object.fromEntries(NAMES.map((n) => [n, 1])), 'n-shot': Object.fromEntries(NAMES.map((n) => [n, 0])), config: { model: 'hf', model_args: 'pretrained=org/m' } }) }],
  ['task results', { 'a.json': JSON.stringify({ model: 'base', results: Object.fromEntries([...NAMES, 'gsm8k'].map((n) => [n, { 'acc,none': 0.5 }])) }), 'b.json': JSON.stringify({ model: 'tuned', results: Object.fromEntries([...NAMES, 'gsm8k'].map((n) => [n, { 'acc,none': 0.6 }])) }) }],
  ['variant comparison', { 'v.json': JSON.stringify({ model: 'org/m', variants: Object.fromEntries(['original', ...NAMES.slice(1, 4)].map((v) => [v, { variant: v, quantization: null, datasets: Object.fromEntries([...NAMES, 'gsm8k'].map((n) => [n, { accuracy: 0.5, num_total: 100 }])) }])) }) }],
  // NaN makes the file invalid JSON: it is read by the position-tracking parser instead of JSON.parse.
  ['lm-eval results with NaN (position parser)', { 'results.json': `{"results": {${[...NAMES, 'gsm8k'].map((n) => `"${n}": {"acc,none": 0.5, "acc_stderr,none": NaN}`).join(', ')}}, "versions": {"gsm8k": 1}, "config": {"model": "hf", "model_args": "pretrained=org/m"}}` }],
  ['CSV with such a column', { 'acc.csv': `model,benchmark,accuracy,__proto__,constructor\nm,gsm8k,0.7,x,y\n` }],
  ['CSV', { 'acc.csv': `model,benchmark,accuracy\n${NAMES.map((n) => `${n},${n},0.5`).join('\n')}\nm,gsm8k,0.7\n` }],
  ['per-model JSONL', { 'q.jsonl': Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: String(i), question: `q${i}`, ground_truth: 'A', ...Object.fromEntries(NAMES.map((n) => [n, { is_correct: i % 2 === 0, solution: 'A' }])) })).join('\n') }],
];

describe('keys that name prototype parts are plain names in every dialect', () => {
  it.each(cases)('%s', (name, files) => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    const r = ingest({ inputs: [dirWith(files)], root: tmpdir(), analysis: false });
    expect(r.problems.filter((p) => p.severity === 'error'), JSON.stringify(r.problems.slice(0, 3))).toEqual([]);
    expect(r.runs.length).toBeGreaterThan(0);
    const names = new Set(r.runs.flatMap((run) => [run.model, run.variant ?? '', ...run.tasks.map((t) => t.task)]));
    // The names arrive as task, model or variant names (a CSV column of that name is just ignored).
    if (!name.includes('column')) expect(NAMES.some((n) => names.has(n)), [...names].join(', ')).toBe(true);
    // Nothing leaked onto Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
