/**
 * Serving benchmarks with `vllm bench serve`: offline throughput (request rate inf) and online load
 * at each configured rate. Raw results are kept (vllm_bench_raw.json, rate_<N>/raw_results.json)
 * and normalized to seed 003's files: throughput_results.json/csv, online_results.json/csv and
 * rate_<N>/summary.json. A rate whose raw result exists is not run again.
 */
import { spawnTracked } from '../processes.ts';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, Variant } from '../config.ts';
import { benchArgs, shellLine } from '../commands.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../lib/atomic.ts';
import { FailureError } from '../../lib/cli.ts';

export class BenchError extends FailureError {
  constructor(message: string) {
    super(message, 'EBENCH');
  }
}

type Raw = Record<string, number | string | null | unknown[]>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function throughputFromRaw(raw: Raw): Record<string, number> {
  const duration = num(raw.duration);
  const out: Record<string, number | undefined> = {
    request_throughput_rps: num(raw.request_throughput),
    input_throughput_tps: duration ? (num(raw.total_input_tokens) ?? 0) / duration : undefined,
    output_throughput_tps: num(raw.output_throughput),
    total_time_s: duration,
    mean_ttft_ms: num(raw.mean_ttft_ms),
    p99_ttft_ms: num(raw.p99_ttft_ms),
    num_prompts: num(raw.num_prompts),
    completed: num(raw.completed),
    failed: num(raw.failed),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Record<string, number>;
}

export function onlineFromRaw(rate: number, raw: Raw): Record<string, number> {
  const out: Record<string, number | undefined> = {
    request_rate: rate,
    latency_p50_ms: num(raw.p50_e2el_ms) ?? num(raw.median_e2el_ms),
    latency_p95_ms: num(raw.p95_e2el_ms),
    latency_p99_ms: num(raw.p99_e2el_ms),
    ttfb_p50_ms: num(raw.p50_ttft_ms) ?? num(raw.median_ttft_ms),
    effective_throughput_tps: num(raw.output_throughput),
    completed: num(raw.completed),
    failed: num(raw.failed),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Record<string, number>;
}

function csv(rows: Record<string, number>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${keys.join(',')}\n${rows.map((r) => keys.map((k) => r[k] ?? '').join(',')).join('\n')}\n`;
}

async function benchOnce(c: Config, v: Variant, baseUrl: string, rate: number | 'inf', runDir: string, dir: string, file: string): Promise<Raw> {
  const target = join(dir, file);
  if (existsSync(target)) return JSON.parse(readFileSync(target, 'utf8')) as Raw;
  mkdirSync(dir, { recursive: true });
  const args = benchArgs(c, v, baseUrl, rate, dir, file);
  // stdout and stderr apart, as seed 003 keeps them (the command line heads stdout.txt).
  const out = createWriteStream(join(dir, 'stdout.txt'), { flags: 'a' });
  const err = createWriteStream(join(dir, 'stderr.txt'), { flags: 'a' });
  out.write(`$ ${shellLine(c.server.vllm, args)}\n`);
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = spawnTracked(c.server.vllm, args, { folder: runDir, role: `bench-${rate}`, interruptible: true });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(err, { end: false });
    child.on('error', (err: NodeJS.ErrnoException) => reject(new BenchError(err.code === 'ENOENT' ? `"${c.server.vllm}" was not found on PATH: vllm bench serve needs vLLM installed` : err.message)));
    child.on('close', (n) => resolveCode(n ?? 1));
  });
  await Promise.all([out, err].map((w) => new Promise<void>((r) => w.end(() => r()))));
  if (code !== 0 || !existsSync(target)) throw new BenchError(`vllm bench serve at rate ${rate} failed (exit ${code}); see ${join(dir, 'stderr.txt')}`);
  return JSON.parse(readFileSync(target, 'utf8')) as Raw;
}

/**
 * Failed requests make a benchmark's figures cover only the completed ones: reported on every
 * run (and kept in the summaries as `failed`); none completed measures nothing and fails the step.
 */
function checkFailed(raw: Raw, rate: number | 'inf', dir: string, onStep?: (label: string) => void): void {
  const failed = num(raw.failed) ?? 0;
  if (!failed) return;
  const completed = num(raw.completed) ?? 0;
  if (!completed) throw new BenchError(`vllm bench serve at rate ${rate}: all ${failed} requests failed; see ${dir}`);
  onStep?.(`WARNING: ${failed} of ${failed + completed} requests failed at rate ${rate}; its figures cover the ${completed} completed ones`);
}

export async function runBench(c: Config, v: Variant, baseUrl: string, runDir: string, onStep?: (label: string) => void): Promise<void> {
  const b = c.benchmark ?? {};
  if (b.offline !== false) {
    onStep?.('offline throughput');
    const raw = await benchOnce(c, v, baseUrl, 'inf', runDir, runDir, 'vllm_bench_raw.json');
    checkFailed(raw, 'inf', runDir, onStep);
    const t = throughputFromRaw(raw);
    writeJsonAtomic(join(runDir, 'throughput_results.json'), t);
    writeFileAtomic(join(runDir, 'throughput_results.csv'), csv([t]));
  }
  const rows: Record<string, number>[] = [];
  for (const rate of b.request_rates ?? []) {
    onStep?.(`online load at ${rate} req/s`);
    const dir = join(runDir, `rate_${rate}`);
    const raw = await benchOnce(c, v, baseUrl, rate, runDir, dir, 'raw_results.json');
    checkFailed(raw, rate, dir, onStep);
    const row = onlineFromRaw(rate, raw);
    writeJsonAtomic(join(dir, 'summary.json'), row);
    rows.push(row);
  }
  if (rows.length) {
    writeJsonAtomic(join(runDir, 'online_results.json'), { results: rows });
    writeFileAtomic(join(runDir, 'online_results.csv'), csv(rows));
  }
}
