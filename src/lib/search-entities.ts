/**
 * What the search page matches model ids against, beside the full-text index: every model, study
 * and run with the names people type ("Qwen2.5-7B", "qwen3 fp8"). Full-text search splits ids at
 * punctuation and ranks by word frequency, so an id finds near names first; this list matches the
 * id as written, every word a substring, case-insensitively.
 */
import { hasEveryWord, queryWords } from './query-words.ts';
import type { NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { modelPages } from './models.ts';
import { distinguishers, runLabel } from './run-distinction.ts';
import { byModelAndVariant, naturalCompare } from './natural-order.ts';

export interface SearchEntity {
  kind: 'model' | 'study' | 'run';
  /** Path under the language, e.g. `runs/<id>/`. */
  path: string;
  label: string;
  /** What is matched: the label and the ids and model names behind it. */
  text: string;
  /** For runs: the run id, so matched runs can be compared. */
  runId?: string;
}

export function searchEntities(runs: NormalizedRun[], studies: NormalizedStudy[]): SearchEntity[] {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const where = distinguishers(runs);
  const models: SearchEntity[] = modelPages(runs, studies).sort((a, b) => naturalCompare(a.model, b.model)).map((p) => ({ kind: 'model', path: `models/${p.slug}/`, label: p.model, text: `${p.model} ${p.slug}` }));
  const studyList: SearchEntity[] = studies.map((s) => {
    const names = [...new Set(s.variants.map((v) => byId.get(v.runId)?.model).filter((m): m is string => !!m))];
    return { kind: 'study', path: `studies/${s.id}/`, label: s.title, text: [s.title, s.id, ...names, ...s.variants.map((v) => v.name)].join(' ') };
  });
  const runList: SearchEntity[] = [...runs].sort(byModelAndVariant).map((r) => {
    const label = runLabel({ ...r, where: where.get(r.id) });
    return { kind: 'run', path: `runs/${r.id}/`, label, text: `${label} ${r.id} ${r.dialect}`, runId: r.id };
  });
  return [...models, ...studyList, ...runList];
}

/** Every word of the query is a substring of the entity's text (case-insensitive); models, studies, then runs. */
export function matchEntities(entities: readonly SearchEntity[], query: string): SearchEntity[] {
  const words = queryWords(query);
  if (!words.length) return [];
  return entities.filter((e) => hasEveryWord(e.text.toLowerCase(), words));
}
