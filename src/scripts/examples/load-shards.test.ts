import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { shardJson } from './load-shards.ts';
import { encodeShard, packShard } from '../../../domain/shard-file.ts';
import { shardParts, shardRecordsOf } from '../../../domain/shard-format.ts';
import type { ExampleRecord } from '../../../schemas/types.gen.ts';

const shots = 'Question: 2 + 2?\nAnswer: 4\n\n'.repeat(3);
const records: ExampleRecord[] = [
  { id: 'q1', status: 'correct', prompt: `${shots}Question: 1 + 1?`, response: '答案是 2' },
  { id: 'q2', status: 'incorrect', prompt: `${shots}Question: 3 + 3?` },
  { id: 'q3', status: 'unscorable' },
];
const buffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('shard bytes in the browser', () => {
  it('decompresses a gzipped shard as ingest writes it: the shared prompt start once, the records whole again', async () => {
    const doc = await shardJson(buffer(encodeShard(packShard(records))));
    expect(shardParts(doc)).toEqual({ promptPrefix: `${shots}Question: `, records: [{ ...records[0], prompt: '1 + 1?' }, { ...records[1], prompt: '3 + 3?' }, records[2]] });
    expect(shardRecordsOf(doc)).toEqual(records);
  });

  it('reads a shard that is plain JSON of whole records (older content, or a host that decompressed it on the way)', async () => {
    const doc = await shardJson(buffer(new TextEncoder().encode(JSON.stringify(records))));
    expect(shardParts(doc)).toEqual({ promptPrefix: '', records });
    expect(shardRecordsOf(doc)).toEqual(records);
  });

  it('fails on a corrupt gzip shard rather than showing nothing', async () => {
    const z = gzipSync(JSON.stringify(records));
    await expect(shardJson(buffer(z.subarray(0, z.length - 12)))).rejects.toThrow();
  });
});
