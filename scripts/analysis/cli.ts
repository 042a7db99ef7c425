/**
 * npm run sample-study -- <paths...> [--reps N] [--seed S] [--tiers 3,2,2] [--tier-fractions 1,0.2,0.05]
 *                          [--task T] [--write-plan plan.json]
 * Replays sampled evaluation on per-example results of several models (canonical runs, lm-eval
 * samples, per-model JSONL) and prints, per task, accuracy error, rank agreement, tier agreement
 * and compute share for each sampling strategy. --write-plan writes the tier plan as a sampling
 * plan the collector takes (`npm run collect -- --sampling-plan plan.json`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ingest } from '../ingest/ingest.ts';
import { defaultStrategies, type Strategy } from './replay.ts';
import { analyzeRuns } from './from-runs.ts';
import { asUsageError, FailureError, runCommand, UsageError } from '../lib/cli.ts';

const USAGE = 'usage: npm run sample-study -- <paths...> [--reps N] [--seed S] [--tiers 3,2,2] [--tier-fractions 1,0.2,0.05] [--task T] [--write-plan plan.json]';
const nums = (s: string | undefined) => s?.split(',').map(Number);

function main(): number {

  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reps: { type: 'string' }, seed: { type: 'string' }, tiers: { type: 'string' }, 'tier-fractions': { type: 'string' }, task: { type: 'string' }, 'write-plan': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new UsageError('give the runs to replay (files or directories)', 'EARG');
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`, 'ENOINPUT');
  for (const [flag, v] of [['--reps', values.reps], ['--seed', values.seed]] as const) if (v !== undefined && !/^\d+$/.test(v)) throw new UsageError(`${flag} must be a whole number, got "${v}"`, 'EARG');
  const tierFractions = nums(values['tier-fractions']) ?? [1, 0.2, 0.05];
  const strategies: Strategy[] = defaultStrategies().map((s) => (s.kind === 'tier-plan' ? { ...s, tierFractions, label: s.label.replace('1 / 0.2 / 0.05', tierFractions.join(' / ')) } : s));
  const result = ingest({ inputs: positionals, analysis: false });
  const analyses = analyzeRuns(result.runs, result.examples, { reps: Number(values.reps ?? 200), seed: Number(values.seed ?? 1), strategies, ...(values.tiers ? { tierSizes: nums(values.tiers)! } : {}) }).filter((a) => !values.task || a.task === values.task);
  if (!analyses.length) throw new FailureError('no task has per-example results of 3 or more models on 20 or more common examples', 'ENODATA');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const a of analyses) {
    console.log(`\n## ${a.task}: ${a.models.length} models, ${a.n} common examples, ${a.reps} repetitions (seed ${a.seed}), tiers ${a.tierSizes.join(' / ')}`);
    console.log(a.models.map((m) => `- ${m.name}: ${pct(m.accuracy)} (tier ${m.tier + 1})`).join('\n'));
    console.log('\n| strategy | compute share | mean abs. error | error 95% range | Kendall tau (95% range) | Spearman | tier agreement | exact order |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of a.rows) {
      console.log(`| ${r.label} | ${pct(r.computeShare)} | ${(r.meanAbsError * 100).toFixed(2)} pp | [${(r.errorLow * 100).toFixed(1)}, ${(r.errorHigh * 100).toFixed(1)}] pp | ${r.tauMean.toFixed(3)} (${r.tauLow.toFixed(2)}–${r.tauHigh.toFixed(2)}) | ${r.spearmanMean.toFixed(3)} | ${pct(r.tierAgreement)} | ${pct(r.exactOrder)} |`);
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
