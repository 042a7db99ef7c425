/** Typed access to content/ for pages; the types come from schemas/ (generated). */
import { getCollection } from 'astro:content';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ContentManifest, NormalizedRecord, NormalizedRun, NormalizedStudy, Problem, SampledAnalysis } from '../../schemas/types.gen.ts';
import { contentPath, MANIFEST_FILE, PROBLEMS_FILE, type CollectionName } from '../../domain/content-layout.ts';
import { isValid } from '../../domain/validate.ts';

// Each entry's data was checked against its collection's schema by the loader (content.config.ts);
// Astro types loader data as any, and these signatures give it the schema's type.
export async function allRuns(): Promise<NormalizedRun[]> {
  return isEmptyCollection('runs') ? [] : (await getCollection('runs')).map((e): NormalizedRun => e.data);
}

export async function allStudies(): Promise<NormalizedStudy[]> {
  return isEmptyCollection('studies') ? [] : (await getCollection('studies')).map((e): NormalizedStudy => e.data);
}

export async function allRecords(): Promise<NormalizedRecord[]> {
  return isEmptyCollection('records') ? [] : (await getCollection('records')).map((e): NormalizedRecord => e.data);
}

export async function allAnalyses(): Promise<SampledAnalysis[]> {
  return isEmptyCollection('analysis') ? [] : (await getCollection('analysis')).map((e): SampledAnalysis => e.data);
}

// Astro warns on each getCollection of an empty collection: a build of 500 runs without studies
// printed 2,000 warnings. Whether a folder holds entries is known from a stat, and its listing
// only when it changed (the dev server sees a new ingest).
const emptiness = new Map<string, { mtimeMs: number; empty: boolean }>();
function isEmptyCollection(name: CollectionName): boolean {
  const dir = contentPath(name);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return true;
  const known = emptiness.get(dir);
  if (known?.mtimeMs === stat.mtimeMs) return known.empty;
  const empty = !readdirSync(dir).some((f) => f.endsWith('.json'));
  emptiness.set(dir, { mtimeMs: stat.mtimeMs, empty });
  return empty;
}

function readContentJson(name: string): unknown {
  const path = contentPath(name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

export function problems(): Problem[] {
  const list = readContentJson(PROBLEMS_FILE);
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`content/${PROBLEMS_FILE} is not a list; run npm run ingest again`);
  const valid = list.filter((p): p is Problem => isValid('problem.schema.json', p));
  if (valid.length !== list.length) throw new Error(`content/${PROBLEMS_FILE} has entries that do not match problem.schema.json; run npm run ingest again`);
  return valid;
}

export function manifest(): ContentManifest | undefined {
  const m = readContentJson(MANIFEST_FILE);
  return isValid('content-manifest.schema.json', m) ? m : undefined;
}
