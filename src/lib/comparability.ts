/**
 * What differs between a study's baseline and a variant besides the variant itself. Differences in
 * what was measured (n-shot, task version, limit or sampling, the examples evaluated) make the
 * comparison invalid and are raised at the top of the page; differences in how it was run (batch
 * size, seeds, harness, library versions, hardware) are listed as notes.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';

export type DifferenceKind = 'invalidates' | 'note';

export interface Difference {
  /** What differs: a settings key, environment field, or `<task>: n-shot` and the like. */
  field: string;
  baseline: string;
  variant: string;
  kind: DifferenceKind;
}

const show = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

// Settings that decide what was measured; the others only how it was run.
const MEASURED_SETTINGS = new Set(['limit', 'num_fewshot', 'fewshot_as_multiturn', 'apply_chat_template', 'system_instruction', 'gen_kwargs', 'chat_template_sha', 'system_instruction_sha']);
const RUN_SETTINGS = ['batch_size', 'random_seed', 'numpy_seed', 'torch_seed', 'fewshot_seed', 'bootstrap_iters', 'device', 'model_revision', 'model_sha'];
const PACKAGES = ['lm-eval', 'lm_eval', 'torch', 'transformers', 'vllm', 'datasets'];

function setting(run: ComparableRun, key: string): unknown {
  const s = run.settings;
  return s && Object.hasOwn(s, key) ? s[key] : undefined;
}

function taskHash(run: ComparableRun, task: string): string | undefined {
  const hashes = setting(run, 'task_hashes');
  if (!hashes || typeof hashes !== 'object' || Array.isArray(hashes) || !Object.hasOwn(hashes, task)) return undefined;
  const v: unknown = Object.getOwnPropertyDescriptor(hashes, task)?.value;
  return typeof v === 'string' ? v : undefined;
}

/** What `differences` reads of a run: also what the compare page's per-run data carries. */
export type ComparableRun = Pick<NormalizedRun, 'settings' | 'sampling' | 'tasks' | 'environment' | 'dialect'>;

export function differences(base: ComparableRun, variant: ComparableRun): Difference[] {
  const out: Difference[] = [];
  const add = (field: string, a: unknown, b: unknown, kind: DifferenceKind) => {
    const sa = show(a);
    const sb = show(b);
    if (sa !== sb) out.push({ field, baseline: sa, variant: sb, kind });
  };
  for (const key of MEASURED_SETTINGS) add(key, setting(base, key), setting(variant, key), 'invalidates');
  const sampling = (r: ComparableRun) => (r.sampling ? [r.sampling.count !== undefined ? `count ${r.sampling.count}` : '', r.sampling.fraction !== undefined ? `fraction ${r.sampling.fraction}` : '', r.sampling.limit !== undefined ? `limit ${r.sampling.limit}` : ''].filter(Boolean).join(', ') : undefined);
  // A variant stopped once decided (collect --until-decided) answers a prefix of the baseline's
  // examples by design and is compared on those pairs: a note, not a mismatch.
  const stoppedEarly = variant.tasks.some((t) => t.sequential) && !base.sampling;
  add('sampling', sampling(base), sampling(variant), stoppedEarly ? 'note' : 'invalidates');
  const variantTasks = new Map(variant.tasks.map((t) => [t.task, t]));
  for (const bt of base.tasks) {
    const vt = variantTasks.get(bt.task);
    if (!vt || bt.isGroup) continue;
    add(`${bt.task}: n-shot`, bt.nShot, vt.nShot, 'invalidates');
    add(`${bt.task}: version`, bt.version, vt.version, 'invalidates');
    // Examples evaluated: the per-example records when both runs have them (numSamples may count
    // only the scorable ones, which a variant is allowed to lose), else the reported count.
    const both = bt.examples !== undefined && vt.examples !== undefined;
    add(`${bt.task}: examples`, both ? bt.examples?.count : bt.numSamples, both ? vt.examples?.count : vt.numSamples, vt.sequential ? 'note' : 'invalidates');
    // lm-eval's hash of the task's documents and prompts: compared only when both runs have one.
    const ha = taskHash(base, bt.task);
    const hb = taskHash(variant, bt.task);
    if (ha !== undefined && hb !== undefined) add(`${bt.task}: documents and prompts (hash)`, ha.slice(0, 12), hb.slice(0, 12), 'invalidates');
  }
  for (const key of RUN_SETTINGS) add(key, setting(base, key), setting(variant, key), 'note');
  const pkg = (r: ComparableRun, name: string) => r.environment?.packages?.[name];
  for (const name of PACKAGES) add(name, pkg(base, name), pkg(variant, name), 'note');
  const gpus = (r: ComparableRun) => r.environment?.gpus?.map((g) => g.name).join(', ');
  add('GPU', gpus(base), gpus(variant), 'note');
  add('driver', base.environment?.driver, variant.environment?.driver, 'note');
  add('CUDA', base.environment?.cuda, variant.environment?.cuda, 'note');
  add('dialect', base.dialect, variant.dialect, 'note');
  return out;
}
