import { describe, expect, it } from 'vitest';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { inferStudies } from './infer-studies.ts';
import { evidenceOf } from '../../domain/variant-evidence.ts';

const run = (id: string, model: string, tasks: string[], extra: Partial<NormalizedRun> = {}): NormalizedRun => ({
  id,
  model,
  dialect: 'lm-eval',
  sources: [{ path: `${id}.json` }],
  tasks: tasks.map((task) => ({ task, metrics: [{ name: 'acc', value: 0.5 }] })),
  ...extra,
});

describe('variant evidence from model names and settings', () => {
  it.each([
    ['Qwen/Qwen2.5-7B-Instruct-AWQ', 'Qwen2.5-7B-Instruct', ['awq'], 4],
    ['Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4', 'Qwen2.5-7B-Instruct', ['gptq', 'int4'], 4],
    ['RedHatAI/Meta-Llama-3.1-8B-Instruct-FP8-dynamic', 'Meta-Llama-3.1-8B-Instruct', ['fp8', 'dynamic'], 8],
    ['neuralmagic/Meta-Llama-3.1-8B-Instruct-quantized.w4a16', 'Meta-Llama-3.1-8B-Instruct', ['quantized', 'w4a16'], 4],
    ['org/Mistral-7B-Instruct-v0.2-W8A8', 'Mistral-7B-Instruct-v0.2', ['w8a8'], 8],
    ['./Meta-Llama-3-8B-Instruct-awq-asym-fp8-block', 'Meta-Llama-3-8B-Instruct', ['awq', 'asym', 'fp8', 'block'], 8],
    ['/models/Qwen3-235B-A22B_nvfp4_LLMC/quantized_model_nvfp4', 'Qwen3-235B-A22B', ['nvfp4', 'quantized', 'llmc'], 4],
    ['unsloth/llama-3-8b-bnb-4bit', 'llama-3-8b', ['bnb', '4bit'], 4],
    ['TheBloke/Llama-2-7B-GGUF/llama-2-7b.Q4_K_M.gguf', 'llama-2-7b', ['q4_k_m', 'gguf'], 4],
    ['meta-llama/Meta-Llama-3-8B-Instruct', 'Meta-Llama-3-8B-Instruct', [], 16],
  ])('%s -> base %s, tags %j, %i bits', (model, base, tags, bits) => {
    const ev = evidenceOf(run('r', model, ['x']));
    expect(ev.base).toBe(base);
    expect([...ev.tags].sort()).toEqual([...tags].sort());
    expect(ev.bits).toBe(bits);
    expect(ev.label).not.toBe('');
  });

  it('reads dtype and adapters from lm-eval model_args (string or object)', () => {
    expect(evidenceOf(run('r', 'qwen/qwen2.5-7B', ['x'], { settings: { model_args: 'pretrained=qwen/qwen2.5-7B,dtype=float32' } }))).toMatchObject({ dtype: 'float32', bits: 32, label: 'dtype float32' });
    expect(evidenceOf(run('r', 'm/base-7b', ['x'], { settings: { model_args: { pretrained: 'm/base-7b', peft: 'me/lora-math' } } }))).toMatchObject({ adapter: 'me/lora-math', label: 'adapter lora-math' });
  });
});

describe('inferred studies', () => {
  it('compares quantized variants with the unquantized run of the same base model on shared tasks', () => {
    const runs = [
      run('bf16', 'Qwen/Qwen2.5-7B-Instruct', ['gsm8k', 'mmlu']),
      run('awq', 'Qwen/Qwen2.5-7B-Instruct-AWQ', ['gsm8k']),
      run('fp8', 'RedHat/Qwen2.5-7B-Instruct-FP8-dynamic', ['gsm8k', 'mmlu']),
      run('other', 'Qwen/Qwen2.5-7B-Instruct-AWQ', ['piqa']),
    ];
    const [s, ...rest] = inferStudies(runs, new Set());
    expect(rest).toEqual([]);
    expect(s!.baselineRunId).toBe('bf16');
    expect(s!.variants.map((v) => [v.name, v.runId])).toEqual([['default precision', 'bf16'], ['fp8-dynamic', 'fp8'], ['awq', 'awq']]);
    expect(s!.title).toBe('Qwen2.5-7B-Instruct: default precision vs fp8-dynamic vs awq');
  });

  it('never pairs base and Instruct, runs already in a study, or runs with nothing to tell apart', () => {
    expect(inferStudies([run('a', 'meta-llama/Meta-Llama-3-8B', ['mmlu']), run('b', 'meta-llama/Meta-Llama-3-8B-Instruct', ['mmlu'])], new Set())).toEqual([]);
    expect(inferStudies([run('a', 'm/x-7b', ['mmlu']), run('b', 'm/x-7b-awq', ['mmlu'])], new Set(['a']))).toEqual([]);
    expect(inferStudies([run('a', 'm/x-7b', ['mmlu']), run('b', 'other/x-7b', ['mmlu'])], new Set())).toEqual([]);
    // Demo data never joins real results.
    expect(inferStudies([run('a', 'm/x-7b', ['mmlu']), run('b', 'm/x-7b-awq', ['mmlu'], { example: { origin: 'seed 001', illustrative: false } })], new Set())).toEqual([]);
  });
});
