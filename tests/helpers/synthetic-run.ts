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
