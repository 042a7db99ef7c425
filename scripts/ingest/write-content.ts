/**
 * Writes an ingest result as content: runs/<id>.json, studies/<id>.json, records, analyses,
 * problems.json, manifest.json and examples/<run>/<task>/ shards (content-hashed, gzipped, loaded
 * by the browser on demand). publish-content.ts makes it a new generation and swaps it in atomically,
 * never touching what ingest did not write.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SpooledExamples } from './adapter.ts';
import { redactExamples } from './lib/redact.ts';
import { EXAMPLE_STATUS_VALUES, type ContentManifest, type ExampleIndex, type ExampleRecord } from '../../schemas/types.gen.ts';
import { ingest, type IngestOptions, type IngestResult } from './ingest.ts';
import { COLLECTIONS, CURRENT_LINK, EXAMPLES_DIR, exampleIndexPath, exampleTaskDir, MANIFEST_FILE, PROBLEMS_FILE, SHARD_SIZE } from '../../domain/content-layout.ts';
import { InputCache, ingestCodeVersion } from './input-cache.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
import { faultPoint, publish } from './publish-content.ts';
import { uniqueSlugs } from '../../domain/ids.ts';
import { encodeShard, packShard, readShardFile, SHARD_SUFFIX } from '../../domain/shard-file.ts';
import { isShardRecord } from '../../domain/shard-format.ts';

export type { ContentManifest, ExampleIndex };

export interface WriteOptions {
  /** Write beside files ingest did not write (they are still never touched). */
  force?: boolean;
  /** How long to wait for another ingest writing the same folder. */
  lockWaitMs?: number;
}

export function writeContent(result: IngestResult, outDir: string, inputs: string[], opts: WriteOptions = {}): ContentManifest {
  let manifest: ContentManifest | undefined;
  publish(outDir, (dir) => {
    manifest = writeSet(result, dir, inputs);
  }, opts);
  if (!manifest) throw new Error('content set was not written');
  return manifest;
}

/**
 * Ingests straight into a new content set: each run's examples are written to shards in the set
 * being staged as soon as the run is read (ingest's exampleSink), so memory does not grow with
 * the number of runs; the rest is written when ingest is done, and the set published atomically.
 * The folder's ownership is checked and its lock taken before anything is read.
 */
export function ingestInto(outDir: string, opts: IngestOptions, manifestInputs: string[], writeOpts: WriteOptions & { fresh?: boolean } = {}): { result: IngestResult; manifest: ContentManifest } {
  let out: { result: IngestResult; manifest: ContentManifest } | undefined;
  publish(outDir, (dir) => {
    const examplesDir = join(dir, EXAMPLES_DIR);
    mkdirSync(examplesDir, { recursive: true });
    // Unchanged inputs come from the set published now (still `current` while this one is staged).
    const published = join(outDir, CURRENT_LINK);
    const previous = !writeOpts.fresh && existsSync(join(published, MANIFEST_FILE)) ? published : undefined;
    const version = JSON.stringify([ingestCodeVersion(ROOT), opts.inputs.map((i) => resolve(i)), resolve(opts.root ?? process.cwd()), opts.dialect ?? '', opts.maxWholeFileBytes ?? 0]);
    const inputCache = new InputCache(createHash('sha256').update(version).digest('hex'), previous, examplesDir);
    const spools = new ShardSpools(examplesDir);
    const result = ingest({ ...opts, exampleSpool: () => spools.open(), exampleSink: (run, perTask, spooled) => writeRunShards(examplesDir, run, perTask, spooled), inputCache });
    // A reader that failed half way leaves a spool nobody took: it is not part of the set.
    spools.removeUntaken();
    out = { result, manifest: writeSet(result, dir, manifestInputs) };
    inputCache.save(dir);
  }, writeOpts);
  if (!out) throw new Error('content set was not written');
  return out;
}

/** Writes a run's per-example shards (or moves its spooled ones into place) and records on each task where they are. */
function writeRunShards(examplesDir: string, run: IngestResult['runs'][number], perTask: Record<string, ExampleRecord[]>, spooled: Record<string, SpooledExamples> = {}): void {
  // gsm8k and GSM8K in one run must not share a folder.
  const slugs = uniqueSlugs(run.tasks.map((t) => t.task));
  for (const task of run.tasks) {
    const taskSlug = slugs.get(task.task) ?? 'task';
    const spool = Object.hasOwn(spooled, task.task) ? spooled[task.task] : undefined;
    if (spool instanceof ShardSpool && spool.count > 0) {
      task.examples = spool.commit(run.id, task.task, taskSlug);
      continue;
    }
    spool?.discard();
    const records = Object.hasOwn(perTask, task.task) ? perTask[task.task] : undefined;
    if (!records?.length) continue;
    const writer = new ShardWriter(join(examplesDir, exampleTaskDir(run.id, taskSlug)));
    for (let i = 0; i < records.length; i += SHARD_SIZE) writer.write(records.slice(i, i + SHARD_SIZE));
    task.examples = writer.finish(run.id, task.task, exampleIndexPath(run.id, taskSlug));
  }
}

type TaskExamples = NonNullable<IngestResult['runs'][number]['tasks'][number]['examples']>;

/** Shards of one task into a folder: content-hashed names, counts by status, then the index. */
class ShardWriter {
  private readonly counts: ExampleIndex['counts'] = { correct: 0, incorrect: 0, unscorable: 0, unlabelled: 0 };
  private readonly shards: ExampleIndex['shards'] = [];
  /** Each shard's records by status, so a shard written again needs no reading back to recount. */
  private readonly shardCounts: ExampleIndex['counts'][] = [];
  private total = 0;
  private dir: string;
  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** Writes the next shard, or shard number `at` again. */
  write(chunk: ExampleRecord[], at = this.shards.length): void {
    const counts: ExampleIndex['counts'] = { correct: 0, incorrect: 0, unscorable: 0, unlabelled: 0 };
    for (const r of chunk) counts[r.status]++;
    for (const status of EXAMPLE_STATUS_VALUES) this.counts[status] += counts[status];
    this.shardCounts[at] = counts;
    this.total += chunk.length;
    const bytes = encodeShard(packShard(chunk));
    // Content-hashed names: browsers may cache a shard forever, and a changed shard gets a new name.
    // The compressed bytes are hashed: the same records give the same bytes, and they are shorter.
    const file = `${String(at).padStart(4, '0')}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}${SHARD_SUFFIX}`;
    writeFileSync(join(this.dir, file), bytes);
    this.shards[at] = { file, count: chunk.length };
  }

  /** The records of shard number `at`, as written (redacted). */
  read(at: number): ExampleRecord[] {
    const shard = this.shards[at];
    if (!shard) throw new RangeError(`no shard ${at} in ${this.dir}`);
    const stored = readShardFile(join(this.dir, shard.file)) ?? [];
    const records = stored.filter(isShardRecord);
    if (records.length !== stored.length || records.length !== shard.count) throw new Error(`${join(this.dir, shard.file)} does not hold the ${shard.count} records written to it`);
    return records;
  }

  /** Writes shard number `at` again with these records in place of the ones it held. */
  rewrite(at: number, records: ExampleRecord[]): void {
    const shard = this.shards[at];
    const counts = this.shardCounts[at];
    if (!shard || !counts) throw new RangeError(`no shard ${at} in ${this.dir}`);
    for (const status of EXAMPLE_STATUS_VALUES) this.counts[status] -= counts[status];
    this.total -= shard.count;
    rmSync(join(this.dir, shard.file));
    this.write(records, at);
  }

  /** Moves the shards written so far to another folder (the spool's, once the run has its id). */
  moveTo(dir: string): void {
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(this.dir, dir);
    this.dir = dir;
  }

  finish(runId: string, task: string, index: string): TaskExamples {
    const doc: ExampleIndex = { runId, task, count: this.total, counts: this.counts, shards: this.shards };
    writeJson(join(this.dir, 'index.json'), doc);
    return { index, count: this.total, correct: this.counts.correct, incorrect: this.counts.incorrect, unscorable: this.counts.unscorable };
  }
}

/**
 * A task's records written to shards as a reader finds them, in a folder of its own until the
 * run is accepted and has its id (then moved into place); redacted a shard at a time, which gives
 * what redacting the whole task gives. Only ids and outcomes stay in memory.
 */
class ShardSpool implements SpooledExamples {
  private pending: ExampleRecord[] = [];
  /** Records already in shards (pending holds those after them). */
  private written = 0;
  /**
   * Shards read back because a record in them changed, by shard number: changed in memory and
   * written again on commit. Few in the usual file (a resumed run asks a few requests again); at
   * worst the whole task, never more however many lines repeat an id.
   */
  private readonly reopened = new Map<number, ExampleRecord[]>();
  private readonly kept: ExampleRecord[] = [];
  private readonly writer: ShardWriter;
  state: 'open' | 'taken' | 'dropped' = 'open';
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
    this.writer = new ShardWriter(dir);
  }

  get count(): number {
    return this.kept.length;
  }

  push(record: ExampleRecord): void {
    this.kept.push({ id: record.id, status: record.status });
    this.pending.push(record);
    if (this.pending.length === SHARD_SIZE) this.flush();
  }

  update(index: number, status: ExampleRecord['status'], change: (pushed: ExampleRecord) => ExampleRecord): void {
    const kept = this.kept[index];
    if (!kept) throw new RangeError(`no example record at ${index} (${this.kept.length} pushed)`);
    kept.status = status;
    if (index >= this.written) {
      this.pending[index - this.written] = change(this.pending[index - this.written]!);
      return;
    }
    const shard = Math.floor(index / SHARD_SIZE);
    let records = this.reopened.get(shard);
    if (!records) this.reopened.set(shard, (records = this.writer.read(shard)));
    records[index - shard * SHARD_SIZE] = change(records[index - shard * SHARD_SIZE]!);
  }

  outcomes(): ExampleRecord[] {
    return this.kept;
  }

  discard(): void {
    if (this.state !== 'open') return;
    this.state = 'dropped';
    this.pending = [];
    this.reopened.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  commit(runId: string, task: string, taskSlug: string): TaskExamples {
    this.flush();
    this.applyChanges();
    this.state = 'taken';
    this.writer.moveTo(join(dirname(this.dir), exampleTaskDir(runId, taskSlug)));
    return this.writer.finish(runId, task, exampleIndexPath(runId, taskSlug));
  }

  private flush(): void {
    if (!this.pending.length) return;
    this.writer.write(redactExamples(this.pending));
    this.written += this.pending.length;
    this.pending = [];
  }

  /**
   * Writes the shards holding changed records again. A change saw the record as stored (redacted)
   * and added raw fields, so the shard is redacted again: redaction leaves redacted text as it is.
   */
  private applyChanges(): void {
    for (const [shard, records] of this.reopened) this.writer.rewrite(shard, redactExamples(records));
    this.reopened.clear();
  }
}

/** The spools of one ingest, in the examples folder being staged (hidden names: never published as a run). */
class ShardSpools {
  private readonly all: ShardSpool[] = [];
  private readonly examplesDir: string;
  constructor(examplesDir: string) {
    this.examplesDir = examplesDir;
  }

  open(): ShardSpool {
    const spool = new ShardSpool(join(this.examplesDir, `.spool-${this.all.length}`));
    this.all.push(spool);
    return spool;
  }

  removeUntaken(): void {
    for (const s of this.all) if (s.state === 'open') s.discard();
  }
}

function writeSet(result: IngestResult, staging: string, inputs: string[]): ContentManifest {
  for (const dir of [...Object.keys(COLLECTIONS), EXAMPLES_DIR]) mkdirSync(join(staging, dir), { recursive: true });
  result.runs.forEach((run, i) => {
    const perTask = result.examples.get(run.id);
    // Runs whose examples went out while ingest read them have their shards already.
    if (perTask && !run.tasks.some((t) => t.examples)) writeRunShards(join(staging, EXAMPLES_DIR), run, perTask);
    writeJson(join(staging, 'runs', `${run.id}.json`), run);
    if (i === Math.floor(result.runs.length / 2)) faultPoint('staging');
  });
  for (const study of result.studies) writeJson(join(staging, 'studies', `${study.id}.json`), study);
  for (const record of result.records) writeJson(join(staging, 'records', `${record.id}.json`), record);
  for (const a of result.analyses) writeJson(join(staging, 'analysis', `${a.id}.json`), a);
  writeJson(join(staging, PROBLEMS_FILE), result.problems);
  const count = (s: string) => result.problems.filter((p) => p.severity === s).length;
  const manifest: ContentManifest = {
    generatedAt: new Date().toISOString(),
    inputs,
    runs: result.runs.length,
    studies: result.studies.length,
    problems: { error: count('error'), warning: count('warning'), info: count('info') },
    exampleData: result.runs.some((r) => r.example),
    onlyExampleData: result.runs.length > 0 && result.runs.every((r) => r.example),
  };
  writeJson(join(staging, MANIFEST_FILE), manifest);
  return manifest;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}
