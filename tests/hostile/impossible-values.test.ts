/**
 * Hostile input, class 8: values no measurement can produce are warnings with file and pointer,
 * kept as raw, left out of rankings and verdicts; percent or fraction is the source's convention,
 * so one bad value cannot rescale a table.
 */
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.ts';
import { ingest } from '../../scripts/ingest/ingest.ts';
import { leaderboards } from '../../src/lib/leaderboard.ts';
import type { Metric, NormalizedRun } from '../../schemas/types.gen.ts';

function read(files: Record<string, string>) {
  const dir = writeTree(files, 'evalsite-impossible-');
  return ingest({ inputs: [dir], root: dir, analysis: false });
}

const lmEval = (model: string, rows: Record<string, Record<string, unknown>>, nShot: Record<string, number> = {}) =>
  JSON.stringify({ results: rows, versions: Object.fromEntries(Object.keys(rows).map((t) => [t, 1])), 'n-shot': nShot, config: { model: 'hf', model_args: `pretrained=${model}` } });

const metric = (run: NormalizedRun | undefined, task: string, name: string): Metric | undefined => run?.tasks.find((t) => t.task === task)?.metrics.find((m) => m.name === name);

describe('impossible values are flagged, kept as raw and not ranked', () => {
  it('lm-eval: accuracy 7.5 and -0.3, stderr -0.2, perplexity -3, n-shot -1', () => {
    const r = read({
      'results.json': lmEval(
        'org/bad',
        {
          gsm8k: { 'exact_match,strict-match': 7.5, 'exact_match_stderr,strict-match': 0.01 },
          arc_easy: { 'acc,none': -0.3, 'acc_stderr,none': 0.01 },
          hellaswag: { 'acc,none': 0.61, 'acc_stderr,none': -0.2 },
          wikitext: { 'word_perplexity,none': -3 },
          mmlu: { 'acc,none': 0.55 },
        },
        { gsm8k: 5, mmlu: -1 },
      ),
    });
    const run = r.runs[0];
    expect(metric(run, 'gsm8k', 'exact_match')).toMatchObject({ value: null, raw: '7.5', impossible: expect.stringMatching(/fraction in 0\.\.1/) });
    expect(metric(run, 'arc_easy', 'acc')).toMatchObject({ value: null, raw: '-0.3' });
    expect(metric(run, 'hellaswag', 'acc')).toMatchObject({ value: 0.61, stderr: null });
    expect(metric(run, 'wikitext', 'word_perplexity')).toMatchObject({ value: null, raw: '-3', impossible: expect.stringMatching(/at least 1/) });
    expect(run?.tasks.find((t) => t.task === 'mmlu')?.nShot).toBeUndefined();
    const warnings = r.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => [p.file, p.pointer])).toEqual([
      ['results.json', '/results/gsm8k/exact_match,strict-match'],
      ['results.json', '/results/arc_easy/acc'],
      ['results.json', '/results/hellaswag/acc'],
      ['results.json', '/results/wikitext/word_perplexity'],
      ['results.json', '/n-shot/mmlu'],
    ]);
    // The values that are fine stay fractions: one 7.5 does not rescale the file.
    expect(metric(run, 'mmlu', 'acc')).toMatchObject({ value: 0.55, scale: 'fraction' });
  });

  it('an impossible score is not ranked first (or at all)', () => {
    const r = read({
      'a/results.json': lmEval('org/good', { gsm8k: { 'exact_match,strict-match': 0.8 } }),
      'b/results.json': lmEval('org/bad', { gsm8k: { 'exact_match,strict-match': 7.5 } }),
      'c/results.json': lmEval('org/ok', { gsm8k: { 'exact_match,strict-match': 0.7 } }),
    });
    const board = leaderboards(r.runs).tasks.find((b) => b.task === 'gsm8k');
    expect(board?.entries.map((e) => e.model)).toEqual(['org/good', 'org/ok']);
    expect(board?.scale).toBe('fraction');
  });

  it('variant comparison: num_correct > num_total; canonical: num_correct > num_scorable, negative VRAM', () => {
    const r = read({
      'study.json': JSON.stringify({ model: 'org/m', variants: { original: { datasets: { gsm8k: { accuracy: 0.8, num_correct: 120, num_total: 100 } } }, fp8: { datasets: { gsm8k: { accuracy: 0.7, num_total: 100 } } } } }),
      'run/run_meta.json': JSON.stringify({ model: 'org/c', timestamp_utc: '2026-01-01T00:00:00Z', vram_peak_mb: -300, total_time_s: -5 }),
      'run/gsm8k/gsm8k_metrics.json': JSON.stringify({ benchmark: 'gsm8k', accuracy_pct: 80, num_total: 10, num_scorable: 10, num_correct: 12 }),
    });
    const original = r.runs.find((x) => x.variant === 'original');
    expect(metric(original, 'gsm8k', 'accuracy')).toMatchObject({ value: null, raw: '0.8', impossible: 'num_correct 120 exceeds num_total 100' });
    const canonical = r.runs.find((x) => x.model === 'org/c');
    expect(metric(canonical, 'gsm8k', 'accuracy')).toMatchObject({ value: null, impossible: 'num_correct 12 exceeds num_scorable 10' });
    expect(canonical?.system).toBeUndefined();
    const pointers = r.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file} ${p.pointer}`);
    expect(pointers).toEqual(expect.arrayContaining(['study.json /variants/original/datasets/gsm8k/num_correct', 'run/gsm8k/gsm8k_metrics.json /num_correct', 'run/run_meta.json /system/vramPeakMb', 'run/run_meta.json /system/totalTimeSeconds']));
  });

  it('serving: negative TTFT and throughput, completed > num_prompts', () => {
    const r = read({ 'bench.json': JSON.stringify({ backend: 'vllm', model_id: 'org/m', num_prompts: 100, completed: 150, request_throughput: -2, mean_ttft_ms: -10, median_ttft_ms: 12, duration: 30 }) });
    const point = r.runs[0]?.serving?.[0];
    expect(point?.metrics).not.toHaveProperty('requestThroughput');
    expect(point?.metrics).not.toHaveProperty('completed');
    expect(Object.values(point?.metrics ?? {}).every((v) => v === null || v >= 0)).toBe(true);
    expect(r.problems.filter((p) => p.severity === 'warning').length).toBeGreaterThanOrEqual(3);
  });

  it('a hand-written record decides percent once for its table; a negative VRAM keeps its sign', () => {
    const pct = read({ 'r.md': '# m + awq\n\n| task | metric | score |\n|---|---|---|\n| gsm8k | accuracy | 78.5 |\n| mmlu | accuracy | 61.2 |\n' });
    expect(pct.runs[0]?.tasks.map((t) => t.metrics[0]?.value)).toEqual([0.785, 0.612]);
    const frac = read({ 'r.md': '# m + awq\n\n| task | metric | score |\n|---|---|---|\n| gsm8k | accuracy | 0.785 |\n| mmlu | accuracy | 7.5 |\n| arc | accuracy | 0.61 |\n\n- **VRAM peak**: -2.5 GB\n' });
    expect(frac.runs[0]?.tasks.map((t) => t.metrics[0]?.value)).toEqual([0.785, null, 0.61]);
    expect(frac.runs[0]?.system).toBeUndefined();
    expect(frac.problems.map((p) => p.message).join('\n')).toMatch(/peak VRAM is negative \(-2560\)/);
  });
});
