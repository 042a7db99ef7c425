/**
 * Runs a study: per variant, start the server, run its steps (own runners, lm-eval, serving
 * benchmark), record provenance, stop the server; then write the study summary. A run directory
 * remembers its config hash and is never overwritten by a different config; the same command after
 * a crash continues where it stopped.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config, Variant } from './config.ts';
import { baselineOf } from './config.ts';
import { loadItems, loadText, type Item } from './datasets.ts';
import { OpenAIClient } from './openai-client.ts';
import { baselineFirst, runDirOf, shardSteps, steps, studyDir, type Shard, type Step } from './plan.ts';
import { apiKeyEnv, externalEndpoint } from './commands.ts';
import { gitCommit, gpus, host, pythonEnv, slurm, vllmAccepted, vramSampler } from './provenance.ts';
import { sample } from './sampling.ts';
import { ServerError, startServer, stopAllServers } from './server.ts';
import { stopAllTracked, stopOrphans } from './processes.ts';
import { runQuality } from './runners/run-quality.ts';
import { baselineOutcomes, sequentialOrder, SequentialTracker } from './sequential.ts';
import { runLmEval } from './runners/run-lm-eval.ts';
import { runBench } from './runners/run-bench.ts';
import { runPerplexity } from './runners/run-perplexity.ts';
import { writeRecords } from './record.ts';
import { readJsonObject } from './files.ts';
import { checkQuantizer, isCheckpointComplete, prepareCheckpoint, quantizeRecord } from './quantize.ts';
import { buildStudySummary, existingRunDirs, writeQualitySummary } from './summary.ts';
import { writeFileAtomic, writeJsonAtomic } from '../lib/atomic.ts';
import { stringify as stringifyYaml } from 'yaml';
import { FailureError } from '../lib/cli.ts';
import { isObj } from '../../domain/guards.ts';

export class CollectError extends FailureError {
  constructor(message: string) {
    super(message, 'ECOLLECT');
  }
}

export interface CollectEffects {
  /** One human-readable line (a step started or finished). */
  log(line: string): void;
  /** Progress of a dataset: done / total. */
  progress(label: string, done: number, total: number): void;
}

export interface CollectOptions {
  out?: string;
  shard?: Shard;
  /** Set by the CLI's Ctrl-C handler: stop starting new requests. */
  stopping?: { value: boolean };
}

export async function collect(c: Config, fx: CollectEffects, o: CollectOptions = {}): Promise<{ studyDir: string; runDirs: Map<string, string> }> {
  const selected = shardSteps(steps(c), o.shard);
  const baseDir = dirname(resolve(c.file));
  const runDirs = new Map<string, string>();
  const datasetCache = new Map<string, Item[]>();
  // --until-decided pairs every variant with the baseline's answers: the baseline runs first.
  // Servers and clients a killed collector left running hold the GPU: stopped before anything starts.
  await stopOrphans(studyDir(c, o.out), fx.log);
  checkInstalledVllm(c, selected.filter((s) => !isFinished(c, s.variant, readJsonObject(join(runDirOf(c, s.variant, o.out, o.shard), 'run_meta.json')))), fx);
  checkQuantizer(c, [...new Set(selected.map((s) => s.variant))].filter((v) => v.quantize && !isCheckpointComplete(runDirOf(c, v, o.out, o.shard))));
  const order = baselineFirst(c) ? [baselineOf(c), ...c.variants.filter((v) => v !== baselineOf(c))] : c.variants;
  for (const v of order) {
    const mine = selected.filter((s) => s.variant === v);
    if (!mine.length) continue;
    const dir = runDirOf(c, v, o.out, o.shard);
    runDirs.set(v.name, dir);
    await runVariant(c, v, mine, dir, baseDir, datasetCache, fx, o);
    if (o.stopping?.value) throw new CollectError('stopped by the user; run the same command again to continue');
  }
  const sDir = studyDir(c, o.out);
  if (!o.shard || o.shard.count === 1) {
    writeJsonAtomic(join(sDir, 'study_summary.json'), buildStudySummary(c, sDir, existingRunDirs(c, sDir)));
    fx.log(`study summary: ${join(sDir, 'study_summary.json')}`);
  }
  return { studyDir: sDir, runDirs };
}

/**
 * --quantization and --kv-cache-dtype values the installed vLLM does not know would fail each
 * server at start, after the model download: checked against vLLM's own lists first. The schema
 * already refused values no recent vLLM knows; this catches one the installed version lacks.
 */
function checkInstalledVllm(c: Config, selected: Step[], fx: CollectEffects): void {
  const served = [...new Set(selected.map((s) => s.variant))].filter((v) => !externalEndpoint(c, v) && (v.quantization || v.kv_cache_dtype));
  if (!served.length) return;
  const accepted = vllmAccepted(c.server.python);
  if (!accepted) {
    fx.log(`note: vLLM could not be imported with ${c.server.python}; --quantization and --kv-cache-dtype values are checked by vllm serve itself`);
    return;
  }
  for (const v of served) {
    if (v.quantization && !accepted.quantization.includes(v.quantization)) throw new CollectError(`variant ${v.name}: quantization "${v.quantization}" is not a method of the installed vLLM ${accepted.version} (${accepted.quantization.join(', ')})`);
    if (v.kv_cache_dtype && !accepted.kvCacheDtype.includes(v.kv_cache_dtype)) throw new CollectError(`variant ${v.name}: kv_cache_dtype "${v.kv_cache_dtype}" is not accepted by the installed vLLM ${accepted.version} (${accepted.kvCacheDtype.join(', ')})`);
  }
}

/**
 * A variant that finished under this config and the same stopping rule: it starts no server and
 * its run_meta.json is never rewritten (nor are vLLM's flags checked for it again).
 */
function isFinished(c: Config, v: Variant, meta: Record<string, unknown> | undefined): boolean {
  return meta?.config_hash === c.hash && meta.status === 'complete' && isObj(meta.sequential) === (!!c.untilDecided && baselineOf(c) !== v);
}

function lock(dir: string): () => void {
  const path = join(dir, '.collect.lock');
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new CollectError(`${dir} is being collected by process ${pid}; two collectors never write one run directory`);
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

/**
 * The run_meta.json of a run directory this collector may continue, or undefined for a new one.
 * A folder holding results without run_meta.json was not made by the collector (or lost its
 * provenance): it is never adopted, since resuming would mix its files into a new run.
 */
function checkOwnership(c: Config, dir: string): Record<string, unknown> | undefined {
  const metaPath = join(dir, 'run_meta.json');
  if (!existsSync(metaPath)) {
    // What the collector writes before run_meta.json: its lock, the config snapshot, a run_meta
    // temporary file of a crash mid-write.
    const foreign = readdirSync(dir).filter((e) => e !== '.collect.lock' && e !== basename(c.file) && !e.startsWith('run_meta.json.tmp-'));
    if (foreign.length) throw new CollectError(`${dir} holds files (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}) but no run_meta.json, so it was not made by this collector; it is never written into: move it away or choose another "study" or --out`);
    return undefined;
  }
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch (err) {
    throw new CollectError(`${metaPath} is not valid JSON (${err instanceof Error ? err.message : String(err)}); the run cannot be resumed from it: fix it, or move the run directory away to start again`);
  }
  if (!isObj(meta)) throw new CollectError(`${metaPath} is not a JSON object; the run cannot be resumed from it: move the run directory away to start again`);
  if (meta.config_hash !== c.hash) {
    throw new CollectError(`${dir} already holds a run made with another config (hash ${String(meta.config_hash)}, this config ${c.hash}). It is never overwritten: change "study" or --out, or restore the config that made it.`);
  }
  return meta;
}

async function loadDataset(c: Config, v: Variant, s: Extract<Step, { dataset: unknown }>, baseDir: string, cache: Map<string, Item[]>): Promise<{ items: Item[]; fewshot: Item[]; of: number }> {
  const d = s.dataset;
  let all = cache.get(d.name);
  if (!all) {
    all = await loadItems(d, c, baseDir);
    cache.set(d.name, all);
  }
  let fewshot: Item[] = [];
  let pool = all;
  if (d.type === 'gsm8k' && (d.num_shots ?? 5) > 0) {
    if (d.fewshot_path) fewshot = (await loadItems({ ...d, path: d.fewshot_path, hf: undefined } as typeof d, c, baseDir)).slice(0, d.num_shots ?? 5);
    else {
      // Without a few-shot file the first examples serve as shots and are not evaluated.
      fewshot = all.slice(0, d.num_shots ?? 5);
      pool = all.slice(fewshot.length);
    }
  }
  return { items: sample(pool, v.sampling ?? d.sampling, c.seed), fewshot, of: pool.length };
}

async function runVariant(c: Config, v: Variant, mine: Step[], dir: string, baseDir: string, cache: Map<string, Item[]>, fx: CollectEffects, o: CollectOptions): Promise<void> {
  // Every dataset is read before anything is written or a server started: a missing one leaves
  // no run directory (and no run_meta.json claiming a run) behind.
  for (const s of mine) if (s.kind === 'quality') await loadDataset(c, v, s, baseDir, cache);
  const texts = new Map<string, string>();
  for (const s of mine) if (s.kind === 'perplexity') texts.set(s.dataset.name, await loadText(s.dataset, c, baseDir));
  mkdirSync(dir, { recursive: true });
  const previous = checkOwnership(c, dir);
  // A variant that finished under this config (and the same stopping rule) is done: no server is
  // started and its run_meta.json, status and time stay as they are.
  if (isFinished(c, v, previous)) {
    fx.log(`variant ${v.name}: already complete (${join(dir, 'run_meta.json')})`);
    return;
  }
  const unlock = lock(dir);
  const started = Date.now();
  const sampler = vramSampler();
  const before = typeof previous?.total_time_s === 'number' ? previous.total_time_s : 0;
  const totalTime = () => Math.round((before + (Date.now() - started) / 1000) * 10) / 10;
  let failMeta: ((reason: string) => void) | undefined;
  // The quantization's parameters, once the checkpoint is there (run_meta's "quantize").
  let quantizeMeta: Record<string, unknown> = {};
  try {
    // Config snapshot, as seed 003 keeps one beside the results.
    const snapshot = join(dir, basename(c.file));
    if (!existsSync(snapshot)) copyFileSync(c.file, snapshot);
    const env = pythonEnv(c.server.python);
    const hw = gpus();
    const writeMeta = (extra: Record<string, unknown> = {}) =>
      writeJsonAtomic(join(dir, 'run_meta.json'), {
        timestamp_utc: (previous?.timestamp_utc as string | undefined) ?? new Date(started).toISOString(),
        ...host(),
        seed: c.seed,
        git_commit: gitCommit(baseDir),
        python_version: env.python,
        torch_version: env.packages.torch ?? null,
        vllm_version: env.packages.vllm ?? null,
        transformers_version: env.packages.transformers ?? null,
        datasets_version: env.packages.datasets ?? null,
        ...slurm(),
        gpus: hw.gpus,
        driver_version: hw.driver,
        cuda_version: hw.cuda,
        cudnn_version: env.cudnn,
        packages: env.packages,
        config_hash: c.hash,
        model: v.model ?? c.model.name,
        variant: v.name,
        ...(v.description ? { description: v.description } : {}),
        quantization: v.quantization ?? null,
        baseline: baselineOf(c).name === v.name,
        ...quantizeMeta,
        ...(v.sampling ? { sampling: { ...(v.sampling.fraction !== undefined ? { fraction: v.sampling.fraction } : {}), ...(v.sampling.count !== undefined ? { count: v.sampling.count } : {}), seed: v.sampling.seed ?? c.seed } } : {}),
        ...extra,
      });
    writeMeta({ ...sequentialMeta(c, v), status: 'running' });
    writeConfigSnapshots(c, v, dir);
    failMeta = (reason) => writeMeta({ ...sequentialMeta(c, v), status: 'failed', failure: reason, total_time_s: totalTime() });

    // --until-decided: each dataset's outcome, for run_meta's sequential block.
    const decisions = new Map<string, Record<string, unknown>>();
    // Each quality dataset's metrics, for seed 003's quality_summary.json / .csv.
    const quality: Record<string, unknown>[] = [];
    const checkpoint = v.quantize ? await prepareCheckpoint(c, v, dir, fx.log) : undefined;
    if (checkpoint) {
      quantizeMeta = quantizeRecord(c, v, checkpoint.meta);
      fx.log(`variant ${v.name}: ${checkpoint.ran ? 'quantized into' : 'serves its quantized checkpoint'} ${checkpoint.dir}`);
    }
    fx.log(`variant ${v.name}: starting server`);
    const server = await startServer(c, v, join(dir, 'server.log'), undefined, checkpoint?.dir);
    // A server that dies mid-run fails the variant at once: the step stops asking, clients such as
    // lm_eval (which would retry against nothing for a long time) are stopped.
    let died: string | undefined;
    server.onDeath((reason) => {
      died = reason;
      fx.log(`variant ${v.name}: ${reason.split('\n')[0] ?? reason}`);
      void stopAllTracked(5_000);
    });
    const client = new OpenAIClient({ baseUrl: server.baseUrl, apiKey: keyOf(c, v), timeoutMs: c.generation.request_timeout_s * 1000, retries: c.generation.retries, concurrency: c.generation.concurrency });
    try {
      for (const s of mine) {
        if (o.stopping?.value || died) break;
        try {
          if (s.kind === 'quality') {
            const loaded = await loadDataset(c, v, s, baseDir, cache);
            const { fewshot, of } = loaded;
            let items = loaded.items;
            const plan = v.sampling ?? s.dataset.sampling;
            const sequential = c.untilDecided && baselineOf(c) !== v ? sequentialRun(c, s.dataset.name, items, o) : undefined;
            if (sequential) items = sequential.items;
            fx.log(`variant ${v.name}: ${s.dataset.name} (${items.length} examples${sequential ? `, in a seeded order until non-inferiority at ${sequential.tracker.settings.margin * 100} pp is decided` : ''})`);
            const r = await runQuality({ c, v, d: s.dataset, items, fewshot, client, runDir: dir, ...(plan && items.length < of ? { sampling: { ...plan, seed: plan.seed ?? c.seed, of } } : {}), ...(sequential ? { sequential: { tracker: sequential.tracker, baseline: baselineOf(c).name } } : {}), onAnswer: (done, total) => fx.progress(`${v.name}/${s.dataset.name}`, done, total), shouldStop: () => !!o.stopping?.value || died !== undefined });
            fx.log(`variant ${v.name}: ${s.dataset.name} ${r.metrics.accuracy_pct === null ? 'stored (no labels)' : `accuracy ${String(r.metrics.accuracy_pct)}%`}, ${String(r.metrics.unscorable_examples)} unscorable`);
            quality.push(r.metrics);
            if (sequential) {
              const q = sequential.tracker.summary(baselineOf(c).name);
              decisions.set(s.dataset.name, { call: q.call, n_used: q.n_used, n_total: q.n_total, ...(q.decided_at ? { decided_at: q.decided_at } : {}), interval: q.interval });
              fx.log(`variant ${v.name}: ${s.dataset.name} ${q.call === 'undecided' ? 'undecided' : `${q.call} at ${q.decided_at ?? q.n_used}`} of ${q.n_total} examples; difference to ${baselineOf(c).name} within [${(q.interval.low * 100).toFixed(2)}, ${(q.interval.high * 100).toFixed(2)}] pp (anytime-valid, α = ${q.alpha})`);
            }
          } else if (s.kind === 'perplexity') {
            fx.log(`variant ${v.name}: perplexity ${s.dataset.name}`);
            const base = baselineOf(c);
            const m = await runPerplexity({ c, v, d: s.dataset, text: texts.get(s.dataset.name) ?? '', client, runDir: dir, ...(base !== v ? { baseline: { name: base.name, runDir: runDirOf(c, base, o.out, o.shard) } } : {}), onWindow: (done, total) => fx.progress(`${v.name}/${s.dataset.name}`, done, total), shouldStop: () => !!o.stopping?.value || died !== undefined });
            const kl = isObj(m.kl) ? m.kl : undefined;
            fx.log(`variant ${v.name}: ${s.dataset.name} PPL ${String(m.ppl)} (mean NLL ${String(m.nll)}, ${String(m.num_tokens)} tokens in ${String(m.num_windows)} windows)${kl ? `; KL to ${String(kl.baseline)}: mean ${String(kl.mean)}, median ${String(kl.median)}, p99 ${String(kl.p99)}; same top token ${String(kl.same_top_token_pct)}%` : ''}`);
          } else if (s.kind === 'lm-eval') {
            const plan = v.sampling ?? s.dataset.sampling;
            fx.log(`variant ${v.name}: lm-eval ${(s.dataset.tasks ?? []).join(',')}`);
            const r = await runLmEval(c, v, s.dataset, server.baseUrl, client, dir, plan && (plan.fraction !== undefined || plan.count !== undefined) ? { ...plan, seed: plan.seed ?? c.seed } : undefined);
            fx.log(`variant ${v.name}: lm-eval ${r.skipped ? 'already done' : 'done'}`);
          } else {
            await runBench(c, v, server.baseUrl, dir, (label) => fx.log(`variant ${v.name}: bench ${label}`));
          }
        } catch (err) {
          // What failed because the server died reports the death, not its own symptom.
          if (died) throw new ServerError(died);
          throw err;
        }
        if (died) throw new ServerError(died);
      }
    } finally {
      client.close();
      await server.stop();
    }
    if (quality.length && !o.stopping?.value) writeQualitySummary(dir, v.model ?? c.model.name, v.name, quality);
    const peak = sampler.stop();
    writeMeta({
      ...sequentialMeta(c, v, decisions),
      status: o.stopping?.value ? 'interrupted' : 'complete',
      command: process.argv.slice(1).join(' '),
      ...(server.command ? { serve_command: server.command } : {}),
      vram_peak_mb: Math.max(peak ?? 0, typeof previous?.vram_peak_mb === 'number' ? previous.vram_peak_mb : 0) || null,
      total_time_s: totalTime(),
    });
    // Seed 001's experiment record, in Chinese and English, from what the run wrote.
    if (!o.stopping?.value) fx.log(`variant ${v.name}: records ${writeRecords(c, v, dir).join(', ')}`);
  } catch (err) {
    // The server died, requests kept failing, a tool exited: the variant is marked failed with the
    // reason (never left "running" or called complete) and the command fails with how to resume.
    if (failMeta && !(err instanceof CollectError)) {
      const reason = err instanceof Error ? err.message : String(err);
      failMeta(reason);
      throw new CollectError(`variant ${v.name} failed: ${reason}\nIts answers so far are kept in ${dir}; fix the cause and run the same command again to continue.`);
    }
    throw err;
  } finally {
    sampler.stop();
    unlock();
  }
}

/**
 * Seed 003 keeps the configs a run used beside its results, by part: eval.yaml (datasets and
 * generation), serving.yaml (server and this variant's serving flags), models.yaml (the model and
 * variants) and benchmark.yaml (when serving is benchmarked). Written once, like the full snapshot.
 */
function writeConfigSnapshots(c: Config, v: Variant, dir: string): void {
  const parts: [string, unknown][] = [
    ['eval.yaml', { seed: c.seed, datasets: c.datasets, generation: c.generation, ...(c.untilDecided ? { sequential: c.untilDecided } : {}) }],
    ['serving.yaml', { server: c.server, variant: v }],
    ['models.yaml', { model: c.model, variants: c.variants }],
    ...(c.benchmark ? [['benchmark.yaml', { benchmark: c.benchmark }] as [string, unknown]] : []),
  ];
  for (const [name, value] of parts) if (!existsSync(join(dir, name))) writeFileAtomic(join(dir, name), stringifyYaml(value));
}

const keyOf = (c: Config, v: Variant): string | undefined => {
  const name = apiKeyEnv(c, v);
  return name ? process.env[name] : undefined;
};

/** run_meta's record of the stopping rule (and, at the end, each dataset's outcome); none for the baseline. */
function sequentialMeta(c: Config, v: Variant, decisions?: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const q = c.untilDecided;
  if (!q || baselineOf(c) === v) return {};
  return { sequential: { rule: 'betting-confidence-sequence', margin: q.margin, alpha: q.alpha, order_seed: q.seed, ...(q.stratify_by ? { stratify_by: q.stratify_by } : {}), baseline: baselineOf(c).name, ...(decisions?.size ? { datasets: Object.fromEntries(decisions) } : {}) } };
}

/** The baseline's answers on a dataset and the variant's items in the sequential order over them. */
function sequentialRun(c: Config, dataset: string, items: Item[], o: CollectOptions): { items: Item[]; tracker: SequentialTracker } {
  const base = baselineOf(c);
  const path = join(runDirOf(c, base, o.out, o.shard), dataset, `${dataset}_results.jsonl`);
  const outcomes = baselineOutcomes(path);
  if (!outcomes.size) throw new CollectError(`--until-decided: the baseline "${base.name}" has no answers for ${dataset} (${path}); it must be evaluated first, on the full set`);
  const settings = c.untilDecided!;
  const key = settings.stratify_by;
  if (key && !items.some((it) => Object.hasOwn(it, key))) throw new CollectError(`--until-decided: sequential.stratify_by "${key}" is not a field of the ${dataset} examples (map it with the dataset's "fields", e.g. subject)`);
  const ordered = sequentialOrder(items.filter((it) => outcomes.has(it.id)), settings.seed, settings.stratify_by);
  return { items: ordered, tracker: new SequentialTracker(ordered.map((it) => it.id), outcomes, settings) };
}

export { stopAllServers };
