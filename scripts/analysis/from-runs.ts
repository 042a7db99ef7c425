/**
 * Finds tasks where several runs have per-example results on the same examples and replays sampled
 * evaluation on them. Ingest calls this, so content/analysis/ follows the runs it holds.
 */
import type { ExampleLabel, ExampleRecord, NormalizedRun, SampledAnalysis } from '../../schemas/types.gen.ts';
import { createHash } from 'node:crypto';
import { slug } from '../../domain/ids.ts';
import { defaultStrategies, drawsFor, replay, type ModelOutcomes, type ReplayResult, type Strategy } from './replay.ts';
import { errorControlFor } from './error-control.ts';
import { runInLanes } from '../lib/sync-lanes.ts';

export interface AnalysisOptions {
  /** Draws per strategy; by default 2,000, fewer for many models (see drawsFor). */
  reps?: number;
  seed?: number;
  alpha?: number;
  strategies?: Strategy[];
  /** Skip the error-control simulations (tests that only look at the replay). */
  simulate?: boolean;
  /** Fewer models than this on a task: no analysis (ranks of two say little). */
  minModels?: number;
  minExamples?: number;
  /** Threads to replay on (default: scripts/lib/sync-lanes.ts laneCount, one per core). */
  lanes?: number;
}

/** Replays already made, by a digest of everything they depend on (incremental ingest keeps them). */
export interface ReplayMemo {
  get(digest: string): SampledAnalysis | undefined;
  set(digest: string, analysis: SampledAnalysis): void;
}

export function analyzeRuns(runs: NormalizedRun[], examples: Map<string, Record<string, ExampleRecord[]>>, o: AnalysisOptions = {}, memo?: ReplayMemo): SampledAnalysis[] {
  const byTask = new Map<string, { run: NormalizedRun; records: ExampleRecord[] }[]>();
  for (const run of runs) {
    for (const [task, records] of Object.entries(examples.get(run.id) ?? {})) {
      // Only right/wrong outcomes can be replayed; unscorable counts as wrong, unlabelled excludes the run.
      if (!records.length || records.some((r) => r.status === 'unlabelled')) continue;
      byTask.set(task, [...(byTask.get(task) ?? []), { run, records }]);
    }
  }
  const out: SampledAnalysis[] = [];
  const slots: ({ job: ReplayJob; digest: string | undefined } | { analysis: SampledAnalysis; digest: string | undefined })[] = [];
  for (const [task, entries] of byTask) {
    // Runs of one task may answer different example sets (other data, another sample); replay only
    // within groups that share their examples.
    const groups: { ids: Set<string>; members: typeof entries }[] = [];
    for (const e of entries) {
      const ids = new Set(e.records.map((r) => r.id));
      const g = groups.find((x) => {
        let shared = 0;
        for (const id of ids) if (x.ids.has(id)) shared++;
        return shared >= (o.minExamples ?? 20) && shared >= 0.5 * Math.min(ids.size, x.ids.size);
      });
      if (g) {
        g.members.push(e);
        g.ids = new Set([...g.ids].filter((id) => ids.has(id)));
      } else groups.push({ ids, members: [e] });
    }
    const eligible = groups.filter((g) => g.members.length >= (o.minModels ?? 3) && g.ids.size >= (o.minExamples ?? 20));
    eligible.forEach((g, k) => {
      const common = [...g.ids].sort();
      const models: ModelOutcomes[] = g.members.map(({ run, records }) => {
        const byId = new Map(records.map((r) => [r.id, r.status === 'correct' ? 1 : 0]));
        return { name: run.variant && run.variant !== run.model ? `${run.model} · ${run.variant}` : run.model, runId: run.id, outcomes: Uint8Array.from(common, (id) => byId.get(id)!) };
      });
      const labels = g.members.map((e) => e.run.example).filter((x): x is ExampleLabel => !!x);
      const id = slug(eligible.length > 1 ? `${task}-${k + 1}` : task);
      const strategies = o.strategies ?? defaultStrategies();
      const settings = { reps: o.reps ?? drawsFor(models.length, common.length), seed: o.seed ?? 1, alpha: o.alpha ?? 0.05 };
      const simulate = o.simulate ?? true;
      // The replay is seeded: the same models, outcomes and settings give the same analysis.
      const digest = memo && replayDigest(id, task, common, models, strategies, { ...settings, simulate }, labels);
      const known = digest ? memo.get(digest) : undefined;
      const job: ReplayJob = { id, task, models, strategies, settings, simulate, sources: g.members.map((e) => e.run.id), ...(labels.length === g.members.length ? { example: labels[0]! } : {}) };
      slots.push(known ? { analysis: known, digest } : { job, digest });
    });
  }
  // Tasks replay independently: on every core, results in the same order as one after another.
  // A task's replay and its error-control simulations are separate parts, so two cores share
  // three tasks evenly.
  const todo = slots.flatMap((s) => ('job' in s ? [s.job] : []));
  const parts = todo.flatMap((job): ReplayPart[] => [{ job, part: 'replay' }, ...(job.simulate ? [{ job, part: 'errorControl' as const }] : [])]);
  // A worker thread takes about 0.15 s to start: not worth it for a few small replays.
  const work = parts.reduce((sum, p) => sum + partCost(p), 0);
  const lanes = o.lanes ?? (work < SMALL_WORK ? 1 : undefined);
  const done = runInLanes(parts, computeReplayPart, new URL('./replay-worker.ts', import.meta.url), { cost: partCost, ...(lanes ? { lanes } : {}) });
  const made = new Map(todo.map((job) => [job, analysisOf(job, parts.flatMap((p, i) => (p.job === job ? [done[i]!] : [])))]));
  for (const s of slots) {
    const analysis = 'job' in s ? made.get(s.job)! : s.analysis;
    if (memo && s.digest) memo.set(s.digest, analysis);
    out.push(analysis);
  }
  return out;
}

/** One task group's replay, all it needs (structured-clonable: it may run in a worker thread). */
export interface ReplayJob {
  id: string;
  task: string;
  models: ModelOutcomes[];
  strategies: Strategy[];
  settings: { reps: number; seed: number; alpha: number };
  simulate: boolean;
  sources: string[];
  example?: ExampleLabel;
}

/** A task's analysis from its parts, in the order its readers have always seen the fields. */
function analysisOf(job: ReplayJob, parts: PartResult[]): SampledAnalysis {
  const replayed = parts.find((p) => 'replay' in p);
  const simulated = parts.find((p) => 'errorControl' in p);
  if (!replayed || !('replay' in replayed)) throw new Error(`${job.id}: the replay part is missing`);
  return {
    id: job.id,
    task: job.task,
    ...replayed.replay,
    ...(simulated && 'errorControl' in simulated ? { errorControl: simulated.errorControl } : {}),
    sources: job.sources,
    ...(job.example ? { example: job.example } : {}),
  };
}

/** Half of one task's work: its replay, or its error-control simulations. */
export interface ReplayPart {
  job: ReplayJob;
  part: 'replay' | 'errorControl';
}

export type PartResult = { replay: ReplayResult } | { errorControl: NonNullable<SampledAnalysis['errorControl']> };

export function computeReplayPart(p: ReplayPart): PartResult {
  return p.part === 'replay' ? { replay: replay(p.job.models, p.job.strategies, p.job.settings) } : { errorControl: errorControlFor(p.job.models, p.job.settings) };
}

/** About a quarter of a second of replay (partCost's units: 2.5e8 are about 0.65 s here). */
const SMALL_WORK = 1e8;

/**
 * Roughly what a part costs, to balance the lanes: a replay, drawsFor's per-draw cost times the
 * draws; the simulations, a fixed number of simulated evaluations of the task's n examples (at
 * 500 models × 500 examples both took about 0.65 s a task, which sets the factor).
 */
function partCost(p: ReplayPart): number {
  const m = p.job.models.length;
  const n = p.job.models[0]?.outcomes.length ?? 0;
  return p.part === 'replay' ? p.job.settings.reps * (m ** 3 / 10 + (m * n) / 10) : 5e5 * n;
}

function replayDigest(id: string, task: string, common: string[], models: ModelOutcomes[], strategies: Strategy[], settings: object, labels: ExampleLabel[]): string {
  const h = createHash('sha256').update(JSON.stringify([id, task, common, models.map((m) => [m.name, m.runId]), strategies, settings, labels]));
  for (const m of models) h.update(m.outcomes);
  return h.digest('hex');
}
