/**
 * npm run bench: ingest throughput against a bare read + split + JSON.parse loop over the same
 * file, measured side by side (interleaved, median of several rounds) in one run.
 * Inputs: the largest file of ../shared/corpus, its largest JSONL, and a synthetic 100,000-line
 * canonical results JSONL (the size the examples browser must handle).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function bare(path: string): number {
  const text = readFileSync(path).toString('utf8');
  if (path.endsWith('.json')) return JSON.parse(text) ? 1 : 0;
  let n = 0;
  for (const line of text.split('\n')) if (line.trim()) n += JSON.parse(line) ? 1 : 0;
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function synthetic(dir: string, n: number): string {
  const bench = join(dir, 'synthetic-run', 'gsm8k');
  mkdirSync(bench, { recursive: true });
  writeFileSync(join(dir, 'synthetic-run', 'run_meta.json'), JSON.stringify({ timestamp_utc: '2026-01-01T00:00:00Z', model: 'synthetic/model' }));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const correct = i % 7 !== 0;
    lines.push(JSON.stringify({ id: `ex-${i}`, question: `Question ${i}: what is ${i} + ${i % 13}? `.repeat(4), response: `Step by step, ${i} + ${i % 13} = ${i + (i % 13)}.\n#### ${i + (i % 13) + (correct ? 0 : 1)}`, reference: String(i + (i % 13)), extracted: String(i + (i % 13) + (correct ? 0 : 1)), correct }));
  }
  const path = join(bench, 'gsm8k_results.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const tmp = mkdtempSync(join(tmpdir(), 'evalsite-bench-'));
const targets: { label: string; path: string; input: string }[] = [];
if (existsSync(CORPUS)) {
  const all = files(CORPUS).filter((f) => !f.endsWith('MANIFEST.md'));
  const largest = all.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const jsonl = all.filter((f) => f.endsWith('.jsonl')).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  targets.push({ label: 'largest corpus file', path: largest, input: largest }, { label: 'largest corpus JSONL', path: jsonl, input: jsonl });
} else {
  console.log('(../shared/corpus absent: corpus files skipped)');
}
const synth = synthetic(tmp, 100_000);
targets.push({ label: 'synthetic 100k-line results JSONL', path: synth, input: join(tmp, 'synthetic-run') });

console.log(`node ${process.version}, ${ROUNDS} interleaved rounds, median times\n`);
console.log('| input | size | bare read+split+JSON.parse | evalsite ingest | ingest MB/s | ratio (ingest / bare) |');
console.log('|---|---|---|---|---|---|');
for (const t of targets) {
  const size = statSync(t.path).size;
  const bareTimes: number[] = [];
  const ingestTimes: number[] = [];
  bare(t.path);
  ingest({ inputs: [t.input], root: tmp });
  for (let r = 0; r < ROUNDS; r++) {
    let s = performance.now();
    bare(t.path);
    bareTimes.push(performance.now() - s);
    s = performance.now();
    const result = ingest({ inputs: [t.input], root: tmp });
    ingestTimes.push(performance.now() - s);
    if (result.runs.length === 0) throw new Error(`${t.label}: ingest read no run`);
  }
  const b = median(bareTimes);
  const i = median(ingestTimes);
  const name = t.path.startsWith(CORPUS) ? t.path.slice(CORPUS.length + 1) : 'synthetic-run/gsm8k/gsm8k_results.jsonl';
  console.log(`| ${t.label}: ${name} | ${(size / 1e6).toFixed(2)} MB | ${b.toFixed(1)} ms | ${i.toFixed(1)} ms | ${(size / 1e6 / (i / 1000)).toFixed(1)} | ${(i / b).toFixed(2)}x |`);
}
rmSync(tmp, { recursive: true, force: true });
