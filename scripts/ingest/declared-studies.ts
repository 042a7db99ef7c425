/**
 * Studies a user declares (a study file, or `--study NAME --baseline SELECTOR`): each baseline and
 * variant is picked by a selector that must match exactly one ingested run. A selector that matches
 * none or several is reported with its line and pointer, and that study is skipped; the others go on.
 */
import type { DeclaredStudy, NormalizedRun, NormalizedStudy, RunSelector, StudyFile } from '../../schemas/types.gen.ts';
import type { ProblemLog } from '../../domain/problems.ts';

export type { StudyFile, RunSelector };

/** A study file as read, with a way to point at the line a JSON pointer names. */
export interface StudyFileSource {
  file: string;
  value: StudyFile;
  lineOf?: (pointer: string) => number | undefined;
}

/**
 * Glob match without regular expressions: a star and `?` stay within a path segment, a double
 * star spans segments (a double star between two slashes also matches no segment at all).
 * Memoised over (pattern index, path index), so its cost is bounded by their product whatever the
 * path holds.
 */
export function globMatch(pattern: string, path: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (pi: number, si: number): boolean => {
    const key = pi * (path.length + 1) + si;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r = false;
    if (pi === pattern.length) r = si === path.length;
    else if (pattern.startsWith('**', pi)) {
      const slash = pattern[pi + 2] === '/';
      const next = pi + 2 + (slash ? 1 : 0);
      // '**/' eats whole segments (or none); a bare '**' eats anything.
      for (let k = si; k <= path.length && !r; k++) if (!slash || k === si || path[k - 1] === '/') r = go(next, k);
    } else if (pattern[pi] === '*') {
      for (let k = si; k <= path.length && !r; k++) {
        r = go(pi + 1, k);
        if (path[k] === '/') break;
      }
    } else if (si < path.length && (pattern[pi] === '?' ? path[si] !== '/' : pattern[pi] === path[si])) r = go(pi + 1, si + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

export function selects(sel: RunSelector, run: NormalizedRun): boolean {
  if (sel.run !== undefined && sel.run !== run.id) return false;
  if (sel.model !== undefined && sel.model !== run.model) return false;
  if (sel.dialect !== undefined && sel.dialect !== run.dialect) return false;
  if (sel.variant !== undefined && sel.variant !== run.variant) return false;
  const glob = sel.path;
  if (glob !== undefined && !run.sources.some((s) => globMatch(glob, s.path))) return false;
  return true;
}

/** A selector from the command line: `key=value,key=value`, or a bare run id or model name. */
export function parseSelector(text: string): RunSelector {
  if (!text.includes('=')) return { run: text };
  const out: RunSelector = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 'run' || key === 'model' || key === 'path' || key === 'dialect' || key === 'variant') out[key] = value;
    else throw new Error(`unknown selector key "${key}" (run, model, path, dialect, variant)`);
  }
  return out;
}

export interface DeclaredResult {
  study: Omit<NormalizedStudy, 'id'> & { idHint: string };
  /** Known example counts to set on the study's runs where a task has none. */
  n?: Record<string, number>;
}

/** Resolves every declared study against the runs; selectors that do not pick one run are problems. */
export function resolveDeclared(src: StudyFileSource, runs: readonly NormalizedRun[], problems: ProblemLog): DeclaredResult[] {
  const out: DeclaredResult[] = [];
  src.value.studies.forEach((s: DeclaredStudy, i) => {
    const pick = (sel: RunSelector, pointer: string): NormalizedRun | undefined => {
      const hits = runs.filter((r) => selects(sel, r));
      if (hits.length === 1) return hits[0];
      const line = src.lineOf?.(pointer);
      problems.error(src.file, hits.length ? `selector matches ${hits.length} runs (${hits.slice(0, 5).map((r) => r.id).join(', ')}${hits.length > 5 ? ', …' : ''}); add keys until it picks one` : 'selector matches no ingested run', { pointer, ...(line ? { line } : {}), found: JSON.stringify(sel) });
      return undefined;
    };
    const base = pick(s.baseline.select, `/studies/${i}/baseline/select`);
    const variants = s.variants.map((v, j) => ({ v, run: pick(v.select, `/studies/${i}/variants/${j}/select`) }));
    if (!base || variants.some((x) => !x.run)) return;
    const baseName = s.baseline.name ?? base.variant ?? base.model;
    const study: DeclaredResult['study'] = {
      idHint: s.id ?? s.title,
      title: s.title,
      model: base.model,
      baseline: base.id,
      variants: [{ name: baseName, runId: base.id }, ...variants.map(({ v, run }) => ({ name: v.name ?? run!.variant ?? run!.model, runId: run!.id, ...(v.description ? { description: v.description } : {}) }))],
      sources: [base, ...variants.map((x) => x.run!)].flatMap((r) => r.sources),
      declared: src.file,
    };
    if (s.recovery_gate !== undefined) study.recoveryGate = s.recovery_gate;
    if (s.max_degradation_relative !== undefined) study.maxDegradationRelative = s.max_degradation_relative;
    if (s.adjust !== undefined) study.adjust = s.adjust;
    const names = new Set<string>();
    for (const v of study.variants) {
      if (names.has(v.name)) v.name = `${v.name} (${v.runId})`;
      names.add(v.name);
    }
    out.push({ study, ...(s.n ? { n: s.n } : {}) });
  });
  return out;
}

/** The quick form: one baseline, and every other run that shares a task with it as a variant. */
export function quickStudy(title: string, baseline: RunSelector, runs: readonly NormalizedRun[]): StudyFile {
  const base = runs.filter((r) => selects(baseline, r));
  const tasks = new Set(base.length === 1 ? base[0]!.tasks.map((t) => t.task) : []);
  const others = base.length === 1 ? runs.filter((r) => r.id !== base[0]!.id && r.tasks.some((t) => tasks.has(t.task))) : [];
  return { studies: [{ title, baseline: { select: baseline }, variants: others.length ? others.map((r) => ({ select: { run: r.id } })) : [{ select: { run: '(no run shares a task with the baseline)' } }] }] };
}
