/**
 * One page per model: its runs (every variant, dialect and folder) and the studies they are in.
 * Slugs come from the sorted model names, so a model keeps its URL whatever else is ingested
 * beside it unless two names collide once made URL-safe (then both get a stable suffix).
 */
import type { NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { uniqueSlugs } from '../../domain/ids.ts';
import { byModelAndVariant } from './natural-order.ts';

export interface ModelPage {
  slug: string;
  model: string;
  runs: NormalizedRun[];
  studies: NormalizedStudy[];
}

export function modelSlugs(runs: readonly Pick<NormalizedRun, 'model'>[]): Map<string, string> {
  return uniqueSlugs([...new Set(runs.map((r) => r.model))].sort());
}

export function modelPages(runs: NormalizedRun[], studies: NormalizedStudy[]): ModelPage[] {
  const slugs = modelSlugs(runs);
  const pages = new Map<string, ModelPage>();
  for (const run of runs) {
    const slug = slugs.get(run.model)!;
    const page = pages.get(slug) ?? { slug, model: run.model, runs: [], studies: [] };
    page.runs.push(run);
    pages.set(slug, page);
  }
  for (const page of pages.values()) {
    const ids = new Set(page.runs.map((r) => r.id));
    page.studies = studies.filter((s) => s.variants.some((v) => ids.has(v.runId)));
    page.runs.sort(byModelAndVariant);
  }
  return [...pages.values()];
}

/** The studies a run is part of. */
export function studiesOf(runId: string, studies: NormalizedStudy[]): NormalizedStudy[] {
  return studies.filter((s) => s.variants.some((v) => v.runId === runId));
}
