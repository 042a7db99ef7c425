/**
 * Finds tasks where several runs have per-example results on the same examples and replays sampled
 * evaluation on them. Ingest calls this, so content/analysis/ follows the runs it holds.
 */
import type { ExampleLabel, ExampleRecord, NormalizedRun, SampledAnalysis } from '../../schemas/types.gen.ts';
import { slug } from '../ingest/lib/slug.ts';
import { defaultStrategies, replay, type ModelOutcomes, type Strategy } from './replay.ts';

export interface AnalysisOptions {
  reps?: number;
  seed?: number;
  tierSizes?: number[];
  strategies?: Strategy[];
  /** Fewer models than this on a task: no analysis (ranks of two say little). */
  minModels?: number;
  minExamples?: number;
}

export function analyzeRuns(runs: NormalizedRun[], examples: Map<string, Record<string, ExampleRecord[]>>, o: AnalysisOptions = {}): SampledAnalysis[] {
  const byTask = new Map<string, { run: NormalizedRun; records: ExampleRecord[] }[]>();
  for (const run of runs) {
    for (const [task, records] of Object.entries(examples.get(run.id) ?? {})) {
      // Only right/wrong outcomes can be replayed; unscorable counts as wrong, unlabelled excludes the run.
      if (!records.length || records.some((r) => r.status === 'unlabelled')) continue;
      byTask.set(task, [...(byTask.get(task) ?? []), { run, records }]);
    }
  }
  const out: SampledAnalysis[] = [];
  for (const [task, entries] of byTask) {
    if (entries.length < (o.minModels ?? 3)) continue;
    const idSets = entries.map((e) => new Set(e.records.map((r) => r.id)));
    const common = [...idSets[0]!].filter((id) => idSets.every((s) => s.has(id))).sort();
    if (common.length < (o.minExamples ?? 20)) continue;
    const models: ModelOutcomes[] = entries.map(({ run, records }) => {
      const byId = new Map(records.map((r) => [r.id, r.status === 'correct' ? 1 : 0]));
      return { name: run.variant && run.variant !== run.model ? `${run.model} · ${run.variant}` : run.model, runId: run.id, outcomes: Uint8Array.from(common, (id) => byId.get(id)!) };
    });
    const r = replay(models, o.strategies ?? defaultStrategies(), { reps: o.reps ?? 200, seed: o.seed ?? 1, ...(o.tierSizes ? { tierSizes: o.tierSizes } : {}) });
    const labels = entries.map((e) => e.run.example).filter((x): x is ExampleLabel => !!x);
    out.push({ id: slug(task), task, ...r, sources: entries.map((e) => e.run.id), ...(labels.length === entries.length ? { example: labels[0]! } : {}) });
  }
  return out;
}
