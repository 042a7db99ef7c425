/**
 * Where a run happened, for run_meta.json: GPUs, driver and CUDA from nvidia-smi, Python and package
 * versions from the serving environment's Python, git commit, SLURM ids, host and OS, and the VRAM
 * peak sampled while the run goes. Every probe is optional: a missing tool leaves its fields null.
 */
import { execFileSync, spawn } from 'node:child_process';
import { hostname, release, type } from 'node:os';
import { isObj } from '../../domain/guards.ts';

function run(cmd: string, args: string[], timeout = 15_000): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export interface Gpu {
  index: number;
  name: string;
  memory_mb: number;
}

export function gpus(): { gpus: Gpu[]; driver: string | null; cuda: string | null } {
  const out = run('nvidia-smi', ['--query-gpu=index,name,memory.total,driver_version', '--format=csv,noheader,nounits']);
  if (!out) return { gpus: [], driver: null, cuda: null };
  const rows = out.split('\n').map((l) => l.split(',').map((x) => x.trim()));
  const header = run('nvidia-smi', []) ?? '';
  return {
    gpus: rows.map(([i, name, mem]) => ({ index: Number(i), name: name ?? '', memory_mb: Number(mem) })),
    driver: rows[0]?.[3] ?? null,
    cuda: /CUDA Version:\s*([\d.]+)/.exec(header)?.[1] ?? null,
  };
}

const PACKAGES = ['torch', 'vllm', 'transformers', 'datasets', 'lm_eval', 'accelerate', 'safetensors', 'tokenizers', 'numpy', 'compressed-tensors', 'flashinfer-python'];

export function pythonEnv(python: string): { python: string | null; packages: Record<string, string>; cudnn: string | null } {
  const script = `import sys, json, importlib.metadata as m
out = {"python": sys.version.split()[0], "packages": {}}
for p in ${JSON.stringify(PACKAGES)}:
    try: out["packages"][p] = m.version(p)
    except Exception: pass
try:
    import torch
    out["cudnn"] = str(torch.backends.cudnn.version())
except Exception: out["cudnn"] = None
print(json.dumps(out))`;
  const out = run(python, ['-c', script], 60_000);
  if (!out) return { python: null, packages: {}, cudnn: null };
  try {
    const j = JSON.parse(out.split('\n').pop()!) as { python: string; packages: Record<string, string>; cudnn: string | null };
    return { python: j.python, packages: j.packages, cudnn: j.cudnn };
  } catch {
    return { python: null, packages: {}, cudnn: null };
  }
}

/**
 * The --quantization and --kv-cache-dtype values the installed vLLM accepts, read from vLLM itself
 * (its lists change between versions); undefined where vLLM cannot be imported in that Python.
 */
export function vllmAccepted(python: string): { version: string; quantization: string[]; kvCacheDtype: string[] } | undefined {
  const script = `import json, typing
import vllm
from vllm.model_executor.layers.quantization import QUANTIZATION_METHODS
try:
    from vllm.config.cache import CacheDType
except Exception:
    from vllm.config import CacheDType
print(json.dumps({"version": vllm.__version__, "quantization": list(QUANTIZATION_METHODS), "kv_cache_dtype": list(typing.get_args(CacheDType))}))`;
  const out = run(python, ['-c', script], 120_000);
  if (!out) return undefined;
  try {
    const j: unknown = JSON.parse(out.split('\n').pop() ?? '');
    if (!isObj(j) || typeof j.version !== 'string' || !isStringArray(j.quantization) || !isStringArray(j.kv_cache_dtype)) return undefined;
    return { version: j.version, quantization: j.quantization, kvCacheDtype: j.kv_cache_dtype };
  } catch {
    return undefined;
  }
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((e) => typeof e === 'string');

export function gitCommit(cwd: string): string | null {
  return run('git', ['-C', cwd, 'rev-parse', '--short', 'HEAD']) ?? null;
}

export function slurm(): { slurm_job_id: string | null; slurm_array_job_id: string | null; slurm_array_task_id: string | null } {
  const e = process.env;
  return { slurm_job_id: e.SLURM_JOB_ID ?? null, slurm_array_job_id: e.SLURM_ARRAY_JOB_ID ?? null, slurm_array_task_id: e.SLURM_ARRAY_TASK_ID ?? null };
}

export function host(): { hostname: string; os: string } {
  return { hostname: hostname(), os: `${type()} ${release()}` };
}

/** Samples GPU memory in use every few seconds; `stop()` returns the peak in MB (null without GPUs). */
export function vramSampler(intervalMs = 2000): { stop(): number | null } {
  let peak: number | null = null;
  let running = true;
  const tick = () => {
    if (!running) return;
    const p = spawn('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.on('error', () => (running = false));
    p.on('close', () => {
      const total = out.split('\n').filter(Boolean).reduce((s, x) => s + Number(x), 0);
      if (out.trim() && Number.isFinite(total)) peak = Math.max(peak ?? 0, total);
      if (running) timer = setTimeout(tick, intervalMs);
    });
  };
  let timer = setTimeout(tick, 0);
  return {
    stop() {
      running = false;
      clearTimeout(timer);
      return peak;
    },
  };
}
