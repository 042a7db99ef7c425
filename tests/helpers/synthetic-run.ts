/** Writes a canonical run directory with n GSM8K-style per-example lines (made up, for scale tests). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeSyntheticRun(dir: string, n: number, model = 'synthetic/scale-test'): string {
  const bench = join(dir, 'gsm8k');
  mkdirSync(bench, { recursive: true });
  writeFileSync(join(dir, 'run_meta.json'), JSON.stringify({ timestamp_utc: '2026-01-01T00:00:00Z', model, variant: 'scale' }));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const status = i % 10 === 9 ? 'unscorable' : i % 7 === 0 ? 'incorrect' : 'correct';
    const answer = i + (i % 13);
    const got = status === 'incorrect' ? answer + 1 : answer;
    const line: Record<string, unknown> = { id: `ex-${i}`, question: `Question ${i}: what is ${i} + ${i % 13}?`, response: status === 'unscorable' ? `Let me think about ${i}` : `${i} + ${i % 13} = ${got}.\n#### ${got}`, reference: String(answer) };
    if (status === 'unscorable') Object.assign(line, { correct: null, scorable: false, unscorable_reason: 'no #### answer' });
    else Object.assign(line, { extracted: String(got), correct: status === 'correct' });
    lines.push(JSON.stringify(line));
  }
  writeFileSync(join(bench, 'gsm8k_results.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

/**
 * Writes an lm-eval output folder (results + samples) of a reading-comprehension task whose
 * examples carry a continuous F1 next to exact match (made up, for the examples browser's order
 * and range filters): example i has F1 i / n.
 */
export function writeF1Run(dir: string, n = 20, model = 'synthetic/f1-model'): string {
  const out = join(dir, model.replace('/', '__'));
  mkdirSync(out, { recursive: true });
  const stamp = '2026-01-02T03-04-05.678901';
  const samples = Array.from({ length: n }, (_, i) => {
    const f1 = i / n;
    return JSON.stringify({ doc_id: i, target: `answer ${i}`, arguments: { gen_args_0: { arg_0: `Passage ${i}. Question ${i}?`, arg_1: {} } }, resps: [[`reply ${'x'.repeat(i)}`]], filtered_resps: [`reply ${i}`], filter: 'none', metrics: ['exact_match', 'f1'], exact_match: f1 >= 0.9 ? 1 : 0, f1 });
  });
  writeFileSync(join(out, `samples_squadv2_${stamp}.jsonl`), `${samples.join('\n')}\n`);
  const mean = (n - 1) / 2 / n;
  writeFileSync(join(out, `results_${stamp}.json`), JSON.stringify({ results: { squadv2: { 'exact_match,none': 2 / n, 'f1,none': mean, alias: 'squadv2' } }, config: { model: 'hf', model_args: `pretrained=${model}` }, 'n-shot': { squadv2: 0 }, date: 1767323045.0, model_name: model }));
  return dir;
}
