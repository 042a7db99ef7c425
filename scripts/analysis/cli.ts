/**
 * npm run sample-study -- <paths...> [--reps N] [--seed S] [--alpha A] [--tier-fractions 1,0.2,0.05]
 *                          [--task T] [--write-plan plan.json] [--no-simulate]
 * Replays sampled evaluation on per-example results of several models (canonical runs, lm-eval
 * samples, per-model JSONL) and prints, per task, the noise ceiling of the full data, then accuracy
 * error, rank agreement (with Monte-Carlo errors, on all pairs and on the significant ones), tier
 * agreement and compute share for each sampling strategy beside uniform sampling at the same
 * compute; then the error-control simulations at the task's size. --write-plan writes the tier plan
 * as a sampling plan the collector takes (`npm run collect -- --sampling-plan plan.json`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ingest } from '../ingest/ingest.ts';
import { defaultStrategies, type Strategy } from './replay.ts';
import { analyzeRuns } from './from-runs.ts';
import { asUsageError, FailureError, runCommand, UsageError } from '../lib/cli.ts';

const USAGE = 'usage: npm run sample-study -- <paths...> [--reps N] [--seed S] [--alpha A] [--tier-fractions 1,0.2,0.05] [--task T] [--write-plan plan.json] [--no-simulate]';
const nums = (s: string | undefined) => s?.split(',').map(Number);

function main(): number {

  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reps: { type: 'string' }, seed: { type: 'string' }, alpha: { type: 'string' }, 'no-simulate': { type: 'boolean', default: false }, 'tier-fractions': { type: 'string' }, task: { type: 'string' }, 'write-plan': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new UsageError('give the runs to replay (files or directories)', 'EARG');
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`, 'ENOINPUT');
  for (const [flag, v] of [['--reps', values.reps], ['--seed', values.seed]] as const) if (v !== undefined && !/^\d+$/.test(v)) throw new UsageError(`${flag} must be a whole number, got "${v}"`, 'EARG');
  const alpha = Number(values.alpha ?? 0.05);
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, got "${values.alpha}"`, 'EARG');
  const tierFractions = nums(values['tier-fractions']) ?? [1, 0.2, 0.05];
  const strategies: Strategy[] = defaultStrategies().map((s) => (s.kind === 'tier-plan' ? { ...s, tierFractions, label: s.label.replace('1 / 0.2 / 0.05', tierFractions.join(' / ')) } : s));
  const result = ingest({ inputs: positionals, analysis: false });
  const analyses = analyzeRuns(result.runs, result.examples, { ...(values.reps ? { reps: Number(values.reps) } : {}), seed: Number(values.seed ?? 1), alpha, strategies, simulate: !values['no-simulate'] }).filter((a) => !values.task || a.task === values.task);
  if (!analyses.length) throw new FailureError('no task has per-example results of 3 or more models on 20 or more common examples', 'ENODATA');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const mc = (e: { mean: number; se: number } | undefined, f = pct) => (e ? `${f(e.mean)} ± ${f(e.se)}` : '—');
  const tau = (x: number) => x.toFixed(3);
  for (const a of analyses) {
    console.log(`\n## ${a.task}: ${a.models.length} models, ${a.n} common examples, ${a.reps} draws (seed ${a.seed}), α = ${a.alpha}; tiers from simultaneous paired tests: ${a.tierSizes.join(' / ')}`);
    console.log(a.models.map((m) => `- ${m.name}: ${pct(m.accuracy)} (tier ${m.tier + 1})`).join('\n'));
    console.log(`\nSignificantly separated pairs (exact McNemar, p < ${a.alpha}): ${a.significantPairs} of ${a.pairs}`);
    console.log(`Noise ceiling (full evaluation on bootstrap resamples of the examples): Kendall tau ${mc(a.ceiling.tau, tau)}, exact order ${mc(a.ceiling.exactOrder)}, significant pairs kept ${mc(a.ceiling.pairAgreement)}  (± = Monte-Carlo standard error)`);
    console.log('\n| strategy | compute share | mean abs. error | error 95% range | Kendall tau (95% range) | exact order | significant pairs kept | tier agreement | uniform at equal compute: tau / exact / pairs |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of a.rows) {
      const eq = r.equalCompute ? `${mc(r.equalCompute.tau, tau)} / ${mc(r.equalCompute.exactOrder)} / ${mc(r.equalCompute.pairAgreement)}` : '';
      console.log(`| ${r.label} | ${pct(r.computeShare)} | ${(r.meanAbsError * 100).toFixed(2)} pp | [${(r.errorLow * 100).toFixed(1)}, ${(r.errorHigh * 100).toFixed(1)}] pp | ${tau(r.tauMean)} ± ${tau(r.tauSe)} (${r.tauLow.toFixed(2)}–${r.tauHigh.toFixed(2)}) | ${pct(r.exactOrder)} ± ${pct(r.exactOrderSe)} | ${mc(r.pairAgreement)} | ${pct(r.tierAgreement)} | ${eq} |`);
    }
    const ec = a.errorControl;
    if (ec) {
      console.log(`\nStopping rule (collect --until-decided) simulated at N = ${ec.n}, discordance ${pct(ec.discordance)}, α = ${ec.alpha}, ${ec.sims} simulations:`);
      console.log('\n| margin | true difference | called non-inferior | called inferior | undecided at N | wrong call (± MC) | mean share of examples |');
      console.log('|---|---|---|---|---|---|---|');
      for (const r of ec.stopping) console.log(`| ${(r.margin * 100).toFixed(0)} pp | ${(r.effect * 100).toFixed(1)} pp | ${pct(r.nonInferior)} | ${pct(r.inferior)} | ${pct(r.undecided)} | ${pct(r.wrong)} ± ${pct(r.wrongSe)} | ${pct(r.meanShare)} |`);
      console.log(`\nRank-aware allocation, true accuracies ${ec.allocation.accuracies.map(pct).join(', ')} (the tied pair must not be separated), ${ec.allocation.sims} simulations:`);
      console.log('\n| rule | tied pair declared separated (± MC) | any error | mean share |');
      console.log('|---|---|---|---|');
      for (const r of ec.allocation.rows) console.log(`| ${r.rule === 'sequence' ? 'confidence sequence' : 'repeated Wald test'} | ${pct(r.pairError)} ± ${pct(r.pairErrorSe)} | ${pct(r.familywise)} | ${pct(r.meanShare)} |`);
    }
  }
  if (values['write-plan']) {
    const a = analyses[0]!;
    const plan = { task: a.task, tierSizes: a.tierSizes, tierFractions, fractions: Object.fromEntries(a.models.map((m) => [m.name, tierFractions[Math.min(m.tier, tierFractions.length - 1)]!])) };
    writeFileSync(values['write-plan'], `${JSON.stringify(plan, null, 2)}\n`);
    console.log(`\nwrote ${values['write-plan']}: fraction per model from its tier (${a.task})`);
  }
  return 0;
}

void runCommand('sample-study', USAGE, () => {
  try {
    return main();
  } catch (err) {
    throw asUsageError(err);
  }
});
