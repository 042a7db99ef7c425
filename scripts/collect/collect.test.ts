/**
 * The collector end to end on real code paths, with TEST DOUBLES only at the GPU boundary: stand-in
 * `vllm` and `lm_eval` executables on PATH (tests/stand-ins) that check their arguments, serve the
 * loopback OpenAI-compatible test server and write files in the real tools' formats.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'tests', 'fixtures', 'collect');
const work = mkdtempSync(join(tmpdir(), 'evalsite-collect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function setup(name: string, edit?: (yaml: string) => string): { dir: string; config: string; logs: string; out: string } {
  const dir = join(work, name);
  cpSync(FIX, dir, { recursive: true });
  const config = join(dir, 'study.yaml');
  if (edit) writeFileSync(config, edit(readFileSync(config, 'utf8')));
  return { dir, config, logs: join(dir, 'standin-logs'), out: join(dir, 'results') };
}

function env(logs: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(ROOT, 'tests', 'stand-ins')}:${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, STANDIN_LOG_DIR: logs, CI: '1', ...extra };
}

function collect(args: string[], e: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), ...args], { encoding: 'utf8', env: e, timeout: 120_000 });
}

const json = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;
const lines = (p: string) => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);

describe('collect --dry-run', () => {
  it('prints every command, dataset with its sample count, and output path', () => {
    const s = setup('dry');
    const r = collect(['--config', s.config, '--dry-run', '--out', s.out], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('study standin-study (config hash ');
    expect(r.stdout).toMatch(/variant fp8 \(FP8 weights quantized at load\) -> .*results\/standin-study\/fp8/);
    expect(r.stdout).toContain('server: vllm serve org/tiny-model --host 127.0.0.1 --port <free port> --served-model-name org/tiny-model --seed 7 --quantization fp8 --kv-cache-dtype fp8 --max-model-len 4096');
    expect(r.stdout).toMatch(/gsm8k gsm8k: 22 examples from data\/gsm8k.jsonl, completions endpoint, concurrency 4 -> .*fp8\/gsm8k\/gsm8k_results.jsonl/);
    expect(r.stdout).toContain("lm-eval lm-eval [hellaswag, arc_easy, wikitext]: lm_eval --model local-completions --model_args 'model=org/tiny-model,base_url=<server>/v1/completions,num_concurrent=4,tokenized_requests=False,tokenizer=org/tiny-model' --tasks hellaswag,arc_easy,wikitext");
    expect(r.stdout).toContain('bench 4 req/s: vllm bench serve --backend vllm');
    expect(existsSync(s.out)).toBe(false);
  });

  it('names file, line and field of a bad config', () => {
    const s = setup('bad', (y) => y.replace('concurrency: 4', 'concurrency: many'));
    const r = collect(['--config', s.config, '--dry-run'], env(s.logs));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: .*study\.yaml:34 \/generation\/concurrency: must be integer \(expected type integer, found "many"\)/);
  });

  it('warns about the slow AWQ kernel and a missing pre-quantized checkpoint', () => {
    const s = setup('awq', (y) => y.replace('    quantization: fp8\n', '    quantization: awq\n'));
    const r = collect(['--config', s.config, '--dry-run'], env(s.logs));
    expect(r.stderr).toContain("warning: variant fp8: --quantization awq forces vLLM's slow AWQ kernel; omit it (pre-quantized checkpoints are detected) or use awq_marlin");
    expect(r.stderr).toContain('warning: variant fp8: awq needs a pre-quantized checkpoint in "model"');
  });

  it('splits the variant x dataset matrix across shards', () => {
    const s = setup('shards');
    const out0 = collect(['--config', s.config, '--dry-run', '--shard', '0/3'], env(s.logs)).stdout;
    const out1 = collect(['--config', s.config, '--dry-run'], env(s.logs, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '3' })).stdout;
    // Two variants of five steps in three shards: the original's steps in two chunks, fp8 whole.
    expect(out0).toContain('shard 0/3: 2 step(s)');
    expect(out1).toContain('shard 1/3: 3 step(s)');
    for (const out of [out0, out1]) expect(out).not.toContain('variant fp8');
  });
});

describe('collect with stand-in vllm and lm_eval', () => {
  const s = setup('full');
  let result: ReturnType<typeof collect>;
  const study = () => join(s.out, 'standin-study');

  it('runs both variants and writes canonical run directories and the study summary', () => {
    result = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_SCRIPT: JSON.stringify({ 'what is 38 + 7': { kind: 'wrong' }, 'what is 45 + 8': { kind: 'no-answer' }, 'what is 52 + 9': { kind: 'error500', times: 1 } }) }));
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('variant original: gsm8k (22 examples)');
    expect(result.stderr).toMatch(/original\/gsm8k: 22\/22/);
    for (const v of ['original', 'fp8']) {
      const d = join(study(), v);
      for (const f of ['run_meta.json', 'study.yaml', 'server.log', 'gsm8k/gsm8k_results.jsonl', 'gsm8k/gsm8k_metrics.json', 'gsm8k/gsm8k_metrics.csv', 'gsm8k/gsm8k_unscorable.jsonl', 'math/math_metrics.json', 'routerbench/routerbench_results.jsonl', 'throughput_results.json', 'throughput_results.csv', 'vllm_bench_raw.json', 'online_results.json', 'online_results.csv', 'rate_1/summary.json', 'rate_4/raw_results.json', 'quality_summary.json', 'quality_summary.csv', 'eval.yaml', 'serving.yaml', 'models.yaml', 'benchmark.yaml', 'stdout.txt', 'stderr.txt', 'rate_1/stdout.txt', 'rate_1/stderr.txt']) {
        expect(existsSync(join(d, f)), `${v}/${f}`).toBe(true);
      }
      expect(readdirSync(join(d, '.processes'))).toEqual([]);
      expect(existsSync(join(d, '.collect.lock'))).toBe(false);
    }
  });

  it("writes seed 003's layout: quality_summary, the configs by part, stdout and stderr apart", () => {
    const d = join(study(), 'fp8');
    const q = json(join(d, 'quality_summary.json'));
    expect(q).toMatchObject({ model: 'org/tiny-model', variant: 'fp8' });
    expect(q.benchmarks.map((b: { benchmark: string }) => b.benchmark)).toEqual(['gsm8k', 'math', 'routerbench']);
    expect(q.benchmarks[0]).toMatchObject({ num_total: 22, num_scorable: 21 });
    expect(readFileSync(join(d, 'quality_summary.csv'), 'utf8').split('\n')[0]).toBe('benchmark,accuracy_pct,num_total,num_scorable,num_correct,unscorable_examples');
    expect(readFileSync(join(d, 'serving.yaml'), 'utf8')).toContain('quantization: fp8');
    expect(readFileSync(join(d, 'eval.yaml'), 'utf8')).toContain('name: gsm8k');
    expect(readFileSync(join(d, 'benchmark.yaml'), 'utf8')).toContain('request_rates:');
    // The command line heads stdout.txt; the stand-in's console output went to stdout, none to stderr.
    expect(readFileSync(join(d, 'stdout.txt'), 'utf8')).toMatch(/^\$ vllm bench serve [\s\S]*Serving Benchmark Result/);
  });

  it('scores GSM8K: a wrong answer, an unscorable one (with reason), a retried 500', () => {
    const m = json(join(study(), 'original', 'gsm8k', 'gsm8k_metrics.json'));
    expect(m).toMatchObject({ benchmark: 'gsm8k', num_total: 22, num_scorable: 21, num_correct: 20, unscorable_examples: 1, num_shots: 2, max_tokens: 128 });
    expect(m.accuracy_pct).toBeCloseTo((100 * 20) / 21, 1);
    const un = lines(join(study(), 'original', 'gsm8k', 'gsm8k_unscorable.jsonl'));
    expect(un).toEqual([expect.objectContaining({ unscorable_reason: "no '#### <number>' answer in the response" })]);
    const res = lines(join(study(), 'original', 'gsm8k', 'gsm8k_results.jsonl'));
    expect(res[0]!.prompt).toMatch(/^Question: Question 0: what is 10 \+ 3\?\nAnswer: 10 plus 3 is 13\.\n#### 13\n\nQuestion: Question 1/);
    expect(res.find((l) => l.question.includes('52 + 9'))).toMatchObject({ correct: true, extracted: '61' });
  });

  it('scores MATH with \\boxed{} and flags a reference without one; stores unlabelled JSONL outputs', () => {
    expect(json(join(study(), 'fp8', 'math', 'math_metrics.json'))).toMatchObject({ num_total: 6, num_scorable: 5, num_correct: 5, unscorable_examples: 1 });
    expect(lines(join(study(), 'fp8', 'math', 'math_unscorable.jsonl'))[0]).toMatchObject({ ambiguity_reason: 'the reference solution has no \\boxed{} answer' });
    expect(json(join(study(), 'fp8', 'routerbench', 'routerbench_metrics.json'))).toMatchObject({ accuracy_pct: null, has_labels: false, num_total: 3, unscorable_examples: 0 });
  });

  it('passes each variant its vLLM flags and benchmarks every rate with the canonical names', () => {
    const calls = lines(join(s.logs, 'vllm-calls.jsonl')).map((c) => c.args as string[]);
    const serves = calls.filter((a) => a[0] === 'serve');
    expect(serves).toHaveLength(2);
    expect(serves[1]).toEqual(expect.arrayContaining(['--quantization', 'fp8', '--kv-cache-dtype', 'fp8', '--max-model-len', '4096']));
    expect(serves[0]).not.toContain('--quantization');
    expect(calls.filter((a) => a[0] === 'bench').map((a) => a[a.indexOf('--request-rate') + 1])).toEqual(['inf', '1', '4', 'inf', '1', '4']);
    expect(json(join(study(), 'original', 'throughput_results.json'))).toMatchObject({ request_throughput_rps: 9.5, output_throughput_tps: 1216, num_prompts: 50 });
    expect(json(join(study(), 'original', 'online_results.json')).results.map((r: Record<string, number>) => [r.request_rate, Math.round(r.latency_p99_ms!)])).toEqual([[1, 1836], [4, 2484]]);
  });

  it('runs lm-eval against the server after the echo canary, with per-sample logs', () => {
    const args = lines(join(s.logs, 'lm_eval-calls.jsonl'))[0]!.args as string[];
    expect(args).toEqual(expect.arrayContaining(['--model', 'local-completions', '--tasks', 'hellaswag,arc_easy,wikitext', '--log_samples']));
    const dir = join(study(), 'original', 'lm_eval', 'lm-eval', 'org__tiny-model');
    expect(readdirSync(dir).sort()).toEqual(['results_2026-03-01T10-15-00.000001.json', 'samples_arc_easy_2026-03-01T10-15-00.000001.jsonl', 'samples_hellaswag_2026-03-01T10-15-00.000001.jsonl']);
  });

  it('records provenance in run_meta.json and the study summary in seed 000 shape', () => {
    const meta = json(join(study(), 'fp8', 'run_meta.json'));
    expect(meta).toMatchObject({ status: 'complete', seed: 7, model: 'org/tiny-model', variant: 'fp8', quantization: 'fp8', baseline: false });
    expect(meta.config_hash).toMatch(/^[0-9a-f]{12}$/);
    expect(typeof meta.total_time_s).toBe('number');
    expect(meta.serve_command).toContain('--quantization fp8');
    for (const k of ['hostname', 'os', 'git_commit', 'python_version', 'gpus', 'slurm_job_id', 'timestamp_utc', 'vram_peak_mb']) expect(meta).toHaveProperty(k);
    const sum = json(join(study(), 'study_summary.json'));
    expect(Object.keys(sum.variants)).toEqual(['original', 'fp8']);
    expect(sum.variants.fp8).toMatchObject({ run_dir: 'fp8', quantization: 'fp8' });
    expect(sum.summary.math).toMatchObject({ best: 'original', degradation: { fp8: 0 } });
  });

  it('is read by ingest with no problems: a study of two variants with per-example data and lm-eval tasks', () => {
    const r = ingest({ inputs: [study()], root: s.dir });
    expect(r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(r.studies).toHaveLength(1);
    expect(r.studies[0]!.variants.map((v) => v.name)).toEqual(['original', 'fp8']);
    const fp8 = r.runs.find((x) => x.variant === 'fp8')!;
    expect(fp8.tasks.map((t) => t.task).sort()).toEqual(['arc_easy', 'gsm8k', 'hellaswag', 'math', 'routerbench', 'wikitext']);
    expect(r.examples.get(fp8.id)?.gsm8k).toHaveLength(22);
    expect(r.examples.get(fp8.id)?.hellaswag).toHaveLength(4);
    expect(fp8.serving?.map((x) => x.mode)).toEqual(['offline', 'online', 'online']);
    expect(fp8.environment?.configHash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('never overwrites a run directory made with another config', () => {
    const edited = readFileSync(s.config, 'utf8').replace('seed: 7', 'seed: 8');
    writeFileSync(s.config, edited);
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already holds a run made with another config .* It is never overwritten/);
    writeFileSync(s.config, edited.replace('seed: 8', 'seed: 7'));
  });

  it('asks nothing again when run a second time: a complete variant starts no server and keeps its run_meta.json', () => {
    const before = readFileSync(join(s.logs, 'requests.log'), 'utf8').split('\n').length;
    const metaBefore = readFileSync(join(study(), 'fp8', 'run_meta.json'), 'utf8');
    const started = Date.now();
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(s.logs, 'requests.log'), 'utf8').split('\n').length).toBe(before);
    expect(r.stdout).toContain('variant original: already complete');
    expect(r.stdout).toContain('variant fp8: already complete');
    expect(r.stdout).not.toContain('starting server');
    // Status, time and provenance of a finished run are never rewritten.
    expect(readFileSync(join(study(), 'fp8', 'run_meta.json'), 'utf8')).toBe(metaBefore);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('collect failures', () => {
  it('says clearly when vllm is missing', () => {
    const s = setup('novllm', (y) => y.replace('server:\n', 'server:\n  vllm: vllm-not-installed\n'));
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"vllm-not-installed" was not found on PATH. Install vLLM in the serving environment');
  });

  it("checks quantization and kv-cache values: a typo against the schema, a newer method against the installed vLLM's own list", () => {
    const typo = setup('quant-typo', (y) => y.replace('quantization: fp8', 'quantization: fp-8'));
    const r = collect(['--config', typo.config, '--dry-run'], env(typo.logs));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/study\.yaml:\d+.*\/variants\/1\/quantization/);
    const newer = setup('quant-newer', (y) => y.replace('quantization: fp8', 'quantization: mxfp4').replace('server:\n', `server:\n  python: ${join(ROOT, 'tests', 'stand-ins', 'python-lm-eval')}\n`));
    const run = collect(['--config', newer.config, '--out', newer.out], env(newer.logs));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('variant fp8: quantization "mxfp4" is not a method of the installed vLLM 0.8.5-standin (awq, awq_marlin, fp8,');
    // Refused before any server started.
    expect(existsSync(join(newer.logs, 'vllm-calls.jsonl'))).toBe(false);
  });

  it('shows the server log when vllm serve dies at start', () => {
    const s = setup('diesatstart');
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_FAIL_START: '1' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/vllm serve exited \(1\) before it was healthy; last lines of .*server\.log:\n.*\n?ValueError: stand-in was told to fail at start/);
  });

  it('refuses to run lm-eval against a server that ignores echo', () => {
    const s = setup('noecho', (y) => y.replace(/datasets:\n[\s\S]*?(?=server:)/, 'datasets:\n  - name: lm-eval\n    type: lm-eval\n    tasks: [hellaswag]\n'));
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_NO_ECHO: '1' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the server ignores echo/logprobs for the prompt: loglikelihood tasks');
  });
});

describe('crash and resume', () => {
  function slowEnv(logs: string) {
    // Every GSM8K answer takes 150 ms: the run is long enough to kill in the middle.
    return env(logs, { STANDIN_SCRIPT: JSON.stringify({ 'Answer:': { kind: 'slow', ms: 150 } }) });
  }
  const gsmOnly = (y: string) => y.replace(/datasets:\n[\s\S]*?(?=server:)/, 'datasets:\n  - name: gsm8k\n    type: gsm8k\n    path: data/gsm8k.jsonl\n    num_shots: 2\n').replace(/benchmark:[\s\S]*?(?=report:)/, '').replace('concurrency: 4', 'concurrency: 2');

  it('after kill -9 the same command finishes the run, asks no finished example again, and matches an uninterrupted run', async () => {
    const s = setup('crash', gsmOnly);
    const child = spawn(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', s.config, '--out', s.out], { env: slowEnv(s.logs), stdio: 'ignore' });
    const results = join(s.out, 'standin-study', 'original', 'gsm8k', 'gsm8k_results.jsonl');
    for (let i = 0; i < 400 && !(existsSync(results) && readFileSync(results, 'utf8').split('\n').length > 8); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const doneAtKill = readFileSync(results, 'utf8').split('\n').filter((l) => { try { return JSON.parse(l).response; } catch { return false; } }).map((l) => JSON.parse(l).question as string);
    expect(doneAtKill.length).toBeGreaterThan(6);
    expect(doneAtKill.length).toBeLessThan(22);

    const again = collect(['--config', s.config, '--out', s.out], slowEnv(s.logs));
    expect(again.status, again.stderr).toBe(0);
    const asked = readFileSync(join(s.logs, 'requests.log'), 'utf8').trim().split('\n');
    // Each finished question was asked once by the original variant before the kill and once by fp8
    // afterwards: never again by the original.
    for (const q of doneAtKill) expect(asked.filter((k) => k.includes(q.split(':')[0]! + ':')).length, q).toBe(2);
    const final = lines(results);
    const ids = final.map((l) => l.id);
    expect(new Set(ids).size).toBe(22);

    const clean = setup('clean', gsmOnly);
    expect(collect(['--config', clean.config, '--out', clean.out], env(clean.logs)).status).toBe(0);
    const strip = (l: Record<string, any>) => ({ id: l.id, prompt: l.prompt, response: l.response, extracted: l.extracted, correct: l.correct });
    const byId = (ls: Record<string, any>[]) => Object.fromEntries(ls.map((l) => [l.id, strip(l)]));
    expect(byId(final)).toEqual(byId(lines(join(clean.out, 'standin-study', 'original', 'gsm8k', 'gsm8k_results.jsonl'))));
    for (const v of ['original', 'fp8']) {
      const [a, b] = [s, clean].map((x) => json(join(x.out, 'standin-study', v, 'gsm8k', 'gsm8k_metrics.json')));
      expect({ ...a, latency_seconds: 0, questions_per_second: 0, request_latency_sum_s: 0 }).toEqual({ ...b, latency_seconds: 0, questions_per_second: 0, request_latency_sum_s: 0 });
    }
  }, 120_000);

  it('Ctrl-C stops the server and leaves the run resumable', async () => {
    const s = setup('sigint', gsmOnly);
    const child = spawn(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', s.config, '--out', s.out], { env: slowEnv(s.logs), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const results = join(s.out, 'standin-study', 'original', 'gsm8k', 'gsm8k_results.jsonl');
    for (let i = 0; i < 400 && !(existsSync(results) && readFileSync(results, 'utf8').split('\n').length > 4); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(130);
    expect(err).toContain('stopping: finishing requests in flight');
    const pid = lines(join(s.logs, 'vllm-calls.jsonl'))[0]!.pid as number;
    expect(() => process.kill(pid, 0)).toThrow();
    expect(json(join(s.out, 'standin-study', 'original', 'run_meta.json')).status).toBe('interrupted');
    expect(collect(['--config', s.config, '--out', s.out], env(s.logs)).status).toBe(0);
  }, 120_000);
});

describe('kill -9 at ten points on an exclusive GPU (stand-in vllm at the GPU boundary)', () => {
  // The stand-in server takes the GPU lock as a real one takes the GPU's memory: a second server
  // while an orphan holds it fails with out-of-memory. Each program takes a while, so that a kill
  // lands inside it.
  const gpuEnv = (s: ReturnType<typeof setup>) =>
    env(s.logs, { STANDIN_GPU_LOCK: join(s.dir, 'gpu.lock'), STANDIN_START_MS: '300', STANDIN_LMEVAL_MS: '800', STANDIN_BENCH_MS: '400', STANDIN_SCRIPT: JSON.stringify({ 'Answer:': { kind: 'slow', ms: 120 } }) });
  const noMath = (y: string) => y.replace(/  - name: math\n[\s\S]*?(?=  - name: routerbench)/, '').replace('concurrency: 4', 'concurrency: 2');
  const running = (pid: number) => {
    try {
      return !/^\S+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  // Records of started programs (with their pid) of one role in a run folder.
  const records = (run: string, role: string) =>
    (existsSync(join(run, '.processes')) ? readdirSync(join(run, '.processes')) : []).filter((e) => {
      if (!e.startsWith(role) || !e.endsWith('.json')) return false;
      try {
        return typeof json(join(run, '.processes', e)).pid === 'number';
      } catch {
        return false; // removed as the program ended
      }
    });
  const resultLines = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean).length : 0);

  it('every rerun gets past the point where the last one was killed, leaves no orphan, and ends as an uninterrupted run', async () => {
    const s = setup('kill-matrix', noMath);
    const run = (v: string) => join(s.out, 'standin-study', v);
    const points: [string, () => boolean][] = [];
    for (const v of ['original', 'fp8']) {
      points.push(
        [`${v}: server loading`, () => records(run(v), 'server').length > 0 && !existsSync(join(run(v), 'gsm8k'))],
        [`${v}: gsm8k half answered`, () => resultLines(join(run(v), 'gsm8k', 'gsm8k_results.jsonl')) >= 8],
        [`${v}: lm_eval running`, () => records(run(v), 'lm-eval').length > 0],
        [`${v}: offline benchmark running`, () => records(run(v), 'bench-inf').length > 0],
        [`${v}: benchmark at 4 req/s running`, () => records(run(v), 'bench-4').length > 0],
      );
    }
    let originalMeta = '';
    for (const [name, reached] of points) {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', s.config, '--out', s.out], { env: gpuEnv(s), stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d));
      let exited: number | null | undefined;
      child.on('exit', (code) => (exited = code));
      for (let i = 0; i < 3000 && !reached() && exited === undefined; i++) await new Promise((r) => setTimeout(r, 10));
      expect(exited, `${name}: the rerun ended before reaching this point:\n${err}`).toBeUndefined();
      expect(reached(), name).toBe(true);
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      if (name.startsWith('fp8') && !originalMeta) originalMeta = readFileSync(join(run('original'), 'run_meta.json'), 'utf8');
    }
    const last = collect(['--config', s.config, '--out', s.out], gpuEnv(s));
    expect(last.status, last.stderr).toBe(0);
    expect(last.stdout).toContain('left running by an earlier collector that was killed');

    // No program outlives its run, no record or temporary file is left, the finished variant's
    // run_meta.json was never rewritten by the five reruns after it finished.
    const pids = [...lines(join(s.logs, 'vllm-calls.jsonl')), ...lines(join(s.logs, 'lm_eval-calls.jsonl'))].map((l) => l.pid as number);
    expect(pids.length).toBeGreaterThan(10);
    expect(pids.filter(running)).toEqual([]);
    for (const v of ['original', 'fp8']) {
      expect(readdirSync(join(run(v), '.processes')), v).toEqual([]);
      expect(readdirSync(run(v), { recursive: true, encoding: 'utf8' }).filter((e) => /\.tmp-\d+$/.test(e)), v).toEqual([]);
      expect(json(join(run(v), 'run_meta.json')).status).toBe('complete');
    }
    expect(readFileSync(join(run('original'), 'run_meta.json'), 'utf8')).toBe(originalMeta);

    // The same answers and figures as a run nobody killed.
    const clean = setup('kill-matrix-clean', noMath);
    expect(collect(['--config', clean.config, '--out', clean.out], env(clean.logs)).status).toBe(0);
    for (const v of ['original', 'fp8']) {
      const strip = (l: Record<string, any>) => ({ id: l.id, response: l.response, correct: l.correct });
      const byId = (p: string) => new Map(lines(p).map((l) => [l.id as string, strip(l)]));
      const file = (root: string) => join(root, 'standin-study', v, 'gsm8k', 'gsm8k_results.jsonl');
      expect(byId(file(s.out))).toEqual(byId(file(clean.out)));
      for (const f of ['gsm8k/gsm8k_metrics.json', 'throughput_results.json', 'online_results.json']) {
        const [a, b] = [s.out, clean.out].map((root) => json(join(root, 'standin-study', v, f)));
        expect({ ...a, latency_seconds: 0, questions_per_second: 0, request_latency_sum_s: 0 }, `${v}/${f}`).toEqual({ ...b, latency_seconds: 0, questions_per_second: 0, request_latency_sum_s: 0 });
      }
    }
  }, 240_000);
});

describe('beyond one machine', () => {
  it('runs four shards (each loads one model), merges them into one study that ingest reads once, and a second merge changes nothing', () => {
    const s = setup('sharded', (y) => y.replace(/benchmark:[\s\S]*?(?=report:)/, ''));
    for (const shard of ['0/4', '1/4', '2/4', '3/4']) {
      const r = collect(['--config', s.config, '--out', s.out, '--shard', shard], env(s.logs));
      expect(r.status, r.stderr).toBe(0);
    }
    // Each shard served one variant's model, once.
    const serves = lines(join(s.logs, 'vllm-calls.jsonl')).filter((l) => l.args[0] === 'serve');
    expect(serves).toHaveLength(4);
    const study = join(s.out, 'standin-study');
    expect(readdirSync(join(study, 'shards')).sort()).toEqual(['0-of-4', '1-of-4', '2-of-4', '3-of-4']);
    for (const shard of readdirSync(join(study, 'shards'))) expect(readdirSync(join(study, 'shards', shard))).toHaveLength(1);
    expect(existsSync(join(study, 'study_summary.json'))).toBe(false);
    const m = collect(['merge', '--config', s.config, '--out', s.out], env(s.logs));
    expect(m.status, m.stderr).toBe(0);
    for (const v of ['original', 'fp8']) for (const d of ['gsm8k', 'math', 'routerbench']) expect(existsSync(join(study, v, d, `${d}_metrics.json`)), `${v}/${d}`).toBe(true);
    // Both shards' server logs are kept; the quality summary covers every shard's datasets.
    expect(readdirSync(join(study, 'original')).filter((e) => e.startsWith('server')).sort()).toEqual(['server.1-of-4.log', 'server.log']);
    expect(json(join(study, 'original', 'quality_summary.json')).benchmarks.map((b: { benchmark: string }) => b.benchmark).sort()).toEqual(['gsm8k', 'math', 'routerbench']);
    const meta = json(join(study, 'original', 'run_meta.json'));
    expect(meta.shards.map((x: { shard: string }) => x.shard)).toEqual(['0-of-4', '1-of-4']);
    expect(meta.status).toBe('complete');

    const r = ingest({ inputs: [study], root: s.dir });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.runs).toHaveLength(2);
    expect(r.studies[0]?.variants).toHaveLength(2);
    expect(r.problems.some((p) => p.message.includes('shards already merged'))).toBe(true);

    expect(collect(['merge', '--config', s.config, '--out', s.out], env(s.logs)).status).toBe(0);
    expect(json(join(study, 'original', 'run_meta.json'))).toEqual(meta);
  });

  it('writes the array and merge scripts with the options of the config and the command line, every value quoted', () => {
    const s = setup('slurm', (y) => `${y}slurm:\n  partition: gpu-a100\n  account: proj-42\n  mem: 64G\n  extra: [--exclusive]\n  setup: ['source "$HOME/venvs/vllm/bin/activate"']\n`);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', 'study.yaml', '--slurm', '--tasks', '4', '--partition', 'h100', '--gpus', '2', '--time', '2-00:00:00', '--out', "odd 'name"], { cwd: s.dir, encoding: 'utf8', env: env(s.logs) });
    // A quote in the output folder cannot go into #SBATCH --output: refused, nothing written.
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cannot go into #SBATCH --output');
    const ok = spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', 'study.yaml', '--slurm', '--tasks', '4', '--partition', 'h100', '--gpus', '2', '--time', '2-00:00:00'], { cwd: s.dir, encoding: 'utf8', env: env(s.logs) });
    expect(ok.status, ok.stderr).toBe(0);
    const dir = join(s.dir, 'results', 'standin-study', 'slurm');
    const array = readFileSync(join(dir, 'collect.sbatch'), 'utf8');
    for (const line of ['#SBATCH --array=0-3', '#SBATCH --partition=h100', '#SBATCH --account=proj-42', '#SBATCH --time=2-00:00:00', '#SBATCH --gpus-per-task=2', '#SBATCH --mem=64G', '#SBATCH --exclusive', `#SBATCH --output=${dir}/collect-%A_%a.out`]) expect(array).toContain(line);
    expect(array).not.toContain('--gres');
    expect(array).not.toContain('--cpus-per-task');
    expect(array).toContain(`cd ${ROOT}\n`);
    expect(array).toContain('source "$HOME/venvs/vllm/bin/activate"');
    expect(array).toContain(`exec npm run collect -- --config ${join(s.dir, 'study.yaml')} --out ${join(s.dir, 'results')} --shard "\${SLURM_ARRAY_TASK_ID}/4"`);
    const merge = readFileSync(join(dir, 'merge.sbatch'), 'utf8');
    expect(merge).toContain(`exec npm run collect -- merge --config ${join(s.dir, 'study.yaml')}`);
    expect(merge).not.toContain('--gpus');
    // A value that is not one word never reaches an #SBATCH line.
    const bad = spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', 'study.yaml', '--slurm', '--account', 'a b'], { cwd: s.dir, encoding: 'utf8', env: env(s.logs) });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--account "a b" is not a single word');
  });
});

describe('sampling plans', () => {
  it('takes a plan from sample-study, evaluates a seeded subset and records it so it is never taken for a full run', () => {
    const s = setup('plan', (y) => y.replace(/benchmark:[\s\S]*?(?=report:)/, '').replace(/  - name: lm-eval\n    type: lm-eval\n    tasks: \[hellaswag, arc_easy, wikitext\]\n/, ''));
    writeFileSync(join(s.dir, 'plan.json'), JSON.stringify({ task: 'gsm8k', fractions: { original: 1, fp8: 0.5 } }));
    const r = collect(['--config', s.config, '--out', s.out, '--sampling-plan', join(s.dir, 'plan.json')], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    const study = join(s.out, 'standin-study');
    expect(json(join(study, 'fp8', 'run_meta.json')).sampling).toEqual({ fraction: 0.5, seed: 7 });
    expect(json(join(study, 'original', 'run_meta.json')).sampling).toBeUndefined();
    expect(json(join(study, 'fp8', 'gsm8k', 'gsm8k_metrics.json'))).toMatchObject({ num_total: 11, sampling: { fraction: 0.5, seed: 7, of: 22 } });
    const again = collect(['--config', s.config, '--out', s.out, '--sampling-plan', join(s.dir, 'plan.json')], env(s.logs));
    expect(again.status).toBe(0);
    const ing = ingest({ inputs: [study], root: s.dir });
    const fp8 = ing.runs.find((x) => x.variant === 'fp8')!;
    expect(fp8.sampling).toEqual({ fraction: 0.5, seed: 7 });
    expect(fp8.tasks.find((t) => t.task === 'gsm8k')).toMatchObject({ numSamples: 11, numSamplesOriginal: 22 });
    expect(ing.runs.find((x) => x.variant === 'original')!.sampling).toBeUndefined();
  });
});

describe('collect --until-decided (stand-in vllm at the GPU boundary)', () => {
  // 400 GSM8K-style questions "Q<i>: what is a + b?"; the first two are the few-shot examples.
  function sequentialSetup(name: string): ReturnType<typeof setup> {
    const s = setup(name);
    writeFileSync(join(s.dir, 'data', 'gsm8k.jsonl'), Array.from({ length: 400 }, (_, i) => JSON.stringify({ question: `Q${i}: what is ${i} + 3?`, answer: `${i} plus 3 is ${i + 3}.\n#### ${i + 3}`, subject: i % 2 ? 'odd' : 'even' })).join('\n') + '\n');
    writeFileSync(s.config, `study: seq-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: original\n  - name: fp8\n    quantization: fp8\ndatasets:\n  - name: gsm8k\n    type: gsm8k\n    path: data/gsm8k.jsonl\n    num_shots: 2\n    fields:\n      subject: subject\nsequential:\n  margin: 0.1\n  stratify_by: subject\nserver:\n  startup_timeout_s: 30\ngeneration:\n  concurrency: 4\n  request_timeout_s: 5\n  retries: 1\n`);
    return s;
  }
  const requestsOf = (logs: string) => (existsSync(join(logs, 'requests.log')) ? readFileSync(join(logs, 'requests.log'), 'utf8').trim().split('\n').length : 0);

  it('dry run names the rule, the margin and the order', () => {
    const s = sequentialSetup('seq-dry');
    const r = collect(['--config', s.config, '--dry-run', '--until-decided'], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("until decided: each variant answers original's examples in a seeded order (seed 7, stratified by subject) and stops once non-inferiority at 10 pp is decided by an anytime-valid confidence sequence (α = 0.05), or at the full set");
    expect(r.stdout).toMatch(/gsm8k gsm8k: until decided, at most 398 examples/);
  });

  it('stops a variant that answers like its baseline once non-inferior, records the rule, and a rerun asks nothing', () => {
    const s = sequentialSetup('seq-same');
    const r = collect(['--config', s.config, '--out', s.out, '--until-decided'], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    const run = join(s.out, 'seq-study');
    expect(lines(join(run, 'original', 'gsm8k', 'gsm8k_results.jsonl'))).toHaveLength(398);
    const answered = lines(join(run, 'fp8', 'gsm8k', 'gsm8k_results.jsonl'));
    const metrics = json(join(run, 'fp8', 'gsm8k', 'gsm8k_metrics.json'));
    expect(metrics.sequential).toMatchObject({ rule: 'betting-confidence-sequence', margin: 0.1, alpha: 0.05, call: 'non-inferior', n_total: 398, order_seed: 7, stratify_by: 'subject', baseline: 'original', discordant: { lost: 0, gained: 0 } });
    expect(metrics.sequential.decided_at).toBeLessThan(200);
    expect(metrics.sequential.interval.low).toBeGreaterThanOrEqual(-0.1);
    // Answers in flight when it was decided are kept, a few past the decision.
    expect(answered.length).toBeGreaterThanOrEqual(metrics.sequential.decided_at);
    expect(answered.length).toBeLessThan(metrics.sequential.decided_at + 8);
    expect(metrics.sampling).toMatchObject({ count: answered.length, of: 398 });
    // Stratified order: the first answers alternate between the two subjects.
    const firstTen = answered.slice(0, 10).map((l) => Number(/Q(\d+):/.exec(l.question)![1]) % 2);
    expect(firstTen.filter((x) => x === 0).length).toBeGreaterThanOrEqual(4);
    expect(json(join(run, 'fp8', 'run_meta.json')).sequential).toEqual({ rule: 'betting-confidence-sequence', margin: 0.1, alpha: 0.05, order_seed: 7, stratify_by: 'subject', baseline: 'original', datasets: { gsm8k: { call: 'non-inferior', n_used: metrics.sequential.n_used, n_total: 398, decided_at: metrics.sequential.decided_at, interval: metrics.sequential.interval } } });
    // The examples the decision used, in order: a prefix of the seeded order, every one answered.
    expect(metrics.sequential.used_ids).toHaveLength(metrics.sequential.n_used);
    const answeredIds = new Set(answered.map((l) => l.id));
    expect(metrics.sequential.used_ids.every((id: string) => answeredIds.has(id))).toBe(true);
    expect(r.stdout).toMatch(/variant fp8: gsm8k non-inferior at \d+ of 398 examples; difference to original within \[-\d+\.\d\d, \d+\.\d\d\] pp/);

    const before = requestsOf(s.logs);
    const again = collect(['--config', s.config, '--out', s.out, '--until-decided'], env(s.logs));
    expect(again.status, again.stderr).toBe(0);
    expect(requestsOf(s.logs)).toBe(before);
    expect(json(join(run, 'fp8', 'gsm8k', 'gsm8k_metrics.json')).sequential).toEqual(metrics.sequential);

    // Ingest reads the decision into the task, and the study compares with the sequence's interval.
    const result = ingest({ inputs: [run] });
    const fp8 = result.runs.find((x) => x.variant === 'fp8')!;
    const task = fp8.tasks.find((t) => t.task === 'gsm8k')!;
    expect(task.sequential).toMatchObject({ call: 'non-inferior', n: metrics.sequential.n_used, of: 398, decidedAt: metrics.sequential.decided_at, margin: 0.1, baseline: 'original' });
    expect(fp8.sampling).toBeDefined();
  });

  it('stops a variant that gets every third question wrong as inferior', () => {
    const s = sequentialSetup('seq-worse');
    const wrong = Object.fromEntries(Array.from({ length: 400 }, (_, i) => i).filter((i) => i >= 2 && i % 3 === 0).map((i) => [`Q${i}:`, { kind: 'wrong' }]));
    const r = collect(['--config', s.config, '--out', s.out, '--until-decided'], env(s.logs, { STANDIN_SCRIPT_IF_ARG: JSON.stringify({ '--quantization fp8': wrong }) }));
    expect(r.status, r.stderr).toBe(0);
    const metrics = json(join(s.out, 'seq-study', 'fp8', 'gsm8k', 'gsm8k_metrics.json'));
    expect(metrics.sequential).toMatchObject({ call: 'inferior', discordant: { gained: 0 } });
    expect(metrics.sequential.interval.high).toBeLessThanOrEqual(-0.1);
    expect(metrics.sequential.decided_at).toBeLessThan(150);
  });
});

describe('sampled lm-eval steps: seeded document indices (--samples), not a prefix (--limit)', () => {
  function lmEvalSetup(name: string, tasks: string): ReturnType<typeof setup> {
    const s = setup(name);
    writeFileSync(s.config, `study: lm-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: original\n    sampling:\n      fraction: 0.2\n      seed: 11\ndatasets:\n  - name: lm\n    type: lm-eval\n    tasks: [${tasks}]\nserver:\n  startup_timeout_s: 30\n  python: ${join(ROOT, 'tests', 'stand-ins', 'python-lm-eval')}\ngeneration:\n  concurrency: 4\n`);
    return s;
  }
  const calls = (logs: string) => lines(join(logs, 'lm_eval-calls.jsonl')).map((l) => l.args as string[]);

  it('counts each (sub)task in the lm-eval environment, samples each seeded, passes the file, and a rerun reuses it', () => {
    const s = lmEvalSetup('lm-samples', 'hellaswag, mmlu');
    const dry = collect(['--config', s.config, '--dry-run', '--out', s.out], env(s.logs));
    expect(dry.stdout).toMatch(/lm-eval lm \[hellaswag, mmlu\] seeded fraction 0\.2 of each task \(seed 11; indices counted with .*python-lm-eval at run time, written to .*selected_docs\.json\): lm_eval .* --samples .*selected_docs\.json/);
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    const file = join(s.out, 'lm-study', 'original', 'lm_eval', 'lm', 'selected_docs.json');
    const selected = json(file) as Record<string, number[]>;
    // A group's subtasks are sampled one by one: each keeps its share.
    expect(Object.keys(selected)).toEqual(['hellaswag', 'mmlu_anatomy', 'mmlu_astronomy']);
    expect(selected.hellaswag).toHaveLength(10);
    expect(selected.mmlu_anatomy).toHaveLength(27);
    expect(selected.mmlu_astronomy).toHaveLength(30);
    for (const xs of Object.values(selected)) expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Seeded random documents, not the first ten.
    expect(selected.hellaswag).not.toEqual([...Array(10).keys()]);
    const args = calls(s.logs)[0]!;
    expect(args[args.indexOf('--samples') + 1]).toBe(file);
    expect(args).not.toContain('--limit');

    // Ingest: the run is marked sampled although lm-eval's config.limit is null.
    const ing = ingest({ inputs: [join(s.out, 'lm-study')], root: s.dir });
    const run = ing.runs.find((x) => x.variant === 'original')!;
    expect(run.sampling).toBeDefined();
    expect(run.tasks.find((t) => t.task === 'hellaswag')).toMatchObject({ numSamples: 10, numSamplesOriginal: 50 });
    expect(ing.problems.filter((p) => p.file.includes('selected_docs'))).toEqual([]);

    // The same seed gives the same documents; a resumed step keeps the file it wrote.
    const s2 = lmEvalSetup('lm-samples-2', 'hellaswag, mmlu');
    expect(collect(['--config', s2.config, '--out', s2.out], env(s2.logs)).status).toBe(0);
    expect(json(join(s2.out, 'lm-study', 'original', 'lm_eval', 'lm', 'selected_docs.json'))).toEqual(selected);
  });

  it('says which Python could not count the documents', () => {
    const s = lmEvalSetup('lm-missing', 'missing_task');
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot count the documents of missing_task with .*python-lm-eval \(needed for seeded --samples\): KeyError: 'missing_task'\. Set server\.python/);
  });
});

describe('failures fail (stand-in vllm at the GPU boundary)', () => {
  // One variant, GSM8K only, 100 questions: enough to see a server die halfway.
  function smallSetup(name: string, extra = ''): ReturnType<typeof setup> {
    const s = setup(name);
    writeFileSync(join(s.dir, 'data', 'gsm8k.jsonl'), Array.from({ length: 102 }, (_, i) => JSON.stringify({ question: `Q${i}: what is ${i} + 3?`, answer: `#### ${i + 3}` })).join('\n') + '\n');
    writeFileSync(s.config, `study: fail-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: original\ndatasets:\n  - name: gsm8k\n    type: gsm8k\n    path: data/gsm8k.jsonl\n    num_shots: 2\nserver:\n  startup_timeout_s: 30\n${extra}generation:\n  concurrency: 4\n  request_timeout_s: 2\n  retries: 1\n`);
    return s;
  }

  it('a server killed halfway: exit non-zero, status failed with the reason, how to resume; the rerun completes', () => {
    const s = smallSetup('server-dies');
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_DIE_AFTER: '50' }));
    expect(r.status).not.toBe(0);
    // The server's exit is seen at once, before the failed requests add up.
    expect(r.stderr).toMatch(/variant original failed: vllm serve exited \(137\) while the variant ran/);
    expect(r.stderr).toContain('run the same command again to continue');
    const run = join(s.out, 'fail-study', 'original');
    const meta = json(join(run, 'run_meta.json'));
    expect(meta.status).toBe('failed');
    expect(meta.failure).toMatch(/vllm serve exited \(137\)/);
    // No summary claims a complete evaluation.
    expect(existsSync(join(run, 'gsm8k', 'gsm8k_metrics.json'))).toBe(false);
    // Ingest shows it as an error run and says why.
    const failed = ingest({ inputs: [join(s.out, 'fail-study')], root: s.dir });
    expect(failed.runs[0]!.status).toBe('error');
    expect(failed.problems.some((p) => p.message.includes('stopped this run as failed'))).toBe(true);

    const again = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(again.status, again.stderr).toBe(0);
    expect(json(join(run, 'run_meta.json')).status).toBe('complete');
    expect(json(join(run, 'gsm8k', 'gsm8k_metrics.json'))).toMatchObject({ num_total: 100, accuracy_pct: 100 });
  });

  it('a server that hangs alive: health checks fail it, it is stopped, nothing is left running', () => {
    const s = smallSetup('server-hangs', '  health_interval_s: 0.5\n  health_failures: 2\n');
    writeFileSync(s.config, readFileSync(s.config, 'utf8').replace('request_timeout_s: 2', 'request_timeout_s: 120'));
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_HANG_AFTER: '30' }));
    expect(r.status).not.toBe(0);
    const meta = json(join(s.out, 'fail-study', 'original', 'run_meta.json'));
    expect(meta.status).toBe('failed');
    expect(meta.failure).toBe('the server stopped answering (2 health checks in a row failed, 0.5 s apart)');
    const pid = lines(join(s.logs, 'vllm-calls.jsonl'))[0]!.pid as number;
    expect(existsSync(`/proc/${pid}`) && !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))).toBe(false);
  });

  it('a server that dies while lm_eval runs: lm_eval is stopped at once, the variant fails with the reason', () => {
    const s = setup('dies-in-lm-eval', (y) => y.replace(/datasets:\n[\s\S]*?(?=server:)/, 'datasets:\n  - name: harness\n    type: lm-eval\n    tasks: [hellaswag]\n').replace(/benchmark:[\s\S]*?(?=report:)/, ''));
    const started = Date.now();
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_DIE_AFTER_MS: '1500', STANDIN_LMEVAL_MS: '20000' }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('variant original failed: vllm serve exited (137) while the variant ran');
    // lm_eval would have run 20 s against nothing: it was stopped with its server.
    expect(Date.now() - started).toBeLessThan(15_000);
    const lmEval = lines(join(s.logs, 'lm_eval-calls.jsonl'))[0]!.pid as number;
    expect(existsSync(`/proc/${lmEval}`) && !/\) [ZX] /.test(readFileSync(`/proc/${lmEval}/stat`, 'utf8'))).toBe(false);
    expect(json(join(s.out, 'standin-study', 'original', 'run_meta.json')).status).toBe('failed');
  });

  it('an unreachable base_url fails in seconds with the address', () => {
    const s = smallSetup('closed-port', '  base_url: http://127.0.0.1:9\n');
    const started = Date.now();
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/base_url http:\/\/127\.0\.0\.1:9 does not answer \(.*\); start the server or fix the address/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(json(join(s.out, 'fail-study', 'original', 'run_meta.json')).status).toBe('failed');
  });
});

describe('serving benchmark: what it measures (stand-in vllm at the GPU boundary)', () => {
  function benchSetup(name: string): ReturnType<typeof setup> {
    const s = setup(name);
    writeFileSync(s.config, `study: bench-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: base\n  - name: tuned\n    lora:\n      name: my-adapter\n      path: /adapters/my-adapter\ndatasets:\n  - name: gsm8k\n    type: gsm8k\n    path: data/gsm8k.jsonl\n    num_shots: 2\nserver:\n  startup_timeout_s: 30\ngeneration:\n  concurrency: 4\nbenchmark:\n  num_prompts: 20\n  offline: true\n  request_rates: [2]\n`);
    return s;
  }
  const benchCalls = (logs: string) => lines(join(logs, 'vllm-calls.jsonl')).map((l) => l.args as string[]).filter((a) => a[0] === 'bench');

  it('benchmarks a LoRA variant through its adapter, saves per-request data, and reports failed requests', () => {
    const s = benchSetup('bench-lora');
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_BENCH_FAILED: '3' }));
    expect(r.status, r.stderr).toBe(0);
    const calls = benchCalls(s.logs);
    expect(calls).toHaveLength(4);
    for (const a of calls) expect(a).toContain('--save-detailed');
    const lora = calls.filter((a) => a.includes('--lora-modules'));
    expect(lora).toHaveLength(2);
    for (const a of lora) expect(a[a.indexOf('--lora-modules') + 1]).toBe('my-adapter');
    expect(r.stdout).toContain('WARNING: 3 of 20 requests failed at rate inf; its figures cover the 17 completed ones');
    expect(r.stdout).toContain('WARNING: 3 of 20 requests failed at rate 2;');
    const run = join(s.out, 'bench-study', 'tuned');
    expect(json(join(run, 'throughput_results.json'))).toMatchObject({ failed: 3, completed: 17 });
    expect(json(join(run, 'rate_2', 'summary.json'))).toMatchObject({ failed: 3, completed: 17 });
    const ing = ingest({ inputs: [join(s.out, 'bench-study')], root: s.dir });
    const tuned = ing.runs.find((x) => x.variant === 'tuned')!;
    expect(tuned.serving?.find((x) => x.mode === 'offline')?.metrics).toMatchObject({ failed: 3, completed: 17 });
  });

  it('fails the step when every benchmark request failed', () => {
    const s = benchSetup('bench-all-failed');
    const r = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_BENCH_FAILED: '20' }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/variant base failed: vllm bench serve at rate inf: all 20 requests failed/);
    expect(json(join(s.out, 'bench-study', 'base', 'run_meta.json')).status).toBe('failed');
  });
});

describe('per-variant servers (test double: a loopback OpenAI-compatible server, no GPU)', () => {
  it('asks each variant on its own base_url, with its own key variable', async () => {
    const { startFakeServer } = await import('../../tests/helpers/fake-openai-server.ts');
    const a = await startFakeServer();
    const b = await startFakeServer();
    try {
      const s = setup('per-variant-url');
      writeFileSync(join(s.dir, 'data', 'small.jsonl'), Array.from({ length: 12 }, (_, i) => JSON.stringify({ question: `Q${i}: what is ${i} + 3?`, answer: `#### ${i + 3}` })).join('\n') + '\n');
      writeFileSync(s.config, `study: url-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: here\n    base_url: ${a.url}/v1\n  - name: there\n    base_url: ${b.url}\n    api_key_env: THERE_KEY\ndatasets:\n  - name: gsm8k\n    type: gsm8k\n    path: data/small.jsonl\n    num_shots: 2\ngeneration:\n  concurrency: 2\n`);
      // Spawned asynchronously: the loopback servers live in this process and must keep answering.
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', s.config, '--out', s.out], { env: env(s.logs, { THERE_KEY: 'k-123' }) });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('close', (code) => done({ code, stdout, stderr }));
      });
      expect(r.code, r.stderr).toBe(0);
      expect(a.requests).toBe(10);
      expect(b.requests).toBe(10);
      expect([...a.authorizations]).toEqual([]);
      expect([...b.authorizations]).toEqual(['Bearer k-123']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('perplexity, KL and top-1 agreement against the baseline (stand-in vllm at the GPU boundary)', () => {
  // The stand-in tokenizes one id per word and answers prompt_logprobs from a fixed next-token
  // distribution; fp8's logits get noise (as a quantized model's would), f16 is the same model.
  const words = Array.from({ length: 420 }, (_, i) => `w${(i * 37) % 101}`);
  function pplSetup(name: string) {
    const s = setup(name);
    writeFileSync(join(s.dir, 'data', 'wiki.txt'), words.join(' '));
    writeFileSync(s.config, `study: ppl-study\nseed: 7\nmodel:\n  name: org/tiny-model\nvariants:\n  - name: original\n  - name: fp8\n    quantization: fp8\n  - name: f16\n    dtype: float16\ndatasets:\n  - name: wiki\n    type: perplexity\n    path: data/wiki.txt\n    seq_len: 32\n    top_k: 8\nserver:\n  startup_timeout_s: 30\ngeneration:\n  concurrency: 4\n`);
    return s;
  }
  const pplEnv = (logs: string) => env(logs, { STANDIN_LOGIT_NOISE_IF_ARG: JSON.stringify({ '--quantization fp8': 1.5 }) });
  const metricsOf = (s: ReturnType<typeof setup>, v: string) => json(join(s.out, 'ppl-study', v, 'wiki', 'wiki_metrics.json'));

  it('dry run shows the windows, the prompt_logprobs requests and the KL against the baseline', () => {
    const s = pplSetup('ppl-dry');
    const r = collect(['--config', s.config, '--dry-run'], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('perplexity wiki: data/wiki.txt tokenized by the server (/tokenize), non-overlapping windows of 32 tokens, each asked with prompt_logprobs 8, max_tokens 1');
    expect(r.stdout).toMatch(/keeps its top-8 per position \(.*original\/wiki\/topk\)/);
    expect(r.stdout).toMatch(/KL\(original ‖ fp8\) \(mean, median, p99\) and same top token at every position/);
    expect(r.stdout).not.toContain('--max-logprobs');
    // More than vLLM's default of 20 log-probabilities per position: the servers are told.
    writeFileSync(s.config, readFileSync(s.config, 'utf8').replace('top_k: 8', 'top_k: 32'));
    const wide = collect(['--config', s.config, '--dry-run'], env(s.logs));
    expect(wide.stdout.match(/server: vllm serve .* --max-logprobs 32/g)).toHaveLength(3);
  });

  it('computes PPL from the text tokens, KL zero for the same model and positive for a perturbed one, and resumes by window', async () => {
    const { tokenDistribution, tokenize } = await import('../../tests/helpers/fake-openai-server.ts');
    const s = pplSetup('ppl-run');
    const r = collect(['--config', s.config, '--out', s.out], pplEnv(s.logs));
    expect(r.status, r.stderr).toBe(0);
    // 420 words -> 13 windows of 32; each window's 31 later tokens are predicted.
    const ids = tokenize(words.join(' '));
    let nll = 0;
    let exactKl = 0;
    for (let w = 0; w < 13; w++) for (let j = w * 32 + 1; j < (w + 1) * 32; j++) {
      const p = tokenDistribution(ids[j - 1]!);
      nll -= Math.log(p[ids[j]!]!);
      const q = tokenDistribution(ids[j - 1]!, 1.5);
      for (let t = 0; t < p.length; t++) exactKl += p[t]! * Math.log(p[t]! / q[t]!);
    }
    const base = metricsOf(s, 'original');
    expect(base).toMatchObject({ type: 'perplexity', method: 'prompt_logprobs', seq_len: 32, num_windows: 13, num_tokens: 403, top_k: 8 });
    expect(base.nll).toBeCloseTo(nll / 403, 5);
    expect(base.ppl).toBeCloseTo(Math.exp(nll / 403), 3);
    expect(base.kl).toBeUndefined();
    expect(readdirSync(join(s.out, 'ppl-study', 'original', 'wiki', 'topk'))).toHaveLength(13);

    const same = metricsOf(s, 'f16');
    expect(same.kl).toMatchObject({ baseline: 'original', mean: 0, median: 0, p99: 0, same_top_token_pct: 100, positions: 403 });
    expect(same.windows_hash).toBe(base.windows_hash);
    const fp8 = metricsOf(s, 'fp8');
    // The top-8 estimate with the rest as one bucket stays below the full-vocabulary KL and near it.
    expect(fp8.kl.mean).toBeGreaterThan(0.7 * (exactKl / 403));
    expect(fp8.kl.mean).toBeLessThanOrEqual(exactKl / 403 + 1e-6);
    expect(fp8.kl.p99).toBeGreaterThanOrEqual(fp8.kl.median);
    expect(fp8.kl.same_top_token_pct).toBeLessThan(100);
    expect(fp8.kl.same_top_token_pct).toBeGreaterThan(30);
    // Standard errors from the spread between the 13 windows (positions within one are not independent).
    expect(fp8.kl.mean_se).toBeGreaterThan(0);
    expect(fp8.kl.same_top_token_se_pct).toBeGreaterThan(0);
    expect(fp8.ppl).not.toBe(base.ppl);
    expect(r.stdout).toMatch(/variant fp8: wiki PPL [\d.]+ \(mean NLL [\d.]+, 403 tokens in 13 windows\); KL to original: mean [\d.]+/);

    // Ingest reads PPL as the task's primary metric (lower is better) and the KL figures beside it.
    const read = ingest({ inputs: [join(s.out, 'ppl-study')], root: s.dir });
    expect(read.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    const task = read.runs.find((x) => x.variant === 'fp8')?.tasks.find((t) => t.task === 'wiki');
    expect(task?.primary).toBe('ppl');
    expect(Object.fromEntries(task!.metrics.map((m) => [m.name, m.value]))).toEqual({ ppl: fp8.ppl, nll: fp8.nll, kl_mean: fp8.kl.mean, kl_median: fp8.kl.median, kl_p99: fp8.kl.p99, same_top_token: fp8.kl.same_top_token_pct / 100 });
    expect(task!.metrics.find((m) => m.name === 'same_top_token')?.stderr).toBeCloseTo(fp8.kl.same_top_token_se_pct / 100, 12);
    expect(task!.metrics.find((m) => m.name === 'kl_mean')?.stderr).toBe(fp8.kl.mean_se);

    // Resume: a run that stopped after some windows asks only the others and ends with the same figures.
    const windows = join(s.out, 'ppl-study', 'fp8', 'wiki', 'wiki_windows.jsonl');
    writeFileSync(windows, readFileSync(windows, 'utf8').split('\n').slice(0, 5).join('\n') + '\n');
    rmSync(join(s.out, 'ppl-study', 'fp8', 'wiki', 'wiki_metrics.json'));
    const meta = join(s.out, 'ppl-study', 'fp8', 'run_meta.json');
    writeFileSync(meta, JSON.stringify({ ...json(meta), status: 'interrupted' }));
    const asked = () => readFileSync(join(s.logs, 'requests.log'), 'utf8').split('\n').filter((l) => l.startsWith('tokens ')).length;
    const before = asked();
    expect(collect(['--config', s.config, '--out', s.out], pplEnv(s.logs)).status).toBe(0);
    expect(asked() - before).toBe(8);
    expect(metricsOf(s, 'fp8')).toEqual(fp8);
  });
});

describe('quantize a variant with llm-compressor, then serve the checkpoint (stand-in python and vllm at the GPU boundary)', () => {
  const standinPython = join(ROOT, 'tests', 'stand-ins', 'python-lm-eval');
  function quantSetup(name: string) {
    const s = setup(name);
    writeFileSync(join(s.dir, 'data', 'wiki.txt'), Array.from({ length: 200 }, (_, i) => `w${(i * 13) % 61}`).join(' '));
    writeFileSync(
      s.config,
      `study: quant-study\nseed: 7\nmodel:\n  name: Qwen/Qwen2.5-7B\nvariants:\n  - name: original\n  - name: awq\n    quantize:\n      method: awq\n      track: Track A\n      w_bits: 4\n      group_size: 128\n      symmetric: false\n      calibration: {dataset: wikitext2, samples: 128, seq_len: 2048}\n      seed: 42\ndatasets:\n  - name: wikitext2\n    type: perplexity\n    path: data/wiki.txt\n    seq_len: 32\n    top_k: 8\nserver:\n  startup_timeout_s: 30\n  python: ${standinPython}\ngeneration:\n  concurrency: 4\n`,
    );
    return s;
  }
  const calls = (logs: string) => (existsSync(join(logs, 'quantize-calls.jsonl')) ? lines(join(logs, 'quantize-calls.jsonl')) : []);

  it('dry run shows the llm-compressor step with every parameter, the checkpoint served, and the PPL / KL steps', () => {
    const s = quantSetup('quant-dry');
    const r = collect(['--config', s.config, '--dry-run', '--out', s.out], env(s.logs));
    expect(r.status, r.stderr).toBe(0);
    const run = join(s.out, 'quant-study', 'awq');
    expect(r.stdout).toContain(`quantize (llm-compressor one-shot, awq; skipped when ${run}/checkpoint is complete): ${standinPython} ${join(ROOT, 'scripts/collect/python/quantize.py')} --model Qwen/Qwen2.5-7B --output ${run}/checkpoint.partial --method awq --w-bits 4 --group-size 128 --asymmetric --ignore lm_head --calibration-dataset wikitext2 --calibration-split train --samples 128 --seq-len 2048 --seed 42`);
    expect(r.stdout).toContain(`server: vllm serve ${run}/checkpoint --host`);
    expect(r.stdout).toMatch(/perplexity wikitext2: .* prompt_logprobs 8/);
    expect(r.stdout).toMatch(/KL\(original ‖ awq\)/);
  });

  it('refuses up front when llm-compressor is missing, redoes a partial checkpoint, never redoes a complete one, and records every parameter', () => {
    const s = quantSetup('quant-run');
    const missing = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_NO_LLMCOMPRESSOR: '1' }));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("variant(s) awq quantize the model with llm-compressor, which");
    expect(missing.stderr).toContain("llmcompressor (ModuleNotFoundError: No module named 'llmcompressor'). Install it in the serving environment (pip install llmcompressor)");
    expect(existsSync(join(s.logs, 'vllm-calls.jsonl'))).toBe(false);

    const run = join(s.out, 'quant-study', 'awq');
    const crashed = collect(['--config', s.config, '--out', s.out], env(s.logs, { STANDIN_QUANTIZE_CRASH: '1' }));
    expect(crashed.status).not.toBe(0);
    expect(crashed.stderr).toMatch(/quantizing variant awq failed \(exit 137\); last lines of .*quantize\.log:[\s\S]*CUDA out of memory/);
    expect(existsSync(join(run, 'checkpoint'))).toBe(false);
    expect(json(join(run, 'run_meta.json')).status).toBe('failed');

    const ok = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(run, 'checkpoint.partial'))).toBe(false);
    expect(readdirSync(join(run, 'checkpoint')).sort()).toEqual(['.evalsite-complete.json', 'config.json', 'model.safetensors', 'quantize_meta.json', 'tokenizer.json']);
    const serve = lines(join(s.logs, 'vllm-calls.jsonl')).filter((l) => l.args[0] === 'serve').map((l) => l.args[1]);
    expect(serve).toEqual(['Qwen/Qwen2.5-7B', join(run, 'checkpoint')]);
    const meta = json(join(run, 'run_meta.json'));
    expect(meta.quantize).toEqual({
      method: 'awq', track: 'Track A', tool: 'llm-compressor', tool_version: '0.9.0-standin', source_model: 'Qwen/Qwen2.5-7B', scheme: 'W4A16_ASYM',
      weight: { w_bits: 4, group_size: 128, symmetric: false, ignore: ['lm_head'] },
      calibration: { dataset: 'wikitext2', split: 'train', samples: 128, seq_len: 2048 }, seed: 42, time_s: 1.5, vram_peak_mb: 8123.4,
    });
    expect(json(join(run, 'wikitext2', 'wikitext2_metrics.json')).kl.baseline).toBe('original');

    // Seed 001's record, in Chinese and English, ingests back to the run's own numbers.
    const ppl = json(join(run, 'wikitext2', 'wikitext2_metrics.json'));
    for (const lang of ['zh', 'en']) {
      const file = join(run, `record.${lang}.md`);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toBe(lang === 'zh' ? '# 实验结果: Qwen/Qwen2.5-7B + awq (Track A)' : '# Experiment results: Qwen/Qwen2.5-7B + awq (Track A)');
      const back = ingest({ inputs: [file], root: s.dir });
      expect(back.problems.filter((p) => p.severity !== 'info'), lang).toEqual([]);
      const r = back.runs[0]!;
      expect(r.dialect).toBe('markdown-record');
      expect({ model: r.model, variant: r.variant, quantization: r.quantization }).toEqual({ model: 'Qwen/Qwen2.5-7B', variant: 'awq', quantization: 'awq' });
      expect(r.quantizationParams).toMatchObject({ method: 'awq', track: 'Track A', calibDataset: 'wikitext2', calibSamples: 128, calibSeqLen: 2048, weight: { w_bits: 4, group_size: 128, symmetric: false, scheme: 'W4A16_ASYM' } });
      expect(r.perplexity).toEqual([{ dataset: 'wikitext2', ppl: ppl.ppl, nll: ppl.nll }]);
      expect(r.system?.totalTimeSeconds).toBe(meta.total_time_s);
      expect(r.environment?.seed).toBe(42);
      expect(r.environment?.command).toBe(meta.command);
    }
    // Read with its run folder, each record is linked to that run, one per language.
    const study = ingest({ inputs: [join(s.out, 'quant-study')], root: s.dir });
    const awqRun = study.runs.find((x) => x.variant === 'awq')!;
    expect(study.records.filter((x) => x.runId === awqRun.id).map((x) => [x.lang, x.sources[0]!.path]).sort()).toEqual([['en', expect.stringMatching(/awq\/record\.en\.md$/)], ['zh', expect.stringMatching(/awq\/record\.zh\.md$/)]]);
    expect(awqRun.quantizationParams).toMatchObject({ method: 'awq', track: 'Track A', seed: 42 });

    // Not complete again (its PPL to redo), the checkpoint is: served, not quantized again.
    const quantized = calls(s.logs).filter((c) => !c.args.includes('--check')).length;
    writeFileSync(join(run, 'run_meta.json'), JSON.stringify({ ...meta, status: 'interrupted' }));
    rmSync(join(run, 'wikitext2', 'wikitext2_metrics.json'));
    const again = collect(['--config', s.config, '--out', s.out], env(s.logs));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`variant awq: serves its quantized checkpoint ${join(run, 'checkpoint')}`);
    expect(calls(s.logs).filter((c) => !c.args.includes('--check')).length).toBe(quantized);
  });
});
