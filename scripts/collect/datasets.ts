/**
 * Evaluation data: a local JSONL or Parquet file, or a file downloaded once from the Hugging Face
 * hub into a cache on the host (HF_ENDPOINT and HF_TOKEN are honoured). Rows become items with an
 * id, the text to ask, the reference and an optional subject.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parquetReadObjects } from 'hyparquet';
import type { Config, Dataset } from './config.ts';
import { gsm8kReference } from './runners/scoring.ts';
import { UsageError } from '../lib/cli.ts';

export interface Item {
  id: string;
  /** GSM8K/MATH question, or the JSONL prompt. */
  question: string;
  /** GSM8K: the number; MATH: the full solution (the boxed answer is taken from it); JSONL: the label. */
  reference?: string | null;
  /** The answer as the data set writes it (GSM8K's worked solution), for few-shot prompts. */
  answerText?: string;
  subject?: string;
  [k: string]: unknown;
}

const DEFAULT_FIELDS: Record<Dataset['type'], Record<string, string>> = {
  gsm8k: { question: 'question', answer: 'answer', id: 'id' },
  math: { question: 'problem', answer: 'solution', subject: 'type', id: 'unique_id' },
  jsonl: { question: 'prompt', answer: 'label', id: 'id' },
  'lm-eval': {},
  perplexity: { text: 'text' },
};

/** A data set that cannot be read or lacks a field the config names. */
export class DatasetError extends UsageError {
  constructor(message: string) {
    super(message, 'EDATASET');
  }
}

/** Where a dataset's file is, downloading it first when it comes from the hub. */
export async function datasetFile(d: Dataset, c: Config, baseDir: string): Promise<string> {
  if (d.path) return resolve(baseDir, d.path);
  if (!d.hf) throw new DatasetError(`dataset ${d.name} has neither path nor hf`);
  const revision = d.hf.revision ?? 'main';
  const cacheDir = resolve(baseDir, c.cache_dir ?? join(process.env.HOME ?? '.', '.cache', 'evalsite', 'datasets'));
  const target = join(cacheDir, d.hf.repo, revision, d.hf.file);
  if (existsSync(target)) return target;
  const endpoint = (process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/$/, '');
  const url = `${endpoint}/datasets/${d.hf.repo}/resolve/${encodeURIComponent(revision)}/${d.hf.file.split('/').map(encodeURIComponent).join('/')}`;
  const headers: Record<string, string> = process.env.HF_TOKEN ? { authorization: `Bearer ${process.env.HF_TOKEN}` } : {};
  const res = await fetch(url, { headers, redirect: 'follow' });
  if (!res.ok || !res.body) throw new DatasetError(`downloading ${d.hf.repo}/${d.hf.file} failed: HTTP ${res.status} from ${endpoint}`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.part-${process.pid}`;
  try {
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(tmp));
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return target;
}

export async function readRows(file: string): Promise<Record<string, unknown>[]> {
  if (file.endsWith('.parquet')) {
    const buf = readFileSync(file);
    const arrayBuffer = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    return (await parquetReadObjects({ file: arrayBuffer })) as Record<string, unknown>[];
  }
  const rows: Record<string, unknown>[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      rows.push(JSON.parse(line) as Record<string, unknown>);
    } catch (err) {
      throw new DatasetError(`${file}:${i + 1}: invalid JSON line: ${(err as Error).message}`);
    }
  });
  return rows;
}

export function toItems(rows: Record<string, unknown>[], d: Dataset): Item[] {
  const f = { ...DEFAULT_FIELDS[d.type], ...(d.fields ?? {}) };
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const question = row[f.question ?? 'question'];
    if (typeof question !== 'string') throw new DatasetError(`${d.name}: row ${i + 1} has no "${f.question}" text (set datasets[].fields.question)`);
    let id = row[f.id ?? 'id'] === undefined ? `${d.name}-${i}` : String(row[f.id ?? 'id']);
    if (seen.has(id)) id = `${id}#${i}`;
    seen.add(id);
    const rawAnswer = row[f.answer ?? 'answer'] ?? (d.type === 'jsonl' ? row.expected_answer : undefined);
    const reference = rawAnswer === undefined || rawAnswer === null ? null : d.type === 'gsm8k' ? gsm8kReference(String(rawAnswer)) : String(rawAnswer);
    const item: Item = { id, question, reference };
    if (rawAnswer !== undefined && rawAnswer !== null && d.type === 'gsm8k') item.answerText = String(rawAnswer);
    const subject = f.subject ? row[f.subject] : undefined;
    if (typeof subject === 'string') item.subject = subject;
    return item;
  });
}

export async function loadItems(d: Dataset, c: Config, baseDir: string): Promise<Item[]> {
  return toItems(await readRows(await datasetFile(d, c, baseDir)), d);
}

/**
 * The text of a perplexity dataset: a .txt file as it is, or the rows' text field joined with blank
 * lines (how wikitext's rows are joined by the GPTQ / AWQ evaluation scripts).
 */
export async function loadText(d: Dataset, c: Config, baseDir: string): Promise<string> {
  const file = await datasetFile(d, c, baseDir);
  if (file.endsWith('.txt')) return readFileSync(file, 'utf8');
  const field = d.fields?.text ?? 'text';
  const rows = await readRows(file);
  const texts = rows.map((r) => r[field]);
  const bad = texts.findIndex((t) => typeof t !== 'string');
  if (bad !== -1) throw new DatasetError(`${d.name}: row ${bad + 1} has no "${field}" text (set datasets[].fields.text)`);
  return texts.join('\n\n');
}
