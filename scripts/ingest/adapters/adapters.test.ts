/**
 * Each dialect's adapter against fixtures written for it (scripts/ingest/__fixtures__) and the
 * embedded examples (examples/), read through the real detection in ingest().
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../ingest.ts';
import type { NormalizedRun } from '../../../schemas/types.gen.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIX = join(ROOT, 'scripts', 'ingest', '__fixtures__');
const EX = join(ROOT, 'examples');

function read(...paths: string[]) {
  return ingest({ inputs: paths, root: ROOT });
}
function task(run: NormalizedRun | undefined, name: string) {
  return run?.tasks.find((t) => t.task === name);
}
function metric(run: NormalizedRun | undefined, taskName: string, name: string, filter = 'none') {
  return task(run, taskName)?.metrics.find((m) => m.name === name && (m.filter ?? 'none') === filter);
}

describe('lm-eval results (0.4.x) with samples beside them', () => {
  const r = read(join(FIX, 'lm-eval-v04', 'input'));
  const run = r.runs[0];

  it('reads one run with model, date and environment', () => {
    expect(r.runs).toHaveLength(1);
    expect(run).toMatchObject({ model: 'org/model-7b', dialect: 'lm-eval', timestamp: '2026-01-02T03:04:05.000Z' });
    expect(run?.environment).toMatchObject({
      os: 'Ubuntu 22.04.4 LTS (x86_64)',
      cuda: '12.4.131',
      driver: '550.54.15',
      gitCommit: 'v0.4.8-12-gab90eba',
      gpus: [{ index: 0, name: 'NVIDIA H100 80GB HBM3' }, { index: 1, name: 'NVIDIA H100 80GB HBM3' }],
      packages: { torch: '2.6.0+cu124', transformers: '4.51.3', 'lm-eval': '0.4.8' },
    });
    expect(run?.system).toEqual({ totalTimeSeconds: 123.5 });
    expect(run?.sampling).toEqual({ limit: 4 });
  });

  it('splits metric,filter keys and pairs each with its stderr ("N/A" -> null)', () => {
    expect(metric(run, 'gsm8k', 'exact_match', 'strict-match')).toMatchObject({ value: 0.5, stderr: 0.2236, higherIsBetter: true, scale: 'fraction' });
    expect(metric(run, 'gsm8k', 'exact_match', 'flexible-extract')).toMatchObject({ value: 0.75, stderr: null });
    expect(task(run, 'gsm8k')).toMatchObject({ primary: 'exact_match,strict-match', nShot: 5, numSamples: 4, numSamplesOriginal: 1319, version: 3 });
  });

  it('keeps Infinity/NaN as missing values with the raw token, direction from higher_is_better', () => {
    expect(metric(run, 'polymer', 'mae')).toMatchObject({ value: null, raw: 'Infinity', stderr: null, higherIsBetter: false });
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('non-finite') }));
  });

  it('builds the group tree from group_subtasks', () => {
    expect(task(run, 'mmlu')).toMatchObject({ isGroup: true });
    expect(task(run, 'mmlu_stem')).toMatchObject({ isGroup: true, group: 'mmlu', alias: 'stem' });
    expect(task(run, 'mmlu_abstract_algebra')).toMatchObject({ group: 'mmlu_stem', nShot: 5 });
  });

  it('masks the API key in model_args', () => {
    expect(JSON.stringify(run?.settings)).not.toContain('sk-test');
  });

  it('reads the samples of the primary filter and reports the line cut mid-write', () => {
    const ex = r.examples.get(run!.id)?.gsm8k;
    expect(ex?.map((e) => [e.id, e.status])).toEqual([['0', 'correct'], ['1', 'incorrect'], ['2', 'correct'], ['3', 'incorrect']]);
    expect(ex?.[1]).toMatchObject({ prompt: 'Question: 2+1?\nAnswer:', response: 'The answer is 3', reference: '3', extracted: '[invalid]' });
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', line: 9, message: expect.stringContaining('cut off mid-write') }));
  });
});

describe('lm-eval results (0.3)', () => {
  it('reads bare metric keys, model from model_args and n-shot from config', () => {
    const run = read(join(FIX, 'lm-eval-v03', 'input')).runs[0];
    expect(run?.model).toBe('facebook/opt-125m');
    expect(metric(run, 'hellaswag', 'acc_norm')).toMatchObject({ value: 0.31, stderr: 0.0046 });
    expect(metric(run, 'lambada_openai', 'ppl')).toMatchObject({ value: 26.02, higherIsBetter: false, scale: 'raw' });
    expect(task(run, 'hellaswag')).toMatchObject({ nShot: 0, primary: 'acc' });
  });
});

describe('canonical run directories (examples/canonical-run, seed 003 layout)', () => {
  const r = read(join(EX, 'canonical-run'));
  const quality = r.runs.find((x) => x.tasks.length > 0);
  const online = r.runs.find((x) => x.serving?.some((s) => s.mode === 'online'));
  const offline = r.runs.find((x) => x.serving?.some((s) => s.mode === 'offline'));

  it('reads the quality, throughput and online directories as three runs, with no problems', () => {
    expect(r.runs).toHaveLength(3);
    expect(r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('takes accuracy from _metrics.json, or _metrics.csv when that is all there is', () => {
    expect(task(quality, 'gsm8k')).toMatchObject({ numSamples: 11, numUnscorable: 1, primary: 'accuracy' });
    expect(metric(quality, 'gsm8k', 'accuracy')?.value).toBeCloseTo(10 / 11, 4);
    expect(metric(quality, 'math', 'accuracy')?.value).toBeCloseTo(0.8, 4);
    expect(metric(quality, 'routerbench', 'accuracy')).toMatchObject({ value: null });
  });

  it('merges unscorable lines into the per-example records with their reason', () => {
    const gsm = r.examples.get(quality!.id)?.gsm8k ?? [];
    expect(gsm).toHaveLength(12);
    expect(gsm.find((e) => e.status === 'unscorable')?.reason).toContain("no '#### <number>'");
    const comma = gsm.find((e) => e.extracted?.includes(','));
    expect(comma?.response?.slice(...(comma.extractedSpan as [number, number]))).toBe(comma?.extracted);
    expect(r.examples.get(quality!.id)?.math?.find((e) => e.status === 'unscorable')?.reason).toBe('no \\boxed{} answer in the response');
  });

  it('reads run_meta provenance and masks secrets in config snapshots', () => {
    expect(quality?.environment).toMatchObject({ hostname: 'gpu-node-01', gitCommit: '3f2c9ab', seed: 1234, slurmJobId: '482913', configHash: '9c1e4b7a2d10', cudnn: '90100' });
    expect(quality?.environment?.gpus).toHaveLength(4);
    expect(quality?.environment?.packages).toMatchObject({ vllm: '0.8.5', torch: '2.6.0' });
    expect(quality?.system).toEqual({ vramPeakMb: 301234.5, totalTimeSeconds: 2710.4 });
    const serving = quality?.configFiles?.find((f) => f.name === 'serving.yaml');
    expect(serving?.text).toContain('tensor_parallel_size: 4');
    expect(serving?.text).not.toContain('EXAMPLE-NOT-A-SECRET');
  });

  it('maps seed 003 serving names to canonical ones', () => {
    expect(offline?.serving?.[0]?.metrics).toMatchObject({ request_throughput_rps: 3.42, output_throughput_tps: 1431.9, p99_ttft_ms: 5120.7 });
    expect(online?.serving?.map((s) => [s.requestRate, s.metrics.p99_e2el_ms])).toEqual([[1, 15877], [5, 21990.3], [10, 38812.5]]);
  });

  it('labels runs as illustrative example data', () => {
    expect(quality?.example).toMatchObject({ illustrative: true });
  });
});

describe('sampled canonical runs are marked sampled, never taken for complete ones', () => {
  it('run_meta sampling.count (a 50-example subset) with its seed', () => {
    const r = read(join(FIX, 'canonical-sampled-count', 'input'));
    expect(r.problems).toEqual([]);
    expect(r.runs[0]?.sampling).toEqual({ count: 50, seed: 7 });
  });

  it('lm-eval output in lm_eval/ that used --limit 50', () => {
    const r = read(join(FIX, 'canonical-lm-eval-limit', 'input'));
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]?.sampling).toEqual({ limit: 50 });
    expect(task(r.runs[0], 'gsm8k')).toMatchObject({ numSamples: 50, numSamplesOriginal: 1319 });
  });

  it('a complete run has no sampling', () => {
    expect(read(join(EX, 'collected-study', 'original')).runs[0]?.sampling).toBeUndefined();
  });
});

describe('canonical bench metrics from CSV are checked like the JSON form', () => {
  it('reports a bad CSV value with file, line and field, and keeps the other benches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-csv-metrics-'));
    mkdirSync(join(dir, 'run', 'gsm8k'), { recursive: true });
    mkdirSync(join(dir, 'run', 'math'), { recursive: true });
    writeFileSync(join(dir, 'run', 'gsm8k', 'gsm8k_metrics.csv'), 'benchmark,accuracy_pct,num_total\ngsm8k,not-a-number,100\n');
    writeFileSync(join(dir, 'run', 'math', 'math_metrics.csv'), 'benchmark,accuracy_pct,num_total\nmath,42.5,200\n');
    const r = ingest({ inputs: [dir], root: dir });
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'error', file: 'run/gsm8k/gsm8k_metrics.csv', line: 2, pointer: '/accuracy_pct' }));
    expect(r.runs[0]?.tasks.map((t) => t.task)).toEqual(['math']);
  });
});

describe('variant-comparison JSON (seed 000)', () => {
  const r = read(join(EX, 'variant-comparison'));
  it('makes one run per variant and a study with original as baseline', () => {
    expect(r.runs.map((x) => x.variant)).toEqual(['original', 'fp8', 'awq']);
    const study = r.studies[0]!;
    expect(study.baseline).toBe(r.runs[0]!.id);
    expect(study.reported?.gsm8k).toEqual({ best: 'original', worst: 'awq', degradation: { fp8: 0.0085, awq: 0.0257 } });
    expect(task(r.runs[2], 'gsm8k')).toMatchObject({ numSamples: 1319, efficiency: { latencySeconds: 1102.13, questionsPerSecond: 1.197, invalidRate: 0.0298 } });
    expect(r.runs[1]?.quantization).toBe('fp8');
  });
});

describe('task-results JSON pairs (seed 004)', () => {
  it('forms a base-vs-finetuned study with the base model as baseline', () => {
    const r = read(join(EX, 'task-results'));
    expect(r.runs.map((x) => x.model).sort()).toEqual(['base_unfinetuned', 'finetuned']);
    const base = r.runs.find((x) => x.model === 'base_unfinetuned');
    expect(r.studies[0]?.baseline).toBe(base?.id);
    expect(metric(base, 'gsm8k', 'exact_match', 'flexible-extract')?.value).toBe(0.105);
  });
});

describe('vLLM benchmark JSON', () => {
  it('merges old raw results and the nightly summary of one directory into one run, raw winning', () => {
    const r = read(join(FIX, 'vllm-old', 'input'));
    expect(r.runs).toHaveLength(1);
    const run = r.runs[0]!;
    expect(run.model).toBe('org/old-model');
    // HTTP serving at rate inf is online at maximum rate, not offline.
    expect(run.serving?.map((s) => [s.mode, s.requestRate])).toEqual([['online', 1], ['online', null]]);
    expect(run.timestamp).toBe('2025-04-14T14:16:21');
    const inf = run.serving?.find((s) => s.requestRate === null);
    expect(inf?.metrics).toMatchObject({ request_throughput_rps: 2, request_goodput_rps: null, p50_ttft_ms: 48, p99_itl_ms: 20 });
    expect(JSON.stringify(run)).not.toContain('<script>');
  });

  it('reads the dialect example with three rates', () => {
    const run = read(join(EX, 'vllm-bench')).runs[0];
    expect(run?.serving?.map((s) => s.requestRate)).toEqual([1, 4, null]);
  });
});

describe('markdown records (seed 001) and lm-eval tables', () => {
  it('reads the seed 001 record: quantization, PPL, lm-eval table with groups, VRAM, time, environment', () => {
    const run = read(join(EX, 'markdown-record')).runs[0];
    expect(run).toMatchObject({ model: 'qwen2.5-7b', variant: 'awq', description: 'Track A', quantization: 'awq', dialect: 'markdown-record' });
    expect(run?.perplexity).toEqual([{ dataset: 'wikitext2', ppl: 6.9134, nll: 1.933458 }]);
    expect(run?.system).toEqual({ vramPeakMb: 19890.8, totalTimeSeconds: 5798.8 });
    expect(metric(run, 'arc_challenge', 'acc_norm')).toMatchObject({ value: 0.5418, stderr: 0.0146 });
    expect(task(run, 'mmlu_formal_logic')).toMatchObject({ group: 'mmlu_humanities', alias: 'formal_logic' });
    expect(run?.environment).toMatchObject({ hostname: 'sev-cxl', driver: '580.95.05', cuda: '12.8', cudnn: '91002', seed: 42, gpus: [{ index: 0, name: 'NVIDIA H200 NVL', memoryMb: 143771 }] });
    expect(run?.environment?.packages).toMatchObject({ torch: '2.10.0+cu128', 'lm-eval': '0.4.11', numpy: '2.4.2' });
    expect(run?.quantizationParams).toMatchObject({ method: 'awq', calibDataset: 'wikitext2', calibSamples: 128, weight: { w_bits: 4, group_size: 128 } });
  });

  it('reads lm-eval stdout tables: continuation rows, indentation groups, N/A stderr, no duplicate group rows', () => {
    const run = read(join(FIX, 'md-table', 'input')).runs[0];
    expect(run).toMatchObject({ model: 'org/moe-base', dialect: 'lm-eval-table', sampling: { limit: 100 } });
    expect(task(run, 'arc_easy')?.metrics.map((m) => [m.name, m.value, m.stderr])).toEqual([['acc', 0.738, 0.0139], ['acc_norm', 0.685, 0.0147]]);
    expect(task(run, 'anatomy')).toMatchObject({ group: 'stem' });
    expect(metric(run, 'wikitext', 'word_perplexity')).toMatchObject({ value: 9.1234, stderr: null, higherIsBetter: false });
    expect(run?.tasks.filter((t) => t.task === 'mmlu')).toHaveLength(1);
  });

  it('reads a GBK-encoded record and says so', () => {
    const r = read(join(FIX, 'gbk-record', 'input'));
    expect(r.runs[0]).toMatchObject({ model: 'tiny-1b', variant: 'gptq', system: { vramPeakMb: 2560, totalTimeSeconds: 720 } });
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('GB18030') }));
    expect(r.runs[0]?.environment?.command).not.toContain('hf_abcdefghijklmnopqrstuvwxyz');
  });

  it('repairs a mojibake record and reports the repair', () => {
    const r = read(join(FIX, 'mojibake-record', 'input'));
    expect(r.runs[0]).toMatchObject({ model: 'tiny-1b', variant: 'gptq' });
    expect(metric(r.runs[0], 'piqa', 'acc')?.value).toBe(0.7);
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('mojibake') }));
  });
});

describe('CSV', () => {
  it('reads a multi-model accuracy table (seed 002) as one sampled run per model', () => {
    const r = read(join(EX, 'csv'));
    expect(r.runs).toHaveLength(7);
    const ernie = r.runs.find((x) => x.model === 'ERNIE-3.5-8K');
    expect(metric(ernie, 'm3ke', 'accuracy')?.value).toBe(0.8178);
    expect(ernie?.sampling).toEqual({ fraction: 0.01 });
  });
});

describe('compare printouts (seed 004 compare_results.py output)', () => {
  it('reads the blocks into a base and a fine-tuned run and checks the printed delta', () => {
    const dir = join(FIX, 'compare-printout', 'input');
    const r = ingest({ inputs: [dir], root: dir });
    expect(r.runs.map((x) => [x.model, x.tasks.map((t) => [t.task, t.metrics[0]?.value])])).toEqual([
      ['Base Model', [['gsm8k', 0.105], ['mmlu_college_chemistry', 0.3]]],
      ['Finetuned Model (Checkpoint-6000)', [['gsm8k', 0.2652], ['mmlu_college_chemistry', 0.25]]],
    ]);
    expect(r.studies[0]?.baseline).toBe(r.runs[0]?.id);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', line: 11, message: expect.stringContaining('printed Δ -6.00% for mmlu_college_chemistry does not match -5.00%') })]); // line 11: the Δ line
  });

  const SEED = join(ROOT, '..', 'shared', 'seeds', '004_72a6c3b56d1df05c.txt');
  it.skipIf(!existsSync(SEED))('reads the mis-encoded seed 004 document itself, reporting the repair', () => {
    const r = read(SEED);
    expect(r.runs.map((x) => x.tasks.map((t) => t.metrics[0]?.value))).toEqual([[0.105, 0.512, 0.3], [0.2652, 0.5512, 0.25]]);
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('mojibake') }));
  });
});
