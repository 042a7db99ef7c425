/**
 * Web Worker of the compare page: fetches the examples of every task that the baseline and another
 * run both have records of, then computes the comparison with paired tests off the main thread.
 */
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import type { CompareRun } from '../../lib/compare-data.ts';
import { fetchIndex, loadShards } from '../examples/load-shards.ts';
import { compareModel, pairableIndexes, type CompareResult } from './model.ts';

export type ToCompareWorker = { type: 'compare'; seq: number; runs: CompareRun[] };
export type FromCompareWorker =
  | { type: 'progress'; seq: number; loaded: number; total: number }
  | { type: 'result'; seq: number; result: CompareResult; pairedTasks: number }
  | { type: 'error'; seq: number; message: string };

const post = (m: FromCompareWorker) => (self as unknown as Worker).postMessage(m);
// Examples already fetched, by index URL: picking another run does not fetch the baseline again.
const cache = new Map<string, ExampleRecord[]>();

async function compare(seq: number, runs: CompareRun[]): Promise<void> {
  const urls = pairableIndexes(runs).filter((u) => !cache.has(u));
  const indexes = await Promise.all(urls.map(async (url) => ({ url, index: await fetchIndex(url) })));
  const total = indexes.reduce((s, i) => s + i.index.count, 0);
  let loaded = 0;
  post({ type: 'progress', seq, loaded, total });
  for (const { url, index } of indexes) {
    const records: ExampleRecord[] = [];
    // Only ids and outcomes are compared: the prompts stay without their shared start.
    await loadShards(url, index, (b) => {
      for (const r of b.records) records.push(r);
      loaded += b.records.length;
      post({ type: 'progress', seq, loaded, total });
    });
    cache.set(url, records);
  }
  const examplesOf = (t: { examples?: { index: string } }) => (t.examples ? cache.get(t.examples.index) : undefined);
  const result = compareModel(runs, examplesOf);
  const pairedTasks = result.rows.filter((r) => r.comparisons.some((c) => c?.method === 'mcnemar' || c?.method === 'paired-bootstrap')).length;
  post({ type: 'result', seq, result, pairedTasks });
}

self.onmessage = (e: MessageEvent<ToCompareWorker>) => {
  const m = e.data;
  compare(m.seq, m.runs).catch((err: unknown) => post({ type: 'error', seq: m.seq, message: err instanceof Error ? err.message : String(err) }));
};
