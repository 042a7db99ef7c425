import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { shardRecords } from './load-shards.ts';
import { encodeShard } from '../../../domain/shard-file.ts';

const records = [{ id: 'q1', status: 'correct', response: '答案是 4' }, { id: 'q2', status: 'incorrect' }];
const buffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('shard bytes in the browser', () => {
  it('decompresses a gzipped shard as ingest writes it', async () => {
    expect(await shardRecords(buffer(encodeShard(JSON.stringify(records))))).toEqual(records);
  });

  it('reads a shard that is plain JSON (older content, or a host that decompressed it on the way)', async () => {
    expect(await shardRecords(buffer(new TextEncoder().encode(JSON.stringify(records))))).toEqual(records);
  });

  it('fails on a corrupt gzip shard rather than showing nothing', async () => {
    const z = gzipSync(JSON.stringify(records));
    await expect(shardRecords(buffer(z.subarray(0, z.length - 12)))).rejects.toThrow();
  });
});
