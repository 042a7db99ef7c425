/**
 * Every Eval Ever export: each run with quality results becomes an aggregate record
 * (`<benchmark>/<developer>/<model>/<uuid>.json`, the shared repository's layout) and, where it has
 * per-example records, an instance-level JSONL beside it. Every record is validated against
 * schemas/eee-export*.schema.json (the EEE required set) before it is written.
 */
import { createHash } from 'node:crypto';
import type { EeeExport, EeeExportInstance, ExampleRecord, NormalizedRun, TaskResult } from '../../schemas/types.gen.ts';
import { primaryMetric } from '../../domain/metrics.ts';
import { validate } from '../../domain/validate.ts';
import { formatProblem } from '../../domain/problems.ts';

// The evaluation library each dialect comes from, under the names EEE uses.
const LIBRARY = new Map<NormalizedRun['dialect'], { name: string; pkg?: string }>([
  ['lm-eval', { name: 'lm_eval', pkg: 'lm_eval' }],
  ['lm-eval-samples', { name: 'lm_eval', pkg: 'lm_eval' }],
  ['lm-eval-table', { name: 'lm_eval' }],
  ['inspect', { name: 'inspect_ai', pkg: 'inspect_ai' }],
  ['helm', { name: 'helm' }],
  ['evalscope', { name: 'evalscope' }],
  ['opencompass', { name: 'opencompass' }],
  ['eee', { name: 'unknown' }],
]);

export interface EeeOptions {
  /** Who ran the evaluations (EEE source_organization_name). */
  organization: string;
  relationship: 'first_party' | 'third_party' | 'collaborative' | 'other';
  /** Export time, epoch seconds. */
  now: number;
}

export interface EeeFiles {
  /** Path of the aggregate record under the output folder. */
  path: string;
  record: EeeExport;
  /** Instance-level lines, when the run has per-example records. */
  instances?: { path: string; lines: EeeExportInstance[] };
}

/** A stable UUID (version 8, name-based) for a run: the same run exports to the same file name. */
export function runUuid(run: NormalizedRun): string {
  const h = createHash('sha256').update(`evalsite:${run.id}:${run.model}:${run.variant ?? ''}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function pathPart(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || '_';
}

/** The tasks worth a result: not a group's children twice, only tasks with a usable primary score. */
function scoredTasks(run: NormalizedRun): { task: TaskResult; value: number; lowerIsBetter: boolean; scale: string | undefined; stderr?: number; name: string }[] {
  return run.tasks.flatMap((task) => {
    const m = primaryMetric(task);
    if (!m || m.value === null) return [];
    return [{ task, value: m.value, lowerIsBetter: m.higherIsBetter === false, scale: m.scale, ...(typeof m.stderr === 'number' ? { stderr: m.stderr } : {}), name: m.filter && m.filter !== 'none' ? `${m.name},${m.filter}` : m.name }];
  });
}

export function eeeFor(run: NormalizedRun, examplesOf: (task: TaskResult) => ExampleRecord[], opts: EeeOptions): EeeFiles | undefined {
  const scored = scoredTasks(run);
  if (!scored.length) return undefined;
  const benchmark = scored.length === 1 ? scored[0]!.task.task : (run.tasks.find((t) => t.isGroup && !t.group)?.task ?? 'evalsite');
  const developer = run.model.includes('/') ? run.model.split('/')[0]! : 'unknown';
  const modelName = run.model.split('/').pop()!;
  const uuid = runUuid(run);
  const evaluationId = `${pathPart(benchmark)}/${run.model}/${opts.now}`;
  const library = LIBRARY.get(run.dialect) ?? { name: 'evalsite' };
  const version = (library.pkg && run.environment?.packages?.[library.pkg]) || 'unknown';
  const details: Record<string, string> = {};
  if (run.variant && run.variant !== run.model) details.variant = run.variant;
  if (run.quantization) details.quantization = run.quantization;
  if (run.sampling) details.sampled = JSON.stringify(run.sampling);
  details.evalsite_run_id = run.id;
  const record: EeeExport = {
    schema_version: '0.2.2',
    evaluation_id: evaluationId,
    retrieved_timestamp: String(opts.now),
    source_metadata: { source_name: 'evalsite', source_type: 'evaluation_run', source_organization_name: opts.organization, evaluator_relationship: opts.relationship, additional_details: { dialect: run.dialect, sources: run.sources.map((s) => s.path).join(', ') } },
    eval_library: { name: library.name, version },
    model_info: { name: run.variant && run.variant !== run.model ? `${run.model} (${run.variant})` : run.model, id: run.model, developer, additional_details: details },
    evaluation_results: scored.map((s) => {
      const fraction = s.scale === 'fraction';
      const result: EeeExport['evaluation_results'][number] = {
        evaluation_name: s.task.task,
        source_data: { dataset_name: s.task.task, source_type: 'other' },
        metric_config: { evaluation_description: `${s.name} (as read by evalsite from ${run.dialect})`, lower_is_better: s.lowerIsBetter, ...(fraction ? { score_type: 'continuous' as const, min_score: 0, max_score: 1 } : {}) },
        score_details: { score: s.value, ...(s.stderr !== undefined || s.task.numSamples !== undefined ? { uncertainty: { ...(s.stderr !== undefined ? { standard_error: { value: s.stderr, method: 'as reported' } } : {}), ...(s.task.numSamples !== undefined ? { num_samples: s.task.numSamples } : {}) } } : {}) },
      };
      if (run.timestamp) result.evaluation_timestamp = run.timestamp;
      return result;
    }),
  };
  if (run.timestamp) record.evaluation_timestamp = run.timestamp;
  const folder = `${pathPart(benchmark)}/${pathPart(developer)}/${pathPart(modelName)}`;
  const lines = scored.flatMap((s) => examplesOf(s.task).flatMap((e) => instanceOf(e, s.task.task, run.model, evaluationId)));
  const files: EeeFiles = { path: `${folder}/${uuid}.json`, record };
  if (lines.length) {
    const path = `${folder}/${uuid}_samples.jsonl`;
    record.detailed_evaluation_results = { format: 'jsonl', file_path: `${uuid}_samples.jsonl`, total_rows: lines.length };
    files.instances = { path, lines };
  }
  check('eee-export.schema.json', record, files.path);
  for (const [i, line] of (files.instances?.lines ?? []).entries()) check('eee-export-instance.schema.json', line, `${files.instances!.path}:${i + 1}`);
  return files;
}

/** Only scored examples (correct or incorrect) become instances: EEE requires a score and is_correct. */
function instanceOf(e: ExampleRecord, task: string, model: string, evaluationId: string): EeeExportInstance[] {
  if (e.status !== 'correct' && e.status !== 'incorrect') return [];
  const raw = e.prompt ?? '';
  const reference = e.reference !== undefined ? [e.reference] : [];
  const line: EeeExportInstance = {
    schema_version: 'instance_level_eval_0.2.1',
    evaluation_id: evaluationId,
    model_id: model,
    evaluation_name: task,
    sample_id: e.id,
    sample_hash: createHash('sha256').update(raw + reference.join('')).digest('hex'),
    interaction_type: 'single_turn',
    input: { raw, reference },
    output: { raw: e.response !== undefined ? [e.response] : [] },
    messages: null,
    answer_attribution: typeof e.extracted === 'string' ? [{ turn_idx: 0, source: 'output.raw', extracted_value: e.extracted, extraction_method: 'as recorded by the evaluation', is_terminal: true }] : [],
    evaluation: { score: e.status === 'correct' ? 1 : 0, is_correct: e.status === 'correct' },
  };
  if (e.subject) line.metadata = { subject: e.subject };
  return [line];
}

function check(schema: 'eee-export.schema.json' | 'eee-export-instance.schema.json', value: unknown, file: string): void {
  const problems = validate(schema, value, { file });
  // A record that fails here is a bug in the exporter, never the user's data.
  if (problems.length) throw new Error(`export produced an invalid ${schema} record:\n${problems.map(formatProblem).join('\n')}`);
}
