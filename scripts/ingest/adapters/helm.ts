/**
 * HELM run directories (`benchmark_output/runs/<suite>/<scenario:args,model=org_model>/`):
 * stats.json (Stat objects keyed by name, split and perturbation), run_spec.json (the run's name,
 * adapter spec), per_instance_stats.json and scenario_state.json (the prompts, completions and
 * references). One directory is one run of one scenario. Its main metric is the scenario's
 * accuracy-like stat (bbq_accuracy, exact_match, sst_score, ...); the other score stats are kept,
 * perturbed copies under the perturbation's name as filter; bookkeeping stats (token counts,
 * finish reasons, costs) are left out, except num_instances (the sample count) and
 * inference_runtime (seconds per instance). A stats.json on its own is read too.
 */
import { basename, dirname, join } from 'node:path';
import type { Adapter, ReadContext, RunDraft } from '../adapter.ts';
import type { ExampleRecord, HelmRunSpec, HelmStat, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { defaultHigherIsBetter, guessScale } from '../../../domain/metrics.ts';
import { conformsOrReport, isValid } from '../../../domain/validate.ts';
import { type Obj, dict, isObj } from '../../../domain/guards.ts';

const BOOKKEEPING = /^(num_|batch_size$|finish_reason_|training_|prompt_truncated$|max_prob$|logprob|inference_runtime$|inference_denoised_runtime$|inference_idealized_runtime$|inference_runtime_discrepancy$|batch_request|num_bytes$|perplexity$|bits_per_byte$|logprob_per_byte$|estimated_num_tokens_cost$)/;
// In order of preference for the main metric.
const MAIN = [/(^|_)accuracy$/, /^exact_match$/, /^quasi_exact_match$/, /(^|_)score$/, /^f1_score$/, /^rouge_l$/, /^bleu_4$/];

function isStatList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((s) => isObj(s) && isObj(s.name) && typeof s.name.name === 'string' && 'count' in s);
}

export const helmAdapter: Adapter = {
  dialect: 'helm',
  detect(probe, ctx) {
    if (probe.kind === 'dir') return probe.entries?.includes('stats.json') && isStatList(ctx.readJson(join(probe.path, 'stats.json'))?.value) ? 0.95 : 0;
    return probe.name === 'stats.json' && isStatList(ctx.readJson(probe.path)?.value) ? 0.9 : 0;
  },
  read(probe, ctx) {
    const dir = probe.kind === 'dir' ? probe.path : dirname(probe.path);
    const statsPath = join(dir, 'stats.json');
    const doc = ctx.readJson(statsPath, 'helm');
    if (!doc || !conformsOrReport('helm-stats.schema.json', doc.value, { file: ctx.rel(statsPath), text: doc.text, dialect: 'helm' }, ctx.problems)) return { runs: [] };
    const consumed = [statsPath];
    const sources = [{ path: ctx.rel(statsPath) }];
    const specPath = join(dir, 'run_spec.json');
    let spec: HelmRunSpec | undefined;
    if (probe.kind === 'dir' && ctx.tree.isFile(specPath)) {
      const s = ctx.readJson(specPath, 'helm');
      if (s && conformsOrReport('helm-run-spec.schema.json', s.value, { file: ctx.rel(specPath), text: s.text, dialect: 'helm' }, ctx.problems)) {
        spec = s.value;
        sources.push({ path: ctx.rel(specPath) });
        consumed.push(specPath);
      }
    }
    const name = parseRunName(spec?.name ?? basename(dir));
    const stats = doc.value;
    const metrics = metricsOf(stats);
    const main = mainMetric(metrics);
    const task: TaskResult = { task: name?.scenario ?? scenarioFromMetric(main) ?? basename(dir), metrics };
    if (main) task.primary = main.filter ? `${main.name},${main.filter}` : main.name;
    const instances = unperturbed(stats, 'num_instances');
    if (typeof instances?.mean === 'number') task.numSamples = Math.round(instances.mean);
    const runtime = unperturbed(stats, 'inference_runtime');
    if (typeof runtime?.mean === 'number') task.efficiency = { latencySeconds: runtime.mean * (task.numSamples ?? 1) };
    const model = spec?.adapter_spec?.model ?? name?.model ?? basename(dir);
    const run: RunDraft = { model, idHint: `${basename(model)}-${task.task}-helm`, dialect: 'helm', sources, tasks: [task] };
    const adapter = spec?.adapter_spec;
    if (adapter) {
      const settings = dict<unknown>();
      for (const [k, v] of Object.entries(adapter)) if (k !== 'model' && v !== null && v !== '' && !(Array.isArray(v) && !v.length)) settings[k] = v;
      run.settings = settings;
      if (typeof adapter.max_eval_instances === 'number' && task.numSamples !== undefined && task.numSamples >= adapter.max_eval_instances) run.sampling = { limit: adapter.max_eval_instances };
    }
    const before = consumed.length;
    const examples = readInstances(dir, main, ctx, consumed);
    if (examples?.length) run.examples = { [task.task]: examples };
    for (const f of consumed.slice(before)) sources.push({ path: ctx.rel(f) });
    return { runs: [run], consumed };
  },
};

/** `bbq:subject=Age,method=multiple_choice_joint,model=openai_gpt2` -> scenario (args but model) and model. */
function parseRunName(name: string): { scenario: string; model?: string } | undefined {
  const colon = name.indexOf(':');
  if (colon <= 0) return undefined;
  const args = name.slice(colon + 1).split(',');
  const modelArg = args.find((a) => a.startsWith('model='));
  const rest = args.filter((a) => a && !a.startsWith('model='));
  const scenario = rest.length ? `${name.slice(0, colon)}:${rest.join(',')}` : name.slice(0, colon);
  // HELM writes org/model as org_model in run names; the first underscore is the slash.
  const model = modelArg?.slice('model='.length).replace('_', '/');
  return model ? { scenario, model } : { scenario };
}

function scenarioFromMetric(m: Metric | undefined): string | undefined {
  const prefix = m && /^([a-z0-9]+)_(score|accuracy)$/.exec(m.name)?.[1];
  return prefix;
}

function unperturbed(stats: HelmStat[], name: string): HelmStat | undefined {
  return stats.find((s) => s.name.name === name && !s.name.perturbation && !s.name.sub_split);
}

/** Score stats with a mean: the main split's unperturbed value, then other splits and perturbations as filters. */
function metricsOf(stats: HelmStat[]): Metric[] {
  const splits = new Set(stats.map((s) => s.name.split ?? ''));
  const mainSplit = ['test', 'valid', 'train'].find((s) => splits.has(s)) ?? [...splits][0] ?? '';
  const out: Metric[] = [];
  for (const s of stats) {
    if (BOOKKEEPING.test(s.name.name) || typeof s.mean !== 'number' || s.name.sub_split) continue;
    const filter = [s.name.split && s.name.split !== mainSplit ? s.name.split : undefined, s.name.perturbation?.name].filter(Boolean).join('/');
    const m: Metric = { name: s.name.name, value: s.mean, higherIsBetter: defaultHigherIsBetter(s.name.name), scale: guessScale(s.name.name, s.mean) };
    if (filter) m.filter = filter;
    // HELM's stddev is over instances; the standard error of the mean divides by sqrt(count).
    if (typeof s.stddev === 'number' && typeof s.count === 'number' && s.count > 1 && !filter) m.stderr = s.stddev / Math.sqrt(s.count);
    out.push(m);
  }
  return out;
}

function mainMetric(metrics: Metric[]): Metric | undefined {
  const plain = metrics.filter((m) => !m.filter);
  for (const re of MAIN) {
    const hit = plain.find((m) => re.test(m.name));
    if (hit) return hit;
  }
  return plain[0];
}

/** Per-instance stats (the main metric per instance) joined with scenario_state's prompts and completions. */
function readInstances(dir: string, main: Metric | undefined, ctx: ReadContext, consumed: string[]): ExampleRecord[] | undefined {
  const perPath = join(dir, 'per_instance_stats.json');
  const statePath = join(dir, 'scenario_state.json');
  const score = new Map<string, number>();
  let scoredBy: string | undefined;
  if (ctx.tree.isFile(perPath)) {
    consumed.push(perPath);
    const per = ctx.readJson(perPath, 'helm')?.value;
    if (Array.isArray(per)) {
      for (const entry of per) {
        const stats: unknown = isObj(entry) ? entry.stats : undefined;
        if (!isObj(entry) || typeof entry.instance_id !== 'string' || entry.train_trial_index !== 0 || !isValid('helm-stats.schema.json', stats)) continue;
        // The main metric when HELM computes it per instance (bbq_accuracy it does not), else exact match.
        const stat = (name: string) => stats.find((s) => s.name.name === name && !s.name.perturbation && typeof s.mean === 'number');
        scoredBy ??= [main?.name, 'exact_match', 'quasi_exact_match'].find((n): n is string => !!n && !!stat(n));
        const m = scoredBy ? stat(scoredBy) : undefined;
        if (m && typeof m.mean === 'number') score.set(entry.instance_id, m.mean);
      }
    }
  }
  const records = new Map<string, ExampleRecord>();
  if (ctx.tree.isFile(statePath)) {
    consumed.push(statePath);
    const state = ctx.readJson(statePath, 'helm')?.value;
    const requests = isObj(state) && Array.isArray(state.request_states) ? state.request_states : [];
    for (const r of requests) {
      if (!isObj(r) || r.train_trial_index !== 0 || !isObj(r.instance) || typeof r.instance.id !== 'string') continue;
      const id = r.instance.id;
      const rec: ExampleRecord = { id, status: statusOf(score.get(id)) };
      const prompt = isObj(r.request) && typeof r.request.prompt === 'string' ? r.request.prompt : textOf(r.instance.input);
      if (prompt) rec.prompt = prompt;
      const completion = isObj(r.result) && Array.isArray(r.result.completions) && isObj(r.result.completions[0]) ? r.result.completions[0].text : undefined;
      if (typeof completion === 'string') rec.response = completion;
      const refs = Array.isArray(r.instance.references) ? r.instance.references.filter(isObj) : [];
      const correct = refs.filter((ref) => Array.isArray(ref.tags) && ref.tags.includes('correct')).map((ref) => textOf(ref.output));
      if (correct.length) rec.reference = correct.join(' | ');
      // Multiple-choice answers are letters; the output mapping says which reference a letter is.
      const mapping = isObj(r.output_mapping) ? r.output_mapping : undefined;
      const letter = typeof completion === 'string' ? completion.trim() : '';
      const picked = mapping && Object.hasOwn(mapping, letter) ? mapping[letter] : undefined;
      if (typeof picked === 'string') rec.extracted = `${letter}: ${picked}`;
      const v = score.get(id);
      if (v !== undefined && scoredBy) rec.metrics = Object.assign(dict<number | null>(), { [scoredBy]: v });
      records.set(id, rec);
    }
  }
  // Instances with stats but no saved state still count.
  for (const [id, v] of score) if (!records.has(id)) records.set(id, { id, status: statusOf(v), ...(scoredBy ? { metrics: Object.assign(dict<number | null>(), { [scoredBy]: v }) } : {}) });
  return records.size ? [...records.values()] : undefined;
}

function statusOf(v: number | undefined): ExampleRecord['status'] {
  if (v === undefined) return 'unlabelled';
  return v >= 1 ? 'correct' : 'incorrect';
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  const o: Obj | undefined = isObj(v) ? v : undefined;
  return typeof o?.text === 'string' ? o.text : '';
}

export { parseRunName };
