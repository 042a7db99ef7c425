/**
 * Per-example shards on disk and in the site: gzip-compressed JSON of up to 500 records, the start
 * their prompts share stored once (schemas/example-shard.schema.json). 500 lm-eval records of a
 * 5-shot task repeat a 1.4 KB prefix 500 times: 0.8 MB of JSON to stringify, compress and parse,
 * 85 KB with the prefix once. Readers sniff the gzip magic bytes rather than trust the name, and
 * take a plain array of records too, so content written before either change still reads.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { shardRecordsOf } from './shard-format.ts';

export { packShard } from './shard-format.ts';

export const SHARD_SUFFIX = '.json.gz';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function encodeShard(json: string): Buffer {
  return gzipSync(json, { level: 6 });
}

/** A shard file's whole records (callers check each record's shape); undefined when it holds neither shape. */
export function readShardFile(path: string): unknown[] | undefined {
  const bytes = readFileSync(path);
  return shardRecordsOf(JSON.parse((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8')));
}
