/** The registry of dialect readers; detection picks the most confident one. */
import type { Adapter, Probe, ReadContext } from '../adapter.ts';
import type { Dialect } from '../../../schemas/types.gen.ts';
import { canonicalRunAdapter } from './canonical-run.ts';
import { comparePrintoutAdapter } from './compare-printout.ts';
import { csvAdapter } from './csv-tables.ts';
import { lmEvalResultsAdapter } from './lm-eval-results.ts';
import { lmEvalSamplesAdapter } from './lm-eval-samples.ts';
import { markdownRecordAdapter } from './markdown-record.ts';
import { perModelJsonlAdapter } from './per-model-jsonl.ts';
import { taskResultsAdapter } from './task-results.ts';
import { variantComparisonAdapter } from './variant-comparison.ts';
import { vllmBenchAdapter } from './vllm-bench.ts';

export const ADAPTERS: Adapter[] = [
  canonicalRunAdapter,
  variantComparisonAdapter,
  lmEvalResultsAdapter,
  lmEvalSamplesAdapter,
  taskResultsAdapter,
  vllmBenchAdapter,
  markdownRecordAdapter,
  csvAdapter,
  comparePrintoutAdapter,
  perModelJsonlAdapter,
];

export const DIALECTS = [...new Set(ADAPTERS.map((a) => a.dialect).concat(['lm-eval-table']))] as Dialect[];

/** The adapter for an input: the forced dialect's, or the most confident above 0.5. */
export function adapterFor(probe: Probe, ctx: ReadContext, forced: Dialect | undefined, _kind: 'file' | 'dir'): Adapter | undefined {
  if (forced) {
    const a = ADAPTERS.find((x) => x.dialect === forced || (forced === 'lm-eval-table' && x.dialect === 'markdown-record'));
    // A forced dialect still descends into directories its adapter does not read as a whole.
    if (a && (probe.kind === 'file' || a.detect(probe, ctx) > 0)) return a;
    return undefined;
  }
  let best: Adapter | undefined;
  let score = 0.5;
  for (const a of ADAPTERS) {
    const s = a.detect(probe, ctx);
    if (s > score) {
      best = a;
      score = s;
    }
  }
  return best;
}
