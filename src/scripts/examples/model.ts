/**
 * The examples browser's data side, free of DOM and worker plumbing so it can be unit-tested:
 * shards in, filtered / searched / paged views out. Runs inside a Web Worker in the browser.
 */
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { EXAMPLE_STATUS_VALUES } from '../../../schemas/types.gen.ts';
import { sharedPromptStart, withPromptPrefix } from '../../../domain/shard-format.ts';

export type Status = ExampleRecord['status'];
export type Filter = 'all' | Status;
export type FlipFilter = 'all' | 'lost' | 'gained' | 'unscorable';

/** content/examples/<run>/<task>/index.json (schemas/example-index.schema.json). */
export type { ExampleIndex as ExampleIndexFile } from '../../../schemas/types.gen.ts';

export interface Query {
  filter: string;
  q: string;
  page: number;
  pageSize: number;
  /** Row order: '' (as in the file), 'id', 'status', 'length' (response), 'metric:<name>'; a leading '-' reverses. */
  sort?: string;
  /** Per-example metric ranges, inclusive: [metric, low, high]; a missing bound is open. */
  ranges?: [string, number | null, number | null][];
}

/** A per-example metric the records carry: its extent, and whether it is more than 0/1. */
export interface MetricInfo {
  name: string;
  count: number;
  min: number;
  max: number;
  continuous: boolean;
}

const metricOf = (r: ExampleRecord, name: string): number | undefined => {
  const m = r.metrics;
  if (!m || !Object.hasOwn(m, name)) return undefined;
  const v = m[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** A comparator for a sort key; undefined keeps the file's order. Records without the value go last either way. */
// Ids as people count them (q2 before q10); one collator for every query.
const collator = new Intl.Collator(undefined, { numeric: true });

export function comparatorOf(sort: string | undefined): ((a: ExampleRecord, b: ExampleRecord) => number) | undefined {
  if (!sort) return undefined;
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const dir = desc ? -1 : 1;
  const value = (r: ExampleRecord): number | string | undefined =>
    key === 'id' ? r.id : key === 'status' ? r.status : key === 'length' ? (r.response?.length ?? undefined) : key.startsWith('metric:') ? metricOf(r, key.slice(7)) : undefined;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  };
}

function inRanges(r: ExampleRecord, ranges: Query['ranges']): boolean {
  for (const [name, lo, hi] of ranges ?? []) {
    const v = metricOf(r, name);
    if (v === undefined || (lo !== null && v < lo) || (hi !== null && v > hi)) return false;
  }
  return true;
}

export interface PageResult<T> {
  total: number;
  matched: number;
  counts: Record<string, number>;
  page: number;
  pages: number;
  rows: T[];
}

function haystack(r: ExampleRecord): string {
  return [r.id, r.prompt, r.response, r.reference, r.extracted, r.reason, r.subject].filter(Boolean).join('\u0000').toLowerCase();
}

// Searched field by field (a query never spans two fields); the prompt apart, see ExampleSet.
const SEARCHED = ['id', 'response', 'reference', 'extracted', 'reason', 'subject'] as const;

/**
 * All records of one run and task, kept as the shards store them: each prompt without the start
 * its shard's prompts share (a few-shot prefix, most of each prompt's length), which is held once
 * per shard and joined to a prompt only for the rows shown. A million whole prompts would not fit
 * a worker; a million short ends do. A search keeps no lowercased copy of the records: short
 * fields are lowered per query, and each distinct shared start is searched once per query.
 */
export class ExampleSet {
  private readonly stored: ExampleRecord[] = [];
  /** Per record, its shared start's index in `prefixes`. */
  private readonly prefixOf: number[] = [];
  private readonly prefixes: string[] = [];
  private readonly prefixIndex = new Map<string, number>();

  get size(): number {
    return this.stored.length;
  }

  /**
   * One shard's records, their prompts without `promptPrefix`. A shard that stores whole prompts
   * (written before shards shared their prompt start) has its shared start found here.
   */
  add(batch: ExampleRecord[], promptPrefix = ''): void {
    let prefix = promptPrefix;
    let records = batch;
    if (!prefix) {
      prefix = sharedPromptStart(batch);
      if (prefix) records = batch.map((r) => (typeof r.prompt === 'string' ? { ...r, prompt: r.prompt.slice(prefix.length) } : r));
    }
    let k = this.prefixIndex.get(prefix);
    if (k === undefined) {
      k = this.prefixes.push(prefix) - 1;
      this.prefixIndex.set(prefix, k);
    }
    for (const r of records) {
      this.stored.push(r);
      this.prefixOf.push(k);
    }
  }

  /** Record i, its prompt whole. */
  record(i: number): ExampleRecord {
    return withPromptPrefix(this.stored[i]!, this.prefixes[this.prefixOf[i]!]!);
  }

  /** Every record with its prompt whole (flips of two runs; not for a million records). */
  wholeRecords(): ExampleRecord[] {
    return this.stored.map((_, i) => this.record(i));
  }

  /** The test for one query: true for record i when its text holds the (lowercased) query. */
  private matcher(q: string): (i: number) => boolean {
    if (!q) return () => true;
    // Per shared start: whether it holds the query, and its last few characters, so a match
    // across its end into a prompt's own text is found too.
    const inPrefix = this.prefixes.map((p) => p.toLowerCase().includes(q));
    const tails = this.prefixes.map((p) => p.slice(Math.max(0, p.length - q.length - 8)));
    return (i) => {
      const r = this.stored[i]!;
      if (typeof r.prompt === 'string') {
        const k = this.prefixOf[i]!;
        if (inPrefix[k] || (tails[k]! + r.prompt).toLowerCase().includes(q)) return true;
      }
      for (const f of SEARCHED) {
        const v = r[f];
        if (typeof v === 'string' && v.toLowerCase().includes(q)) return true;
      }
      return false;
    };
  }

  query(query: Query): PageResult<ExampleRecord> {
    const q = query.q.trim().toLowerCase();
    const matches = this.matcher(q);
    const counts: Record<string, number> = { all: 0, ...Object.fromEntries(EXAMPLE_STATUS_VALUES.map((s) => [s, 0])) };
    const hits: number[] = [];
    const ranged = !!query.ranges?.length;
    for (let i = 0; i < this.stored.length; i++) {
      if (!matches(i) || (ranged && !inRanges(this.stored[i]!, query.ranges))) continue;
      const s = this.stored[i]!.status;
      counts.all!++;
      counts[s] = (counts[s] ?? 0) + 1;
      if (query.filter === 'all' || query.filter === s) hits.push(i);
    }
    // Sort keys never read the prompt, so the stored records sort as the whole ones would.
    const compare = comparatorOf(query.sort);
    if (compare) hits.sort((a, b) => compare(this.stored[a]!, this.stored[b]!) || a - b);
    const page = paginate(hits, this.stored.length, counts, query);
    return { ...page, rows: page.rows.map((i) => this.record(i)) };
  }

  /** The per-example metrics of the set, in order of first appearance. */
  metricInfo(): MetricInfo[] {
    const info = new Map<string, MetricInfo>();
    for (const r of this.stored) {
      if (!r.metrics) continue;
      for (const name of Object.keys(r.metrics)) {
        const v = metricOf(r, name);
        if (v === undefined) continue;
        const m = info.get(name);
        if (!m) info.set(name, { name, count: 1, min: v, max: v, continuous: v !== 0 && v !== 1 });
        else {
          m.count++;
          m.min = Math.min(m.min, v);
          m.max = Math.max(m.max, v);
          if (v !== 0 && v !== 1) m.continuous = true;
        }
      }
    }
    return [...info.values()];
  }

  find(id: string): ExampleRecord | undefined {
    const i = this.stored.findIndex((r) => r.id === id);
    return i < 0 ? undefined : this.record(i);
  }
}

export interface Flip {
  id: string;
  direction: 'lost' | 'gained' | 'unscorable';
  baseline: ExampleRecord;
  variant: ExampleRecord;
}

const scored = (r: ExampleRecord) => r.status === 'correct' || r.status === 'incorrect';

/**
 * Examples whose outcome differs between two runs of the same task, matched by id: lost (right ->
 * wrong) and gained (wrong -> right) are the discordant pairs of the study's McNemar test; an
 * example only one of the two runs could score is listed apart, as the study leaves it out.
 */
export function flips(baseline: ExampleRecord[], variant: ExampleRecord[]): Flip[] {
  const byId = new Map(baseline.map((r) => [r.id, r]));
  const out: Flip[] = [];
  for (const v of variant) {
    const b = byId.get(v.id);
    if (!b) continue;
    if (b.status === 'correct' && v.status === 'incorrect') out.push({ id: v.id, direction: 'lost', baseline: b, variant: v });
    else if (b.status === 'incorrect' && v.status === 'correct') out.push({ id: v.id, direction: 'gained', baseline: b, variant: v });
    else if ((b.status === 'unscorable' && scored(v)) || (v.status === 'unscorable' && scored(b))) out.push({ id: v.id, direction: 'unscorable', baseline: b, variant: v });
  }
  return out;
}

export function queryFlips(all: Flip[], query: Query): PageResult<Flip> {
  const q = query.q.trim().toLowerCase();
  const counts: Record<string, number> = { all: 0, lost: 0, gained: 0, unscorable: 0 };
  const hits: Flip[] = [];
  for (const f of all) {
    if (q && !(haystack(f.baseline) + haystack(f.variant)).includes(q)) continue;
    counts.all!++;
    counts[f.direction]!++;
    if (query.filter === 'all' || query.filter === f.direction) hits.push(f);
  }
  return paginate(hits, all.length, counts, query);
}

function paginate<T>(hits: T[], total: number, counts: Record<string, number>, query: Query): PageResult<T> {
  const pages = Math.max(1, Math.ceil(hits.length / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  return { total, matched: hits.length, counts, page, pages, rows: hits.slice((page - 1) * query.pageSize, page * query.pageSize) };
}
