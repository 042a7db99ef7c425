/**
 * A variant's `quantize:` step: llm-compressor's one-shot quantization (python/quantize.py, run
 * in the serving environment's Python) writes a compressed checkpoint into the run folder, which
 * the variant's server then serves. The checkpoint is written to `checkpoint.partial/` and renamed
 * to `checkpoint/` when the script succeeded, then marked complete: a complete checkpoint is never
 * redone, a partial one (a crash, a kill) always is.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Config, Variant } from './config.ts';
import { shellLine } from './commands.ts';
import { spawnTracked } from './processes.ts';
import { writeJsonAtomic } from '../lib/atomic.ts';
import { FailureError } from '../lib/cli.ts';
import { spawnSync } from 'node:child_process';
import { isObj } from '../../domain/guards.ts';
import { logTail, readJsonObject } from './files.ts';

export const QUANTIZE_SCRIPT = join(import.meta.dirname, 'python', 'quantize.py');
const COMPLETE_MARKER = '.evalsite-complete.json';

export class QuantizeError extends FailureError {
  constructor(message: string) {
    super(message, 'EQUANTIZE');
  }
}

export type QuantizeSpec = NonNullable<Variant['quantize']>;

/** The checkpoint folder of a variant's run. */
export const checkpointDir = (runDir: string) => join(runDir, 'checkpoint');

/** quantize.py's arguments for a variant, every parameter explicit (they go into run_meta too). */
export function quantizeArgs(c: Config, v: Variant, output: string): string[] {
  const q = v.quantize;
  if (!q) return [];
  const cal = q.calibration ?? {};
  return [
    QUANTIZE_SCRIPT,
    '--model', v.model ?? c.model.name,
    '--output', output,
    '--method', q.method,
    ...(q.scheme ? ['--scheme', q.scheme] : []),
    ...(q.w_bits !== undefined ? ['--w-bits', String(q.w_bits)] : []),
    ...(q.group_size !== undefined ? ['--group-size', String(q.group_size)] : []),
    ...(q.symmetric === undefined ? [] : [q.symmetric ? '--symmetric' : '--asymmetric']),
    '--ignore', ...(q.ignore ?? ['lm_head']),
    ...(q.method === 'fp8' ? [] : ['--calibration-dataset', cal.dataset ?? 'wikitext2', '--calibration-split', cal.split ?? 'train', '--samples', String(cal.samples ?? 128), '--seq-len', String(cal.seq_len ?? 2048)]),
    '--seed', String(q.seed ?? c.seed),
  ];
}

export function isCheckpointComplete(runDir: string): boolean {
  return existsSync(join(checkpointDir(runDir), COMPLETE_MARKER));
}

/**
 * Before anything runs: the quantizing variants need llm-compressor (and torch, transformers,
 * datasets) in server.python. Fails with what is missing and how to install it.
 */
export function checkQuantizer(c: Config, variants: Variant[]): void {
  if (!variants.length) return;
  const r = spawnSync(c.server.python, [QUANTIZE_SCRIPT, '--check'], { encoding: 'utf8', timeout: 120_000 });
  const who = variants.map((v) => v.name).join(', ');
  if (r.error) throw new QuantizeError(`variant(s) ${who} quantize the model, but ${c.server.python} cannot be run (${r.error.message}); set server.python to the serving environment's Python`);
  let found: unknown;
  try {
    found = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    found = undefined;
  }
  const missing = isObj(found) && Array.isArray(found.missing) ? found.missing.map(String) : [];
  if (r.status !== 0 || missing.length) {
    throw new QuantizeError(`variant(s) ${who} quantize the model with llm-compressor, which ${c.server.python} lacks: ${missing.length ? missing.join('; ') : r.stderr.trim().split('\n').pop()}. Install it in the serving environment (pip install llmcompressor) or set server.python.`);
  }
}

/**
 * The variant's compressed checkpoint, made now unless a complete one is there. The script's
 * output goes to `quantize.log`; it runs in its own process group with a record (processes.ts),
 * so a killed collector's quantization is stopped by the next run, which starts it again.
 */
export async function prepareCheckpoint(c: Config, v: Variant, runDir: string, log: (line: string) => void): Promise<{ dir: string; meta: Record<string, unknown>; ran: boolean }> {
  const dir = checkpointDir(runDir);
  if (isCheckpointComplete(runDir)) return { dir, meta: readMeta(dir), ran: false };
  // Partial work of an earlier run (ours: only this step writes these folders) is redone.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  const args = quantizeArgs(c, v, partial);
  const logFile = createWriteStream(join(runDir, 'quantize.log'), { flags: 'a' });
  logFile.write(`$ ${shellLine(c.server.python, args)}\n`);
  log(`variant ${v.name}: quantizing ${v.model ?? c.model.name} with llm-compressor (${v.quantize?.method}); log: ${join(runDir, 'quantize.log')}`);
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = spawnTracked(c.server.python, args, { folder: runDir, role: 'quantize', interruptible: true });
    child.stdout?.pipe(logFile, { end: false });
    child.stderr?.pipe(logFile, { end: false });
    child.on('error', (err) => reject(new QuantizeError(`cannot run ${c.server.python}: ${err.message}`)));
    child.on('close', (n) => resolveCode(n ?? 1));
  });
  await new Promise<void>((r) => logFile.end(() => r()));
  if (code !== 0 || !existsSync(partial)) throw new QuantizeError(`quantizing variant ${v.name} failed (exit ${code}); last lines of ${join(runDir, 'quantize.log')}:\n${logTail(join(runDir, 'quantize.log'))}`);
  renameSync(partial, dir);
  const meta = readMeta(dir);
  writeJsonAtomic(join(dir, COMPLETE_MARKER), { completed_utc: new Date().toISOString(), args });
  return { dir, meta, ran: true };
}

const readMeta = (dir: string): Record<string, unknown> => readJsonObject(join(dir, 'quantize_meta.json')) ?? {};

/** run_meta's record of the quantization, with seed 001's fields (method, track, weight, calibration, seed). */
export function quantizeRecord(c: Config, v: Variant, meta: Record<string, unknown>): Record<string, unknown> {
  const q = v.quantize;
  if (!q) return {};
  const cal = q.calibration ?? {};
  const versions = isObj(meta.versions) ? meta.versions : {};
  return {
    quantize: {
      method: q.method,
      ...(q.track ? { track: q.track } : {}),
      tool: 'llm-compressor',
      ...(typeof versions.llmcompressor === 'string' ? { tool_version: versions.llmcompressor } : {}),
      source_model: v.model ?? c.model.name,
      scheme: typeof meta.scheme === 'string' ? meta.scheme : (q.scheme ?? null),
      weight: { w_bits: q.w_bits ?? (q.method === 'fp8' || q.method === 'w8a8' ? 8 : 4), group_size: q.group_size ?? null, symmetric: q.symmetric ?? null, ignore: q.ignore ?? ['lm_head'] },
      calibration: q.method === 'fp8' ? null : { dataset: cal.dataset ?? 'wikitext2', split: cal.split ?? 'train', samples: cal.samples ?? 128, seq_len: cal.seq_len ?? 2048 },
      seed: q.seed ?? c.seed,
      ...(typeof meta.time_s === 'number' ? { time_s: meta.time_s } : {}),
      ...(typeof meta.vram_peak_mb === 'number' ? { vram_peak_mb: meta.vram_peak_mb } : {}),
    },
  };
}
