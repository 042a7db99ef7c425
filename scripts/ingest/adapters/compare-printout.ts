/**
 * The console printout of base-vs-finetuned compare scripts (seed 004's compare_results.py), often
 * pasted into a markdown guide or saved as a log:
 *
 *   📈 GSM8K
 *      Base:      10.50%
 *      Finetuned: 26.52%
 *      Δ:        +16.02% (+152.6%)
 *
 * Two runs (base, fine-tuned) and a study. The printed Δ is checked against the recomputed one.
 */
import type { Adapter, RunDraft } from '../adapter.ts';
import type { TaskResult } from '../../../schemas/types.gen.ts';

interface Block {
  title: string;
  base: string;
  tuned: string;
  delta?: string;
  /** 1-based line of the Base: line. */
  line: number;
}

// Each pattern sees one trimmed line and is anchored at both ends, so it runs in linear time
// whatever the file holds (the one multi-line pattern this replaced was cubic on runs of spaces).
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const SIGNED_PERCENT = /^([+-]?\d+(?:\.\d+)?)%/;

function labelled(line: string | undefined, label: string): string | undefined {
  const t = line?.trim();
  return t?.startsWith(label) ? t.slice(label.length).trim() : undefined;
}

/** Title line, then `Base: x%`, `Finetuned: y%`, and optionally `Δ: z%`. */
export function printoutBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 1; i + 1 < lines.length; i++) {
    const base = PERCENT.exec(labelled(lines[i], 'Base:') ?? '')?.[1];
    if (base === undefined) continue;
    const tuned = PERCENT.exec(labelled(lines[i + 1], 'Finetuned:') ?? '')?.[1];
    if (tuned === undefined) continue;
    const delta = SIGNED_PERCENT.exec(labelled(lines[i + 2], 'Δ:') ?? '')?.[1];
    out.push({ title: lines[i - 1]!.trim(), base, tuned, ...(delta !== undefined ? { delta } : {}), line: i + 1 });
  }
  return out;
}

/** The task name at the end of a title line (after an emoji that a bad encoding may have damaged). */
function taskOf(title: string): string | undefined {
  const words = title.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return /^[A-Za-z][\w.-]*$/.test(last) ? last.toLowerCase() : undefined;
}

export const comparePrintoutAdapter: Adapter = {
  dialect: 'compare-printout',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !/\.(txt|md|log|out)$/i.test(probe.name)) return 0;
    const text = ctx.readText(probe.path)?.text ?? '';
    return printoutBlocks(text).length ? 0.85 : 0;
  },
  read(probe, ctx) {
    const text = ctx.readText(probe.path)?.text ?? '';
    const base: TaskResult[] = [];
    const tuned: TaskResult[] = [];
    for (const block of printoutBlocks(text)) {
      const task = taskOf(block.title);
      if (!task) continue;
      const b = Number(block.base) / 100;
      const f = Number(block.tuned) / 100;
      if (block.delta !== undefined && Math.abs(Number(block.delta) / 100 - (f - b)) > 0.0002) {
        ctx.problems.warning(probe.rel, `printed Δ ${block.delta}% for ${task} does not match ${((f - b) * 100).toFixed(2)}%`, { line: block.line + 2, dialect: 'compare-printout' });
      }
      const metric = (value: number) => ({ name: 'score', value, higherIsBetter: true, scale: 'fraction' as const });
      base.push({ task, primary: 'score', metrics: [metric(b)] });
      tuned.push({ task, primary: 'score', metrics: [metric(f)] });
    }
    if (!base.length) return { runs: [] };
    // "COMPARISON: Base Model vs Finetuned Model (Checkpoint-6000)", split without a regex.
    const heading = text.split('\n').map((l) => l.trim()).find((l) => l.startsWith('COMPARISON:'))?.slice('COMPARISON:'.length).trim() ?? '';
    const vs = heading.indexOf(' vs ');
    const baseName = vs > 0 ? heading.slice(0, vs).trim() : 'Base';
    const tunedName = vs > 0 ? heading.slice(vs + 4).replace(/^\.\s*/, '').trim() || 'Finetuned' : 'Finetuned';
    const runs: RunDraft[] = [
      { model: baseName, variant: 'base', dialect: 'compare-printout', sources: [{ path: probe.rel }], tasks: base },
      { model: tunedName, variant: 'finetuned', dialect: 'compare-printout', sources: [{ path: probe.rel }], tasks: tuned },
    ];
    return {
      runs,
      studies: [{ title: `${baseName} vs ${tunedName}`, baselineIndex: 0, variants: [{ name: 'base', runIndex: 0 }, { name: 'finetuned', runIndex: 1 }], sources: [{ path: probe.rel }] }],
    };
  },
};
