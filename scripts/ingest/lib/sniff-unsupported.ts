/** Names formats evalsite recognises but does not read, so a skipped file says what it is. */
import type { Probe, ReadContext } from '../adapter.ts';
import { isObj } from '../../../domain/guards.ts';


export function sniffUnsupported(probe: Probe, ctx: ReadContext): string | undefined {
  if (probe.name.endsWith('.json')) {
    const v = ctx.readJson(probe.path)?.value;
    if (v === undefined) return undefined;
    if (isObj(v) && Object.keys(v).length === 0) return 'an empty JSON object ({}): no results in it';
    if (Array.isArray(v) && v.length === 0) return 'an empty JSON array ([]): no results in it';
    if (isObj(v) && isObj(v.scenario_spec) && isObj(v.adapter_spec)) return 'a HELM run_spec.json without its stats.json (read with the run directory)';
    return 'JSON of an unknown shape: no reader recognises its keys';
  }
  if (probe.name.endsWith('.jsonl')) return 'JSON Lines of an unknown shape (per-example logs are read inside a run directory, beside their report, or as lm-eval samples_<task>_<time>.jsonl)';
  if (probe.name.endsWith('.csv')) return 'CSV without known columns (benchmark+accuracy_pct, variant+dataset+accuracy, request_rate, request_throughput_rps)';
  if (probe.name.endsWith('.metrics')) return 'a plain-text metrics file without "Num samples:" and "Mean score: [N]" lines';
  if (/\.(ya?ml|toml)$/.test(probe.name)) return 'a config file outside a run directory';
  if (/\.(md|markdown)$/.test(probe.name)) return 'markdown without a results table';
  return undefined;
}
