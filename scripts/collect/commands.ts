/** Command lines for the engines the collector drives, exactly as they will be run. */
import type { Config, Dataset, Variant } from './config.ts';

/**
 * `vllm serve` for a variant (quantization, dtype, KV cache, context, TP, LoRA, extra args);
 * `modelPath`: the checkpoint the collector quantized for it, served instead of the model.
 */
export function vllmServeArgs(c: Config, v: Variant, port: number, modelPath?: string): string[] {
  const args = ['serve', modelPath ?? v.model ?? c.model.name, '--host', c.server.host, '--port', String(port), '--served-model-name', servedName(c, v), '--seed', String(c.seed)];
  if (v.quantization) args.push('--quantization', v.quantization);
  if (v.dtype) args.push('--dtype', v.dtype);
  if (v.kv_cache_dtype) args.push('--kv-cache-dtype', v.kv_cache_dtype);
  if (v.max_model_len) args.push('--max-model-len', String(v.max_model_len));
  if (v.tensor_parallel_size) args.push('--tensor-parallel-size', String(v.tensor_parallel_size));
  if (v.gpu_memory_utilization) args.push('--gpu-memory-utilization', String(v.gpu_memory_utilization));
  if (v.lora) args.push('--enable-lora', '--lora-modules', `${v.lora.name}=${v.lora.path}`);
  // Perplexity asks prompt_logprobs top_k; vLLM refuses more than --max-logprobs (default 20).
  const topK = Math.max(0, ...c.datasets.filter((d) => d.type === 'perplexity').map((d) => d.top_k ?? 20));
  if (topK > 20) args.push('--max-logprobs', String(topK));
  args.push(...(v.extra_args ?? []));
  return args;
}

export function servedName(c: Config, v: Variant): string {
  return c.model.served_name ?? v.model ?? c.model.name;
}

/** The already running server a variant is asked on, if any (its own, else the study's). */
export function externalEndpoint(c: Config, v: Variant): string | undefined {
  const url = v.base_url ?? c.server.base_url;
  return url ? url.replace(/\/$/, '').replace(/\/v1$/, '') : undefined;
}

/** Name of the environment variable with the API key for a variant's server. */
export function apiKeyEnv(c: Config, v: Variant): string | undefined {
  return v.api_key_env ?? c.server.api_key_env;
}

/** The `model` field of requests: the LoRA adapter's name when the variant has one. */
export function requestModel(c: Config, v: Variant): string {
  return v.lora?.name ?? servedName(c, v);
}

/** lm-eval 0.4.x against the running server, with per-sample logs. */
/** `samplesFile`: seeded document indices per task (lm-eval's --samples), for a sampled run. */
export function lmEvalArgs(c: Config, v: Variant, d: Dataset, baseUrl: string, outputPath: string, samplesFile?: string): string[] {
  const modelArgs = [
    `model=${requestModel(c, v)}`,
    `base_url=${baseUrl}/v1/completions`,
    `num_concurrent=${c.generation.concurrency}`,
    'tokenized_requests=False',
    `tokenizer=${c.model.tokenizer ?? c.model.name}`,
  ].join(',');
  const args = ['--model', 'local-completions', '--model_args', modelArgs, '--tasks', (d.tasks ?? []).join(','), '--output_path', outputPath, '--log_samples', '--seed', String(c.seed)];
  if (d.num_shots !== undefined) args.push('--num_fewshot', String(d.num_shots));
  if (samplesFile !== undefined) args.push('--samples', samplesFile);
  return args;
}

/** `vllm bench serve` at one request rate ("inf" for offline throughput). */
export function benchArgs(c: Config, v: Variant, baseUrl: string, rate: number | 'inf', resultDir: string, resultFile: string): string[] {
  const b = c.benchmark ?? {};
  const args = [
    'bench', 'serve',
    '--backend', 'vllm',
    '--base-url', baseUrl,
    '--model', servedName(c, v),
    '--tokenizer', c.model.tokenizer ?? c.model.name,
    '--dataset-name', b.dataset ?? 'random',
    '--num-prompts', String(b.num_prompts ?? 200),
    '--request-rate', String(rate),
    '--temperature', '0',
    '--seed', String(c.seed),
    '--percentile-metrics', 'ttft,tpot,itl,e2el',
    '--metric-percentiles', '50,95,99',
    // Per-request data (TTFT, ITL, errors of each request) in the raw result, as seed 003 promises.
    '--save-result', '--save-detailed', '--result-dir', resultDir, '--result-filename', resultFile,
  ];
  // A LoRA variant is measured through its adapter: the requests name the adapter, not the base.
  if (v.lora) args.push('--lora-modules', v.lora.name);
  if (b.dataset_path) args.push('--dataset-path', b.dataset_path);
  if ((b.dataset ?? 'random') === 'random') args.push('--random-input-len', String(b.input_len ?? 512), '--random-output-len', String(b.output_len ?? 128));
  if (b.max_concurrency && rate !== 'inf') args.push('--max-concurrency', String(b.max_concurrency));
  return args;
}

/** A command line as a shell would show it (for --dry-run and logs). */
export function shellLine(cmd: string, args: string[]): string {
  return [cmd, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
