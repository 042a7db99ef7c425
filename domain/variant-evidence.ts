/**
 * What a run's model name, settings and quantization field say about its variant: the base model,
 * quantization tags (-AWQ, -GPTQ-Int4, -FP8-dynamic, -W4A16, nvfp4, bnb-4bit, GGUF q4_k_m ...),
 * dtype and adapter from lm-eval's model_args, and the bits per weight they imply. Used by ingest to
 * infer studies and by the site for recovery gates and memory.
 */
import type { NormalizedRun } from '../schemas/types.gen.ts';
import { isObj } from './guards.ts';

/** What tells two runs of one base model apart. */
export interface VariantEvidence {
  /** The base model as it is written in the name, tags removed (for titles). */
  base: string;
  /** Lower-case key runs are grouped by. */
  key: string;
  /** Quantization tags found in the name, in order (e.g. awq, asym, fp8, block). */
  tags: string[];
  dtype?: string;
  adapter?: string;
  quantization?: string;
  /** Bits per weight the evidence implies; 16 when nothing says otherwise, 32 for float32. */
  bits: number;
  /** A short label for the variant, never empty. */
  label: string;
}

const QUANT_TOKENS = new Set([
  'awq', 'gptq', 'int4', 'int8', 'int3', 'w4a16', 'w8a8', 'w8a16', 'w4a4', 'w4a8', 'fp8', 'fp4', 'nvfp4', 'mxfp4', 'mxfp8', 'bnb', '4bit', '8bit', 'nf4',
  'gguf', 'quantized', 'quant', 'asym', 'sym', 'dynamic', 'block', 'static', 'channelwise', 'llmc', 'marlin', 'exl2', 'hqq', 'aqlm', 'smoothquant', 'e4m3', 'kv',
]);
const GGUF = /(?:^|[-_.])(i?q[2-8]_(?:k(?:_[sml])?|[01]|xs|xxs))(?=$|[-_.])/i;
const GENERIC = new Set(['', 'model', 'models', 'checkpoint', 'final', 'merged', 'output', 'outputs', 'hf']);

function bitsOf(tags: string[], dtype: string | undefined, quantization: string | undefined): number {
  const all = [...tags, quantization?.toLowerCase() ?? ''].join(' ');
  const gguf = /q([2-8])_/.exec(all);
  if (gguf) return Number(gguf[1]);
  // An explicit width (fp8, w4a16, int8 ...) wins over a method name: awq-fp8 is 8-bit, awq alone 4-bit.
  if (/\b(int4|w4a\d+|nvfp4|mxfp4|fp4|4bit|nf4)\b/.test(all)) return 4;
  if (/\b(fp8|int8|w8a\d+|8bit|mxfp8|e4m3)\b/.test(all)) return 8;
  if (/\b(awq|gptq|bnb)\b/.test(all)) return 4;
  if (/\bsmoothquant\b/.test(all)) return 8;
  if (dtype && /^(float32|fp32)$/i.test(dtype)) return 32;
  return 16;
}

/** The segments of a model path with quantization tags removed, last meaningful one first. */
function splitName(model: string): { base: string; tags: string[] } {
  const segments = model.split(/[\\/]/).filter((s) => s && s !== '.' && s !== '..');
  const tags: string[] = [];
  for (let i = segments.length - 1; i >= 0; i--) {
    let seg = segments[i]!;
    const gguf = GGUF.exec(seg);
    if (gguf) {
      tags.push(gguf[1]!.toLowerCase());
      seg = seg.replace(gguf[1]!, '');
    }
    // Tokens and the separators before them, so what is kept reads as written (Qwen2.5-7B).
    let base = '';
    let sep = '';
    for (const piece of seg.split(/([-_.])/)) {
      if (piece === '-' || piece === '_' || piece === '.') {
        sep = piece;
        continue;
      }
      const low = piece.toLowerCase();
      if (QUANT_TOKENS.has(low)) tags.push(low);
      else if (piece) base += (base ? sep : '') + piece;
      sep = '';
    }
    if (!GENERIC.has(base.toLowerCase())) return { base, tags: [...new Set(tags)] };
  }
  return { base: model, tags: [...new Set(tags)] };
}

function modelArg(run: NormalizedRun, name: string): string | undefined {
  const args = run.settings?.model_args;
  if (isObj(args)) {
    const v = args[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  }
  if (typeof args !== 'string') return undefined;
  for (const part of args.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function evidenceOf(run: NormalizedRun): VariantEvidence {
  const { base, tags } = splitName(run.model);
  const dtype = modelArg(run, 'dtype') ?? modelArg(run, 'torch_dtype');
  const adapter = modelArg(run, 'peft') ?? modelArg(run, 'lora_local_path');
  const quantization = typeof run.quantization === 'string' ? run.quantization : undefined;
  const adapterName = adapter?.split(/[\\/]/).filter(Boolean).pop();
  const labelParts = [tags.join('-'), quantization && !tags.includes(quantization.toLowerCase()) ? quantization : '', adapterName ? `adapter ${adapterName}` : '', dtype && dtype !== 'auto' ? `dtype ${dtype}` : ''].filter(Boolean);
  return {
    base,
    key: base.toLowerCase(),
    tags,
    ...(dtype ? { dtype } : {}),
    ...(adapter ? { adapter } : {}),
    ...(quantization ? { quantization } : {}),
    bits: bitsOf(tags, dtype, quantization),
    label: labelParts.join(', ') || (dtype === 'auto' ? 'default dtype (auto)' : 'default precision'),
  };
}
