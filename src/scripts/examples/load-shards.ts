/** Fetches a task's example index and its shards, a few at a time and in order, for the workers. */
import type { ExampleIndex, ExampleRecord } from '../../../schemas/types.gen.ts';
import { isShardRecord, shardParts } from '../../../domain/shard-format.ts';

export async function fetchIndex(url: string): Promise<ExampleIndex> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as ExampleIndex;
}

/** One shard as stored: records whose prompts lack the start they share, and that start. */
export interface ShardBatch {
  records: ExampleRecord[];
  promptPrefix: string;
}

/** Calls `onBatch` with each shard from shard `from` on, in shard order, so the first page can show early. */
export async function loadShards(url: string, index: ExampleIndex, onBatch: (batch: ShardBatch) => void, from = 0): Promise<void> {
  // The first shard alone (the first page needs only it), then four at a time.
  for (let s = from; s < index.shards.length; s += s === 0 ? 1 : 4) {
    const batch = await Promise.all(index.shards.slice(s, s === 0 ? 1 : s + 4).map((sh) => fetchShard(url, sh.file)));
    for (const b of batch) onBatch(b);
  }
}

/** One shard of the task whose index is at `url`. */
export async function fetchShard(url: string, file: string): Promise<ShardBatch> {
  const at = url.slice(0, url.lastIndexOf('/') + 1) + file;
  const res = await fetch(at);
  if (!res.ok) throw new Error(`${at}: HTTP ${res.status}`);
  const parts = shardParts(await shardJson(await res.arrayBuffer()));
  if (!parts) throw new Error(`${at}: not a shard of example records`);
  return { records: parts.records.filter(isShardRecord), promptPrefix: parts.promptPrefix };
}

/** A task's index and its first shard: what the first page needs (undefined shard: no examples). */
export interface FirstShard {
  index: ExampleIndex;
  batch?: ShardBatch;
}

export async function fetchFirstShard(url: string): Promise<FirstShard> {
  const index = await fetchIndex(url);
  const first = index.shards[0];
  return first ? { index, batch: await fetchShard(url, first.file) } : { index };
}

/**
 * A shard's JSON from its bytes: gzip (what ingest writes) is decompressed here with the
 * browser's DecompressionStream, so any static host serves it as a plain file; bytes that are
 * not gzip (older content, or a host that already decompressed them) are read as JSON.
 */
export async function shardJson(bytes: ArrayBuffer): Promise<unknown> {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}
