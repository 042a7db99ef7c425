/**
 * The examples browser's data side, free of DOM and worker plumbing so it can be unit-tested:
 * shards in, filtered / searched / paged views out. Runs inside a Web Worker in the browser.
 */
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { EXAMPLE_STATUS_VALUES } from '../../../schemas/types.gen.ts';

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

/** The longest start two strings share (UTF-16 units). */
function commonPrefix(a: string, b: string): string {
  if (b.startsWith(a)) return a;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return a.slice(0, i);
}

/**
 * All records of one run and task. A search keeps no lowercased copy of the records (that
 * doubled the worker's memory): short fields are lowered per query, and the start every prompt
 * shares (a few-shot prefix, most of each prompt's length) is searched once per query, each
 * prompt only from where it differs.
 */
export class ExampleSet {
  readonly records: ExampleRecord[] = [];
  private prefix: string | undefined;
  private lowered: { of: string; text: string } | undefined;

  add(batch: ExampleRecord[]): void {
    for (const r of batch) {
      this.records.push(r);
      if (typeof r.prompt === 'string') this.prefix = this.prefix === undefined ? r.prompt : commonPrefix(this.prefix, r.prompt);
    }
  }

  /** The test for one query: true for a record whose text holds it. */
  private matcher(q: string): (r: ExampleRecord) => boolean {
    if (!q) return () => true;
    const prefix = this.prefix ?? '';
    if (this.lowered?.of !== prefix) this.lowered = { of: prefix, text: prefix.toLowerCase() };
    const inPrefix = this.lowered.text.includes(q);
    // From a little before the shared start ends, so a match across its end is found too.
    const from = Math.max(0, prefix.length - q.length - 8);
    return (r) => {
      if (typeof r.prompt === 'string' && (inPrefix || r.prompt.slice(from).toLowerCase().includes(q))) return true;
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
    for (let i = 0; i < this.records.length; i++) {
      if (!matches(this.records[i]!) || (ranged && !inRanges(this.records[i]!, query.ranges))) continue;
      const s = this.records[i]!.status;
      counts.all!++;
      counts[s] = (counts[s] ?? 0) + 1;
      if (query.filter === 'all' || query.filter === s) hits.push(i);
    }
    const rows = hits.map((i) => this.records[i]!);
    const compare = comparatorOf(query.sort);
    if (compare) rows.sort(compare);
    return paginate(rows, this.records.length, counts, query);
  }

  /** The per-example metrics of the set, in order of first appearance. */
  metricInfo(): MetricInfo[] {
    const info = new Map<string, MetricInfo>();
    for (const r of this.records) {
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
    return this.records.find((r) => r.id === id);
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
