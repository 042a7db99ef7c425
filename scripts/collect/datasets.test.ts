import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { datasetFile, loadItems, toItems } from './datasets.ts';

describe('toItems', () => {
  it('maps GSM8K rows: reference is the number after ####, ids are made when missing', () => {
    const items = toItems([{ question: 'q1', answer: 'work\n#### 1,200' }, { question: 'q2', answer: '#### 5' }], { name: 'gsm8k', type: 'gsm8k' });
    expect(items).toEqual([{ id: 'gsm8k-0', question: 'q1', reference: '1200', answerText: 'work\n#### 1,200' }, { id: 'gsm8k-1', question: 'q2', reference: '5', answerText: '#### 5' }]);
  });
  it('maps MATH rows with their subject, and custom JSONL fields', () => {
    expect(toItems([{ problem: 'p', solution: '\\boxed{2}', type: 'Algebra', unique_id: 'test/a/1.json' }], { name: 'math', type: 'math' })[0]).toEqual({ id: 'test/a/1.json', question: 'p', reference: '\\boxed{2}', subject: 'Algebra' });
    expect(toItems([{ text: 'route me', gold: 'gpt-4' }], { name: 'rb', type: 'jsonl', fields: { question: 'text', answer: 'gold' } })[0]).toMatchObject({ question: 'route me', reference: 'gpt-4' });
  });
  it('names the field when a row has no question', () => {
    expect(() => toItems([{ prompt: 'x' }], { name: 'g', type: 'gsm8k' })).toThrow('g: row 1 has no "question" text');
  });
});

// A loopback stand-in for the Hugging Face hub (the real one is an external service).
describe('hub download (stand-in hub server on loopback)', () => {
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/datasets/openai/gsm8k/resolve/main/main/test.jsonl') res.end('{"question": "hub q", "answer": "#### 7"}\n');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address() as { port: number };
    process.env.HF_ENDPOINT = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => {
    delete process.env.HF_ENDPOINT;
    server.close();
  });

  it('downloads once into the cache and reads from it afterwards', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'hfcache-'));
    const c = { cache_dir: cache } as Config;
    const d = { name: 'gsm8k', type: 'gsm8k' as const, hf: { repo: 'openai/gsm8k', file: 'main/test.jsonl' } };
    expect(await loadItems(d, c, '/')).toEqual([{ id: 'gsm8k-0', question: 'hub q', reference: '7', answerText: '#### 7' }]);
    const file = await datasetFile(d, c, '/');
    expect(file).toBe(join(cache, 'openai/gsm8k/main/main/test.jsonl'));
    expect(hits).toBe(1);
    await expect(datasetFile({ ...d, hf: { repo: 'openai/none', file: 'x.jsonl' } }, c, '/')).rejects.toThrow('HTTP 404');
  });

  it('reads Parquet files (the hub serves GSM8K and MATH as Parquet)', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const dir = mkdtempSync(join(tmpdir(), 'pq-'));
    writeFileSync(join(dir, 'test.parquet'), new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'question', data: ['a', 'b'] }, { name: 'answer', data: ['#### 1', 'x\n#### 2,000'] }] })));
    expect(await loadItems({ name: 'g', type: 'gsm8k', path: 'test.parquet' }, {} as Config, dir)).toEqual([
      { id: 'g-0', question: 'a', reference: '1', answerText: '#### 1' },
      { id: 'g-1', question: 'b', reference: '2000', answerText: 'x\n#### 2,000' },
    ]);
    writeFileSync(join(dir, 'bad.parquet'), 'not parquet');
    await expect(loadItems({ name: 'x', type: 'gsm8k', path: 'bad.parquet' }, {} as Config, dir)).rejects.toThrow();
  });
});
