/** Reads a study YAML, validates it against schemas/study-config.schema.json and fills defaults. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { StudyConfig } from '../../schemas/types.gen.ts';
import { isValid, validate } from '../../domain/validate.ts';
import { formatProblem } from '../../domain/problems.ts';
import { UsageError } from '../lib/cli.ts';
import { isObj } from '../../domain/guards.ts';
import { DEFAULT_ALPHA, DEFAULT_MARGIN, type SequentialSettings } from './sequential.ts';
import { externalEndpoint, requestModel } from './commands.ts';

export type Variant = StudyConfig['variants'][number];
export type Dataset = StudyConfig['datasets'][number];

/** A dataset the own runners score per example (accuracy), not lm-eval's or a perplexity one. */
export const isAccuracyDataset = (d: Dataset): boolean => d.type !== 'lm-eval' && d.type !== 'perplexity';

export interface Config extends StudyConfig {
  seed: number;
  output: string;
  server: NonNullable<StudyConfig['server']> & { host: string; vllm: string; lm_eval: string; python: string; startup_timeout_s: number; health_interval_s: number; health_failures: number };
  generation: Required<NonNullable<StudyConfig['generation']>>;
  /** SHA-256 prefix of the normalized config: run directories remember it. */
  hash: string;
  /** Things that will work but are probably not what the user wants. */
  warnings: string[];
  /** Set by --until-decided: variants stop once non-inferiority against the baseline is decided. */
  untilDecided?: SequentialSettings;
  file: string;
}

/** A study config that cannot be used: file, line and field in the message. */
export class ConfigError extends UsageError {
  constructor(message: string) {
    super(message, 'ECONFIG');
  }
}

/** A sampling plan (`npm run sample-study -- --write-plan`): fraction per variant or model name. */
export interface SamplingPlan {
  fractions: Record<string, number>;
  file: string;
}

export function loadConfig(file: string, plan?: SamplingPlan): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${(err as Error).message}`);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${file}:${e.linePos?.[0]?.line ?? '?'}:${e.linePos?.[0]?.col ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS();
  // A sampling plan sets each named variant's fraction (unless the config already samples it);
  // it is part of the config, so the run directory of a sampled run differs from a full one's.
  if (plan && isObj(raw) && Array.isArray(raw.variants)) {
    const modelName = isObj(raw.model) && typeof raw.model.name === 'string' ? raw.model.name : '';
    for (const v of raw.variants) {
      if (!isObj(v) || typeof v.name !== 'string' || v.sampling) continue;
      const f = plan.fractions[v.name] ?? (typeof v.model === 'string' ? plan.fractions[v.model] : undefined) ?? plan.fractions[`${modelName} · ${v.name}`];
      if (f !== undefined && f < 1) v.sampling = { fraction: f };
    }
  }
  const problems = validate('study-config.schema.json', raw, { file });
  if (problems.length) {
    // Map JSON pointers to YAML lines.
    const lines = problems.map((p) => {
      const path = (p.pointer ?? '').split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      let node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
      for (let n = path.length - 1; !node?.range && n >= 0; n--) node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
      const line = node?.range ? text.slice(0, node.range[0]).split('\n').length : undefined;
      return formatProblem({ ...p, ...(line ? { line } : {}) });
    });
    throw new ConfigError(`invalid study config:\n${lines.join('\n')}`);
  }
  if (!isValid('study-config.schema.json', raw)) throw new ConfigError(`invalid study config: ${file}`);
  const c: StudyConfig = raw;
  const names = new Set<string>();
  for (const [i, v] of c.variants.entries()) {
    if (names.has(v.name)) throw new ConfigError(`${file}: /variants/${i}/name: duplicate variant "${v.name}"`);
    names.add(v.name);
  }
  checkArgumentValues(c, file);
  for (const [i, d] of c.datasets.entries()) {
    if (d.type !== 'lm-eval' && !d.path && !d.hf) throw new ConfigError(`${file}: /datasets/${i}: dataset "${d.name}" needs "path" (local JSONL/Parquet) or "hf" (hub download)`);
    if (d.type === 'lm-eval' && !d.tasks?.length) throw new ConfigError(`${file}: /datasets/${i}/tasks: lm-eval dataset "${d.name}" needs a list of tasks`);
  }
  const config: Config = {
    ...c,
    seed: c.seed ?? 1234,
    output: c.output ?? 'results',
    server: { host: '127.0.0.1', vllm: 'vllm', lm_eval: 'lm_eval', python: 'python3', startup_timeout_s: 900, health_interval_s: 10, health_failures: 3, ...c.server },
    // 256 in flight: the server, not the client, should set the pace (see the schema's description).
    generation: { endpoint: 'completions', temperature: 0, concurrency: 256, request_timeout_s: 300, retries: 3, max_failure_rate: 0.02, max_consecutive_failures: 10, ...c.generation },
    hash: '',
    file,
    warnings: [],
  };
  for (const v of c.variants) {
    if (v.quantization === 'awq' || v.quantization === 'gptq') {
      config.warnings.push(`variant ${v.name}: --quantization ${v.quantization} forces vLLM's slow ${v.quantization.toUpperCase()} kernel; omit it (pre-quantized checkpoints are detected) or use ${v.quantization}_marlin`);
    }
    if ((v.quantization === 'awq' || v.quantization === 'gptq' || v.quantization === 'awq_marlin' || v.quantization === 'gptq_marlin') && !v.model) {
      config.warnings.push(`variant ${v.name}: ${v.quantization} needs a pre-quantized checkpoint in "model"; the base model ${c.model.name} is not one`);
    }
  }
  checkSharedEndpoints(config, file);
  for (const [i, v] of config.variants.entries()) {
    if (!v.quantize) continue;
    // The checkpoint the collector writes is served by the collector's own vllm serve.
    if (v.quantization) throw new ConfigError(`${file}: /variants/${i}/quantization: variant "${v.name}" quantizes the model itself (quantize); vLLM detects the checkpoint's format, so leave quantization out`);
    if (externalEndpoint(config, v)) throw new ConfigError(`${file}: /variants/${i}/quantize: variant "${v.name}" quantizes the model into its run folder, which an already running server (base_url) cannot serve`);
    if (v.lora) throw new ConfigError(`${file}: /variants/${i}/quantize: variant "${v.name}" has a LoRA adapter; quantize the merged model instead`);
  }
  // How far a variant is evaluated (sequential) does not change how each example is asked: a run
  // stopped early continues into the same run directory when asked for the full set, and back.
  config.hash = createHash('sha256').update(JSON.stringify({ ...config, hash: undefined, file: undefined, output: undefined, warnings: undefined, sequential: undefined, slurm: undefined })).digest('hex').slice(0, 12);
  return config;
}

/** The stopping rule of --until-decided, from the config's `sequential` block and defaults. */
export function untilDecidedSettings(c: Config): SequentialSettings {
  const s = c.sequential ?? {};
  return { margin: s.margin ?? DEFAULT_MARGIN, alpha: s.alpha ?? DEFAULT_ALPHA, seed: s.seed ?? c.seed, ...(s.stratify_by ? { stratify_by: s.stratify_by } : {}) };
}

/**
 * Values that become command-line arguments must stay values: one starting with "-" would be read
 * by `vllm serve` as an option (`model: "--download-dir=/x"`), and a "," or "=" in a value of
 * lm-eval's --model_args would add arguments (`tokenizer: "x,trust_remote_code=True"`). Options
 * meant as options go in `extra_args`, where they are visibly options.
 */
function checkArgumentValues(c: StudyConfig, file: string): void {
  const values: [string, string | null | undefined, boolean][] = [
    ['/model/name', c.model.name, true],
    ['/model/tokenizer', c.model.tokenizer, true],
    ['/model/served_name', c.model.served_name, true],
    ...c.variants.flatMap((v, i): [string, string | null | undefined, boolean][] => [
      [`/variants/${i}/model`, v.model, true],
      [`/variants/${i}/lora/name`, v.lora?.name, true],
      [`/variants/${i}/lora/path`, v.lora?.path, false],
      [`/variants/${i}/quantization`, v.quantization, false],
      [`/variants/${i}/dtype`, v.dtype, false],
      [`/variants/${i}/kv_cache_dtype`, v.kv_cache_dtype, false],
    ]),
  ];
  for (const [pointer, value, inModelArgs] of values) {
    if (typeof value !== 'string') continue;
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new ConfigError(`${file}: ${pointer}: ${JSON.stringify(value)} holds a control character (a line break?)`);
    if (value.startsWith('-')) throw new ConfigError(`${file}: ${pointer}: ${JSON.stringify(value)} starts with "-" and would be read as an option; put options in extra_args`);
    if (inModelArgs && /[,=]/.test(value)) throw new ConfigError(`${file}: ${pointer}: ${JSON.stringify(value)} holds "," or "=", which would add arguments to lm-eval's --model_args`);
  }
}

/**
 * Two variants asking one already running server for one model measure the same thing under two
 * names (three "quantized" variants on one server were evaluated three times and labelled fp8 /
 * awq): an error unless server.allow_shared_endpoint says it is meant.
 */
function checkSharedEndpoints(c: Config, file: string): void {
  if (c.server.allow_shared_endpoint) return;
  const seen = new Map<string, Variant>();
  for (const [i, v] of c.variants.entries()) {
    const endpoint = externalEndpoint(c, v);
    if (!endpoint) continue;
    const model = requestModel(c, v);
    const key = `${endpoint}\u0000${model}`;
    const first = seen.get(key);
    if (first) throw new ConfigError(`${file}: /variants/${i}${v.base_url ? '/base_url' : ''}: variants "${first.name}" and "${v.name}" would both ask ${endpoint} for model "${model}", measuring one server under two names; give each variant its own base_url or model, or set server.allow_shared_endpoint: true if that is meant`);
    seen.set(key, v);
  }
}

export function baselineOf(c: StudyConfig): Variant {
  return c.variants.find((v) => v.baseline) ?? c.variants[0]!;
}
