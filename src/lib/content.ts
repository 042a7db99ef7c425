/** Typed access to content/ for pages; the types come from schemas/ (generated). */
import { getCollection } from 'astro:content';
import { existsSync, readFileSync } from 'node:fs';
import type { ContentManifest, NormalizedRecord, NormalizedRun, NormalizedStudy, Problem, SampledAnalysis } from '../../schemas/types.gen.ts';
import { contentPath, MANIFEST_FILE, PROBLEMS_FILE } from '../../domain/content-layout.ts';
import { isValid } from '../../domain/validate.ts';

// Each entry's data was checked against its collection's schema by the loader (content.config.ts);
// Astro types loader data as any, and these signatures give it the schema's type.
export async function allRuns(): Promise<NormalizedRun[]> {
  return (await getCollection('runs')).map((e): NormalizedRun => e.data);
}

export async function allStudies(): Promise<NormalizedStudy[]> {
  return (await getCollection('studies')).map((e): NormalizedStudy => e.data);
}

export async function allRecords(): Promise<NormalizedRecord[]> {
  return (await getCollection('records')).map((e): NormalizedRecord => e.data);
}

export async function allAnalyses(): Promise<SampledAnalysis[]> {
  return (await getCollection('analysis')).map((e): SampledAnalysis => e.data);
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
