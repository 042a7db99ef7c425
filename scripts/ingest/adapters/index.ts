/** The registry of dialect readers; detection picks the most confident one. */
import type { Adapter, Probe, ReadContext } from '../adapter.ts';
import { DIALECT_VALUES, type Dialect } from '../../../schemas/types.gen.ts';
import { canonicalRunAdapter } from './canonical-run.ts';
import { comparePrintoutAdapter } from './compare-printout.ts';
import { csvAdapter } from './csv-tables.ts';
import { evalscopeAdapter } from './evalscope.ts';
import { inspectAdapter } from './inspect.ts';
import { guidellmAdapter } from './guidellm.ts';
import { helmAdapter } from './helm.ts';
import { everyEvalEverAdapter } from './every-eval-ever.ts';
import { opencompassAdapter } from './opencompass.ts';
import { toraAdapter } from './tora.ts';
import { lmEvalResultsAdapter } from './lm-eval-results.ts';
import { lmEvalSamplesAdapter } from './lm-eval-samples.ts';
import { markdownRecordAdapter } from './markdown-record.ts';
import { perModelJsonlAdapter } from './per-model-jsonl.ts';
import { taskResultsAdapter } from './task-results.ts';
import { variantComparisonAdapter } from './variant-comparison.ts';
import { vllmBenchAdapter } from './vllm-bench.ts';

/**
 * Every dialect's reader, keyed by the schema's enum (schemas/normalized-run.schema.json#/$defs/Dialect):
 * a dialect without a reader is a type error. lm-eval markdown tables are read by the markdown reader.
 */
const READERS: Record<Dialect, Adapter> = {
  canonical: canonicalRunAdapter,
  'variant-comparison': variantComparisonAdapter,
  'lm-eval': lmEvalResultsAdapter,
  'lm-eval-samples': lmEvalSamplesAdapter,
  'task-results': taskResultsAdapter,
  'vllm-bench': vllmBenchAdapter,
  'markdown-record': markdownRecordAdapter,
  'lm-eval-table': markdownRecordAdapter,
  csv: csvAdapter,
  'compare-printout': comparePrintoutAdapter,
  'per-model-jsonl': perModelJsonlAdapter,
  evalscope: evalscopeAdapter,
  inspect: inspectAdapter,
  guidellm: guidellmAdapter,
  helm: helmAdapter,
  eee: everyEvalEverAdapter,
  opencompass: opencompassAdapter,
  tora: toraAdapter,
};

/** Detection order (ties go to the earlier): the schema's order, each reader once. */
export const ADAPTERS: readonly Adapter[] = [...new Set(DIALECT_VALUES.map((d) => READERS[d]))];

export const DIALECTS = DIALECT_VALUES;

/** The adapter for an input: the forced dialect's, or the most confident above 0.5. */
export function adapterFor(probe: Probe, ctx: ReadContext, forced: Dialect | undefined, _kind: 'file' | 'dir'): Adapter | undefined {
  if (forced) {
    const a = READERS[forced];
    // A forced dialect still descends into directories its adapter does not read as a whole.
    if (probe.kind === 'file' || a.detect(probe, ctx) > 0) return a;
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
