/**
 * Incremental ingest: what each input gave (its runs, studies, records, problems and the ids and
 * outcomes of its examples) is kept with the content set it was written to, keyed by the input's
 * path and reader, together with every path its reader looked at and what that path was (kind,
 * size, modification time, inode; a folder's entries). The next ingest into the same folder takes
 * an input whose paths are all unchanged from the cache instead of reading it, and hard-links its
 * example shards from the published set into the new one, so their bytes and names stay. Any
 * change of the ingest code, the schemas, the inputs named or the options starts from nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ExampleRecord, NormalizedRecord, NormalizedRun, NormalizedStudy, Problem, SampledAnalysis } from '../../schemas/types.gen.ts';
import type { ReplayMemo } from '../analysis/from-runs.ts';
import { dict, isObj } from '../../domain/guards.ts';
import { isValid } from '../../domain/validate.ts';
import { observe, observeList } from './lib/input-files.ts';
import { linkTree } from '../lib/link-tree.ts';

export const CACHE_FILE = 'ingest-cache.json.gz';

/** What one input gave, as ingest accepted it. */
export interface CachedInput {
  /** [path, observation] of every path the reader looked at (lib/input-files.ts observe). */
  seen: [string, string][];
  runs: NormalizedRun[];
  /** Per run id: per task, the example ids and one outcome letter each (see OUTCOME). */
  outcomes: [string, [string, string[], string][]][];
  studies: NormalizedStudy[];
  records: NormalizedRecord[];
  problems: Problem[];
  consumed: string[];
}

const OUTCOME = { correct: 'c', incorrect: 'i', unscorable: 'u', unlabelled: 'l' } as const;
const STATUS = new Map<string, ExampleRecord['status']>([['c', 'correct'], ['i', 'incorrect'], ['u', 'unscorable'], ['l', 'unlabelled']]);

export function packOutcomes(perTask: Record<string, ExampleRecord[]>): [string, string[], string][] {
  return Object.entries(perTask).map(([task, records]) => [task, records.map((r) => r.id), records.map((r) => OUTCOME[r.status]).join('')]);
}

export function unpackOutcomes(packed: [string, string[], string][]): Record<string, ExampleRecord[]> {
  const out = dict<ExampleRecord[]>();
  for (const [task, ids, letters] of packed) out[task] = ids.map((id, i) => ({ id, status: STATUS.get(letters[i] ?? '') ?? 'unlabelled' }));
  return out;
}

/** A hash of the code and schemas that decide what ingest makes of an input. */
export function ingestCodeVersion(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '__fixtures__' && e.name !== 'node_modules') walk(p);
      } else if (/\.(ts|json|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) hash.update(relative(root, p)).update('\u0000').update(readFileSync(p));
    }
  };
  for (const dir of ['scripts/ingest', 'scripts/analysis', 'scripts/lib', 'domain', 'schemas']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return hash.digest('hex').slice(0, 16);
}

/** The shape of a cached input, its runs, studies and records checked against their schemas. */
function isCachedInput(v: unknown): v is CachedInput {
  return (
    isObj(v) &&
    Array.isArray(v.seen) && v.seen.every((s) => Array.isArray(s) && typeof s[0] === 'string' && typeof s[1] === 'string') &&
    Array.isArray(v.runs) && v.runs.every((r) => isValid('normalized-run.schema.json', r)) &&
    Array.isArray(v.studies) && v.studies.every((s) => isValid('normalized-study.schema.json', s)) &&
    Array.isArray(v.records) && v.records.every((r) => isValid('normalized-record.schema.json', r)) &&
    Array.isArray(v.problems) && v.problems.every((p) => isValid('problem.schema.json', p)) &&
    Array.isArray(v.outcomes) && Array.isArray(v.consumed) && v.consumed.every((c) => typeof c === 'string')
  );
}

export class InputCache {
  private readonly previous = new Map<string, CachedInput>();
  private readonly next = new Map<string, CachedInput>();
  private readonly previousReplays = new Map<string, SampledAnalysis>();
  private readonly nextReplays = new Map<string, SampledAnalysis>();
  /** Sampled-evaluation replays by digest: a task whose runs did not change is not replayed again. */
  readonly replays: ReplayMemo = {
    get: (digest) => this.previousReplays.get(digest),
    set: (digest, analysis) => void this.nextReplays.set(digest, analysis),
  };
  private readonly version: string;
  private readonly prevExamples: string | undefined;
  private readonly stagingExamples: string;
  /** Inputs taken from the cache in this ingest. */
  hits = 0;

  /**
   * @param version what the cache is valid for (code version, inputs, options)
   * @param prevSet the published content set to reuse from, if any
   * @param stagingExamples the examples folder of the set being written
   */
  constructor(version: string, prevSet: string | undefined, stagingExamples: string) {
    this.version = version;
    this.stagingExamples = stagingExamples;
    this.prevExamples = prevSet ? join(prevSet, 'examples') : undefined;
    const file = prevSet ? join(prevSet, CACHE_FILE) : undefined;
    if (!file || !existsSync(file)) return;
    try {
      const doc: unknown = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
      // A cache of other code or inputs is ignored whole; one that does not parse too.
      if (!isObj(doc) || doc.version !== version || !Array.isArray(doc.inputs)) return;
      for (const entry of doc.inputs) if (Array.isArray(entry) && typeof entry[0] === 'string' && isCachedInput(entry[1])) this.previous.set(entry[0], entry[1]);
      if (Array.isArray(doc.replays)) for (const entry of doc.replays) if (Array.isArray(entry) && typeof entry[0] === 'string' && isValid('sampled-analysis.schema.json', entry[1])) this.previousReplays.set(entry[0], entry[1]);
    } catch {
      // unreadable: start from nothing
    }
  }

  /** The cached result of an input when every path its reader looked at is as it was. */
  lookup(key: string): CachedInput | undefined {
    const hit = this.previous.get(key);
    if (!hit) return undefined;
    for (const [path, was] of hit.seen) {
      const now = path.endsWith('/') ? observeList(path.slice(0, -1)) : observe(path);
      if (now !== was) return undefined;
    }
    return hit;
  }

  /** True when the previous set holds every shard folder these runs name (checked before linking). */
  hasShards(runs: NormalizedRun[]): boolean {
    return runs.every((r) => r.tasks.every((t) => !t.examples || (this.prevExamples !== undefined && existsSync(join(this.prevExamples, dirname(t.examples.index))))));
  }

  /** Hard-links the runs' shard folders from the published set into the new one (copies across devices). */
  linkShards(runs: NormalizedRun[]): void {
    for (const t of runs.flatMap((r) => r.tasks)) {
      if (!t.examples || !this.prevExamples) continue;
      const from = join(this.prevExamples, dirname(t.examples.index));
      linkTree(from, join(this.stagingExamples, dirname(t.examples.index)));
    }
  }

  /**
   * Keeps what an input gave for the next ingest: copied, as later steps may change the runs, but
   * not the outcomes (packOutcomes made them for the cache alone; a copy would double the largest
   * part of the cache in memory: every example id).
   */
  store(key: string, entry: CachedInput): void {
    const { outcomes, ...rest } = entry;
    this.next.set(key, { ...structuredClone(rest), outcomes });
  }

  /** Keeps a cache hit as it is (ingest took copies of it, so nothing changes it). */
  keep(key: string, hit: CachedInput): void {
    this.next.set(key, hit);
  }

  /** Written into the content set it describes, so cache and shards always go together. */
  save(setDir: string): void {
    const body = JSON.stringify({ version: this.version, inputs: [...this.next], replays: [...this.nextReplays] });
    writeFileSync(join(setDir, CACHE_FILE), gzipSync(body, { level: 1 }));
  }
}
