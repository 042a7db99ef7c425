import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExampleRecord } from '../schemas/types.gen.ts';
import { seededRandom } from './random.ts';
import { encodeShard, packShard, readShardFile } from './shard-file.ts';
import { sharedPromptStart, shardParts } from './shard-format.ts';
import { isValid } from './validate.ts';

describe('shards store the prompts\' shared start once', () => {
  it('reads back every record whole, for random prompts with and without a shared start (surrogate pairs included)', () => {
    const rand = seededRandom(11);
    const dir = mkdtempSync(join(tmpdir(), 'shard-'));
    const alphabet = ['a', 'b', ' ', '\n', '数', '😀', '"', '\\'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let trial = 0; trial < 200; trial++) {
      const start = text(Math.floor(rand() * 40));
      const records: ExampleRecord[] = Array.from({ length: 1 + Math.floor(rand() * 8) }, (_, i) => {
        const r: ExampleRecord = { id: `q${i}`, status: rand() < 0.5 ? 'correct' : 'incorrect', response: text(5) };
        if (rand() < 0.85) r.prompt = (rand() < 0.8 ? start : '') + text(Math.floor(rand() * 6));
        return r;
      });
      const json = packShard(records);
      const doc: unknown = JSON.parse(json);
      expect(isValid('example-shard.schema.json', doc)).toBe(true);
      const parts = shardParts(doc)!;
      for (const r of parts.records) expect(isValid('example-record.schema.json', r)).toBe(true);
      const file = join(dir, `${trial}.json.gz`);
      writeFileSync(file, encodeShard(json));
      expect(readShardFile(file)).toEqual(records);
    }
  });

  it('cuts a few-shot prefix out of 500 records: the JSON shrinks to a small share', () => {
    const shots = 'Question: Natalia sold 48 clips in April and half as many in May.\nAnswer: 72\n\n'.repeat(5);
    const records: ExampleRecord[] = Array.from({ length: 500 }, (_, i) => ({ id: String(i), status: 'correct', prompt: `${shots}Question: item ${i}?`, response: 'The answer is 4' }));
    const whole = JSON.stringify(records).length;
    const packed = packShard(records);
    expect(JSON.parse(packed).promptPrefix).toBe(`${shots}Question: item `);
    expect(packed.length).toBeLessThan(whole / 5);
  });

  it('finds the longest shared start, never half a surrogate pair', () => {
    expect(sharedPromptStart([{ prompt: 'abc1' }, {}, { prompt: 'abd2' }])).toBe('ab');
    expect(sharedPromptStart([{ prompt: 'x😀' }, { prompt: 'x😁' }])).toBe('x');
    expect(sharedPromptStart([{ prompt: 'same' }, { prompt: 'same' }])).toBe('same');
    expect(sharedPromptStart([{}, { prompt: '' }])).toBe('');
  });

  it('reads a plain array of whole records (shards written before) and refuses other JSON', () => {
    expect(shardParts([{ id: 'a', status: 'correct' }])).toEqual({ promptPrefix: '', records: [{ id: 'a', status: 'correct' }] });
    expect(shardParts({ records: 3 })).toBeUndefined();
  });
});
