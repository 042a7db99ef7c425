/**
 * Web Worker: fetches and parses the shards of one task (or of two runs, for flips) off the main
 * thread, keeps them, and answers filter / search / page queries with only the rows to show.
 */
import { ExampleSet, flips, queryFlips, type Flip, type MetricInfo, type Query } from './model.ts';
import { fetchIndex, loadShards, type FirstShard, type ShardBatch } from './load-shards.ts';

export type ToWorker =
  | { type: 'load'; indexes: string[]; first?: FirstShard }
  | { type: 'query'; seq: number; query: Query }
  | { type: 'get'; seq: number; id: string };

export type FromWorker =
  | { type: 'progress'; loaded: number; total: number; done: boolean; metrics?: MetricInfo[] }
  | { type: 'result'; seq: number; result: unknown }
  | { type: 'example'; seq: number; example: unknown }
  | { type: 'error'; message: string };

const sets: ExampleSet[] = [];
let flipList: Flip[] | undefined;
// Flips need both runs: until they are in, no row or example is answered from one run alone.
let pairing = false;
const EMPTY = { total: 0, matched: 0, counts: {}, page: 1, pages: 1, rows: [] };
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

/**
 * Loads every index's shards. The page may have fetched the first index and its first shard
 * already (it shows them while this worker starts): they are taken at once, before any query.
 */
async function load(indexes: string[], first?: FirstShard): Promise<void> {
  indexes.forEach(() => sets.push(new ExampleSet()));
  let loaded = 0;
  const add = (i: number, b: ShardBatch) => {
    sets[i]!.add(b.records, b.promptPrefix);
    loaded += b.records.length;
  };
  if (first?.batch) add(0, first.batch);
  const files = await Promise.all(indexes.map(async (url, i) => ({ url, index: i === 0 && first ? first.index : await fetchIndex(url) })));
  const total = files.reduce((s, f) => s + f.index.count, 0);
  if (loaded) post({ type: 'progress', loaded, total, done: false });
  // Shards in order, a few at a time: the first page can render as soon as shard 0 is in.
  for (const [i, { url, index }] of files.entries()) {
    await loadShards(
      url,
      index,
      (b) => {
        add(i, b);
        post({ type: 'progress', loaded, total, done: false });
      },
      i === 0 && first?.batch ? 1 : 0,
    );
  }
  if (sets.length === 2) flipList = flips(sets[0]!.wholeRecords(), sets[1]!.wholeRecords());
  post({ type: 'progress', loaded, total, done: true, metrics: sets.length === 1 ? sets[0]!.metricInfo() : [] });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'load') {
      pairing = m.indexes.length === 2;
      load(m.indexes, m.first).catch((err: Error) => post({ type: 'error', message: err.message }));
    } else if (m.type === 'query') post({ type: 'result', seq: m.seq, result: flipList ? queryFlips(flipList, m.query) : pairing ? EMPTY : sets[0]?.query(m.query) });
    else if (m.type === 'get') post({ type: 'example', seq: m.seq, example: flipList ? flipList.find((f) => f.id === m.id) : pairing ? undefined : sets[0]?.find(m.id) });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
