/** Typed access to content/ for pages; the types come from schemas/ (generated). */
import { getCollection } from 'astro:content';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedRecord, NormalizedRun, NormalizedStudy, Problem, SampledAnalysis } from '../../schemas/types.gen.ts';
import type { ContentManifest } from '../../scripts/ingest/write-content.ts';

export async function allRuns(): Promise<NormalizedRun[]> {
  return (await getCollection('runs')).map((e) => e.data as unknown as NormalizedRun);
}

export async function allStudies(): Promise<NormalizedStudy[]> {
  return (await getCollection('studies')).map((e) => e.data as unknown as NormalizedStudy);
}

export async function allRecords(): Promise<NormalizedRecord[]> {
  return (await getCollection('records')).map((e) => e.data as unknown as NormalizedRecord);
}

export async function allAnalyses(): Promise<SampledAnalysis[]> {
  return (await getCollection('analysis')).map((e) => e.data as unknown as SampledAnalysis);
}

function readContentJson<T>(name: string, fallback: T): T {
  const path = join(process.env.EVALSITE_CONTENT ?? join(process.cwd(), 'content'), name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

export function problems(): Problem[] {
  return readContentJson<Problem[]>('problems.json', []);
}

export function manifest(): ContentManifest | undefined {
  return readContentJson<ContentManifest | undefined>('manifest.json', undefined);
}
