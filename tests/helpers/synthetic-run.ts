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

/**
 * Writes a canonical run as a collector leaves it after resuming (made up, for the spooled read of
 * results files): some ids answered twice (the later line replaces the earlier, in shards already
 * written and in the last one), an unscorable file that adds to result lines and names ids of its
 * own, secrets in prompts and replies, and lm-eval output in lm_eval/ with a samples file.
 */
export function writeResumedRun(dir: string, n = 1300, model = 'synthetic/resumed'): string {
  const bench = join(dir, 'gsm8k');
  mkdirSync(bench, { recursive: true });
  writeFileSync(join(dir, 'run_meta.json'), JSON.stringify({ timestamp_utc: '2026-01-01T00:00:00Z', model, variant: 'resumed' }));
  const line = (i: number, answer: 'right' | 'wrong' | 'error', attempt: number) =>
    JSON.stringify({
      id: `q-${i}`,
      question: `Few-shot examples… https://alice:pw-${i}@mirror.example.com/data\n\nQuestion ${i}: what is ${i} + 1?`,
      response: answer === 'error' ? '' : `attempt ${attempt}: password: hunter${i} so ${answer === 'right' ? i + 1 : i}\n#### ${answer === 'right' ? i + 1 : i}`,
      reference: String(i + 1),
      ...(answer === 'error' ? { correct: null, error: 'server closed the connection' } : { extracted: String(answer === 'right' ? i + 1 : i), correct: answer === 'right' }),
    });
  const lines = Array.from({ length: n }, (_, i) => line(i, i % 11 === 0 ? 'error' : i % 3 ? 'right' : 'wrong', 1));
  // Resumed: failed requests asked again (ids in every shard, the last one included), one id twice.
  for (let i = 0; i < n; i += 11) lines.push(line(i, i % 2 ? 'right' : 'wrong', 2));
  lines.push(line(22, 'right', 3));
  // One id asked again thousands of times (hostile or a looping client): the last answer stands.
  for (let k = 0; k < 3000; k++) lines.push(line(7, k % 2 ? 'right' : 'wrong', 10 + k));
  writeFileSync(join(bench, 'gsm8k_results.jsonl'), `${lines.join('\n')}\n`);
  const unscorable = [5, 600, n - 2].map((i) => JSON.stringify({ id: `q-${i}`, reason: 'two final answers', unscorable_reason: 'ambiguous', api_key: `sk-${'z'.repeat(20)}${i}` }));
  for (let k = 0; k < 50; k++) unscorable.push(JSON.stringify({ id: 'q-600', unscorable_reason: `repeat ${k}` }));
  unscorable.push(JSON.stringify({ id: 'q-only-unscorable', question: 'token=abc123secretvalue what?', reason: 'no reply' }));
  writeFileSync(join(bench, 'gsm8k_unscorable.jsonl'), `${unscorable.join('\n')}\n`);
  writeF1Run(join(dir, 'lm_eval'), 30, model);
  return dir;
}
