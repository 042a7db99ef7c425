/**
 * Per-example shards on disk and in the site: a JSON array of records, gzip-compressed (a shard of
 * 500 lm-eval records repeats its few-shot prompt 500 times: 0.8 MB of JSON, 15–100 KB gzipped).
 * Readers sniff the gzip magic bytes rather than trust the name, so content written before
 * shards were compressed, or a host that decompresses `.gz` on the way, still reads.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

export const SHARD_SUFFIX = '.json.gz';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function encodeShard(json: string): Buffer {
  return gzipSync(json, { level: 6 });
}

/** A shard file's records: whatever JSON it holds (callers check the shape). */
export function readShardFile(path: string): unknown {
  const bytes = readFileSync(path);
  return JSON.parse((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8'));
}
