/**
 * Studies nobody declared: runs of the same base model that differ by quantization, dtype or an
 * adapter, and share at least one task, are compared against the highest-precision one. The
 * evidence is the model name or path (-AWQ, -GPTQ-Int4, -FP8-dynamic, -W4A16, nvfp4, bnb-4bit, GGUF
 * q4_k_m ...), lm-eval's model_args (dtype, peft) and the run's own quantization field. Base vs
 * Instruct is a different model and is never inferred.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { evidenceOf, type VariantEvidence } from '../../domain/variant-evidence.ts';

export interface InferredStudy {
  title: string;
  model: string;
  baselineRunId: string;
  variants: { name: string; runId: string; description: string }[];
  basis: string;
}

/** Leaf tasks with a usable primary score: what two runs can be compared on. */
function comparableTasks(run: NormalizedRun): Set<string> {
  return new Set(run.tasks.filter((t) => !t.isGroup && t.metrics.some((m) => m.value !== null)).map((t) => t.task));
}

/**
 * Groups runs not in any study by base model, splits each group into sets that share tasks, and
 * makes a study of every set whose runs differ in their variant evidence.
 */
export function inferStudies(runs: readonly NormalizedRun[], inStudy: ReadonlySet<string>): InferredStudy[] {
  const groups = new Map<string, { run: NormalizedRun; ev: VariantEvidence; tasks: Set<string> }[]>();
  for (const run of runs) {
    if (inStudy.has(run.id) || !run.tasks.length) continue;
    const ev = evidenceOf(run);
    // Example data is compared only with example data of the same origin, never with real results.
    const group = `${ev.key}\u0000${run.example?.origin ?? ''}`;
    const list = groups.get(group) ?? [];
    list.push({ run, ev, tasks: comparableTasks(run) });
    groups.set(group, list);
  }
  const out: InferredStudy[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    // Connected components by shared tasks.
    const component = members.map((_, i) => i);
    const find = (i: number): number => (component[i] === i ? i : (component[i] = find(component[i]!)));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if ([...members[i]!.tasks].some((t) => members[j]!.tasks.has(t))) component[find(i)] = find(j);
      }
    }
    const sets = new Map<number, typeof members>();
    members.forEach((m, i) => sets.set(find(i), [...(sets.get(find(i)) ?? []), m]));
    for (const set of sets.values()) {
      if (set.length < 2 || new Set(set.map((m) => m.ev.label)).size < 2) continue;
      const ordered = [...set].sort((a, b) => b.ev.bits - a.ev.bits || a.ev.tags.length - b.ev.tags.length || a.run.id.localeCompare(b.run.id));
      const baseline = ordered[0]!;
      const names = new Set<string>();
      const variants = ordered.map(({ run, ev }) => {
        let name = ev.label;
        if (names.has(name)) name = `${ev.label} (${run.id})`;
        names.add(name);
        const evidence = [ev.tags.length ? `tags ${ev.tags.join(', ')} in "${run.model}"` : `"${run.model}"`, ev.dtype ? `dtype ${ev.dtype}` : '', ev.adapter ? `adapter ${ev.adapter}` : '', ev.quantization ? `quantization ${ev.quantization}` : ''].filter(Boolean).join('; ');
        return { name, runId: run.id, description: `${evidence}; about ${ev.bits} bits per weight` };
      });
      out.push({
        title: `${baseline.ev.base}: ${variants.map((v) => v.name).join(' vs ')}`,
        model: baseline.ev.base,
        baselineRunId: baseline.run.id,
        variants,
        basis: `${set.length} runs of base model "${baseline.ev.base}" that differ by quantization, dtype or adapter and share tasks; the baseline has the most bits per weight`,
      });
    }
  }
  return out;
}
