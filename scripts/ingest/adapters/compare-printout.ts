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

const BLOCK = /^[^\S\n]*([^\n]*?)[^\S\n]*\n[^\S\n]*Base:[^\S\n]*(-?[\d.]+)%[^\S\n]*\n[^\S\n]*Finetuned:[^\S\n]*(-?[\d.]+)%[^\S\n]*(?:\n[^\S\n]*Δ:[^\S\n]*([+-]?[\d.]+)%)?/gm;

export const comparePrintoutAdapter: Adapter = {
  dialect: 'compare-printout',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !/\.(txt|md|log|out)$/i.test(probe.name)) return 0;
    const text = ctx.readText(probe.path)?.text ?? '';
    return new RegExp(BLOCK.source, 'm').test(text) ? 0.85 : 0;
  },
  read(probe, ctx) {
    const text = ctx.readText(probe.path)?.text ?? '';
    const base: TaskResult[] = [];
    const tuned: TaskResult[] = [];
    for (const m of text.matchAll(new RegExp(BLOCK.source, 'gm'))) {
      // The title line carries an emoji (possibly damaged by a bad encoding) and the task name.
      const task = /([A-Za-z][\w.-]*)\s*$/.exec(m[1] ?? '')?.[1]?.toLowerCase();
      if (!task) continue;
      const b = Number(m[2]) / 100;
      const f = Number(m[3]) / 100;
      const line = text.slice(0, m.index).split('\n').length + 1;
      if (m[4] !== undefined && Math.abs(Number(m[4]) / 100 - (f - b)) > 0.0002) {
        ctx.problems.warning(probe.rel, `printed Δ ${m[4]}% for ${task} does not match ${((f - b) * 100).toFixed(2)}%`, { line, dialect: 'compare-printout' });
      }
      const metric = (value: number) => ({ name: 'score', value, higherIsBetter: true, scale: 'fraction' as const });
      base.push({ task, primary: 'score', metrics: [metric(b)] });
      tuned.push({ task, primary: 'score', metrics: [metric(f)] });
    }
    if (!base.length) return { runs: [] };
    const title = /COMPARISON:\s*(.+?)\s+vs\.?\s+(.+?)\s*$/m.exec(text);
    const baseName = title?.[1] ?? 'Base';
    const tunedName = title?.[2] ?? 'Finetuned';
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
