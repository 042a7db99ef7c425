/**
 * Hostile input, class 11: every file ingest passes over or repairs says why, correctly. UTF-16 is
 * decoded as UTF-16, binary is "binary", a few bad bytes are located instead of the whole file
 * being read as GBK, and what used to vanish silently (a metric given as an object, a number as a
 * string, decimal commas, duplicate keys, a header-only CSV, a run with only run_meta, an empty
 * samples file) is a warning. --strict fails when a result-looking file was skipped.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { writeTree } from '../helpers/tree.ts';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingest } from '../../scripts/ingest/ingest.ts';
import type { Problem } from '../../schemas/types.gen.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const results = (extra = '', model = 'org/m') =>
  `{"results": {"gsm8k": {"exact_match,strict-match": 0.5, "exact_match_stderr,strict-match": 0.01${extra}}}, "versions": {"gsm8k": 3}, "n-shot": {"gsm8k": 5}, "config": {"model": "hf", "model_args": "pretrained=${model}"}}`;

const tree = (files: Record<string, string | Buffer>) => writeTree(files, 'evalsite-diag-');

function read(files: Record<string, string | Buffer>) {
  const dir = tree(files);
  return ingest({ inputs: [dir], root: dir, analysis: false });
}

const said = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.pointer !== undefined ? ` ${p.pointer}` : ''}: ${p.message}`);

describe('diagnoses name what happened', () => {
  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(results(), 'utf16le')])],
    ['UTF-16LE without a BOM (NUL pattern)', Buffer.from(results(), 'utf16le')],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(results(), 'utf16le').swap16()])],
  ])('%s is decoded as UTF-16', (_name, bytes) => {
    const r = read({ 'results.json': bytes });
    expect(r.runs.map((x) => x.tasks[0]?.metrics[0]?.value)).toEqual([0.5]);
    expect(said(r.problems)).toEqual([expect.stringMatching(/^info results\.json: file is UTF-16(LE|BE); decoded as such$/)]);
  });

  it('a UTF-16 JSON Lines file is streamed as UTF-16', () => {
    const lines = [0, 1, 2].map((i) => JSON.stringify({ doc_id: i, target: 'A', filter: 'none', metrics: ['acc'], acc: i % 2 })).join('\n');
    const r = read({ 'results_2024-01-01T00-00-00.000.json': results(), 'samples_gsm8k_2024-01-01T00-00-00.000.jsonl': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines, 'utf16le')]) });
    expect(r.problems).toEqual([]);
    expect(r.examples.get(r.runs[0]!.id)?.gsm8k).toHaveLength(3);
  });

  it.each([[[0, 1, 2, 3]], [[0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0]]])('a short or non-text NUL pattern %j is binary, not UTF-16', (bytes) => {
    const r = read({ 'results.json': Buffer.from(bytes) });
    expect(said(r.problems)).toEqual(['error results.json: binary file (NUL bytes), not text; not read']);
  });

  it('binary data is "binary, not read", not a JSON syntax error', () => {
    const r = read({ 'results.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    expect(said(r.problems)).toEqual(['error results.json: binary file (NUL bytes), not text; not read']);
  });

  it('a UTF-8 file with one bad byte is read as UTF-8 and the byte offset is given', () => {
    const text = results().replace('org/m', 'org/模型-\u0000X');
    const bytes = Buffer.from(text);
    const at = bytes.indexOf(0);
    bytes[at] = 0xff; // one damaged byte among valid multi-byte characters
    const r = read({ 'results.json': bytes });
    expect(r.runs[0]?.model).toBe('org/模型-\uFFFDX');
    expect(said(r.problems)).toEqual([`warning results.json: 1 invalid UTF-8 byte sequence(s), read as U+FFFD; at byte offset(s) ${at}`]);
  });

  it('GBK is still read as GBK', () => {
    const gbk = Buffer.from([0x23, 0x20, 0xc4, 0xa3, 0xd0, 0xcd, 0x0a]); // "# 模型\n"
    const r = read({ 'notes.md': gbk });
    expect(said(r.problems)[0]).toMatch(/read as GB18030\/GBK/);
  });

  it.each([
    ['{}', 'an empty JSON object'],
    ['[]', 'an empty JSON array'],
  ])('%s is "%s"', (body, what) => {
    const r = read({ 'results.json': body });
    expect(said(r.problems)).toEqual([expect.stringContaining(`not read: ${what}`)]);
  });

  it('dotfiles are listed as skipped', () => {
    const r = read({ '.hidden.json': results(), 'results.json': results() });
    expect(r.runs).toHaveLength(1);
    expect(said(r.problems)).toEqual(['info .hidden.json: not read: hidden (dot) file or folder']);
  });

  it.each([
    ['a metric given as an object', { 'results.json': results(', "acc,none": {"value": 0.5}') }, /warning results\.json \/results\/gsm8k\/acc,none: metric "acc,none" is an object, not a number; not read/],
    ['a number written as a string', { 'results.json': results(', "acc,none": "0.61"') }, /warning results\.json \/results\/gsm8k\/acc,none: metric "acc,none": number written as a string; read as 0\.61/],
    ['an unparseable number', { 'results.json': results(', "acc,none": "61,2"') }, /metric "acc,none": not a number; not read/],
    ['duplicate keys', { 'results.json': results(', "exact_match,strict-match": 0.9') }, /warning results\.json:1 \/results\/gsm8k\/exact_match,strict-match: 1 key\(s\) written twice in one object; the last value of each is used/],
    ['decimal commas in a semicolon-separated CSV', { 'acc.csv': 'model;benchmark;accuracy_pct\nm;gsm8k;78,5\nm;mmlu;61,2\n' }, /warning acc\.csv:2: decimal commas read as decimal points \("78,5" in column accuracy_pct is 78\.5\)/],
    ['a header-only CSV', { 'acc.csv': 'model,benchmark,accuracy\n' }, /warning acc\.csv:1: CSV has a header but no data rows/],
    ['a run directory with only run_meta.json', { 'run1/run_meta.json': '{"model": "org/m", "timestamp_utc": "2026-01-01T00:00:00Z"}' }, /warning run1: run directory holds no results \(run_meta\.json but/],
    ['an empty samples file', { 'results_2024-01-01T00-00-00.000.json': results(), 'samples_gsm8k_2024-01-01T00-00-00.000.jsonl': '' }, /warning samples_gsm8k_2024-01-01T00-00-00\.000\.jsonl: samples file holds no samples/],
  ])('%s is a warning, not a silent drop', (_name, files, expected) => {
    const r = read(files);
    expect(said(r.problems).join('\n')).toMatch(expected);
  });

  it('decimal commas become numbers', () => {
    const r = read({ 'acc.csv': 'model;benchmark;accuracy_pct\nm;gsm8k;78,5\n' });
    expect(r.runs[0]?.tasks[0]?.metrics[0]?.value).toBeCloseTo(0.785, 10);
  });

  it('file names are shown with control characters escaped', () => {
    const r = read({ 'res\u001b[31mults\n.json': '{}' });
    expect(r.problems.map((p) => p.file)).toEqual(['res\\u001b[31mults\\u000a.json']);
  });
});

describe('the CLI', () => {
  const cli = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts/ingest/cli.ts'), dir, '--out', mkdtempSync(join(tmpdir(), 'evalsite-out-')), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints each skipped file with its reason; --strict fails on a skipped result-looking file', () => {
    const dir = tree({ 'results.json': results(), 'mystery.json': '{"a": 1}', 'notes.txt': 'hello' });
    const plain = cli(dir);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/info: \S*mystery\.json: not read: JSON of an unknown shape/);
    const strict = cli(dir, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/--strict: 1 result-looking file\(s\) were not read: \S*mystery\.json/);
  });

  it('--strict passes when only non-result files were skipped', () => {
    const dir = tree({ 'results.json': results(), 'notes.txt': 'hello' });
    const strict = cli(dir, '--strict');
    expect(strict.status, strict.stderr).toBe(0);
  });
});
