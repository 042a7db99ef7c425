/**
 * npm run bench (part): the error control of the sequential methods, by simulation with known
 * effects, at GSM8K's size (N = 1,319): the stopping rule of collect --until-decided (true
 * difference -> how often each call is made, the wrong call's rate, mean share of examples used)
 * and rank-aware allocation with a truly tied pair (confidence sequences against the repeated Wald
 * test). Seeded; every rate has its Monte-Carlo standard error. SIMS overrides the simulations.
 */
import { simulateAllocation, simulateStopping } from '../analysis/error-control.ts';

const sims = Number(process.env.SIMS ?? 4000);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const n = 1319;
console.log(`# Stopping rule (collect --until-decided), N = ${n}, α = 0.05, ${sims} simulations per row`);
for (const discordance of [0.06, 0.12]) {
  for (const margin of [0.02, 0.05]) {
    const t0 = performance.now();
    const sim = simulateStopping({ n, margin, discordance, sims, effects: [0, -margin / 2, -margin, -2 * margin] });
    console.log(`\nmargin ${margin * 100} pp, discordance ${pct(discordance)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log('| true difference | called non-inferior | called inferior | undecided at N | wrong call ± MC | mean share of examples |');
    console.log('|---|---|---|---|---|---|');
    for (const r of sim.rows) console.log(`| ${(r.effect * 100).toFixed(1)} pp | ${pct(r.nonInferior)} | ${pct(r.inferior)} | ${pct(r.undecided)} | ${pct(r.wrong)} ± ${pct(r.wrongSe)} | ${pct(r.meanShare)} |`);
  }
}
console.log(`\n# Rank-aware allocation from 1%, N = ${n}, α = 0.05: a tied pair must never be declared apart`);
console.log('| true accuracies | rule | tied pair declared apart ± MC | mean compute share |');
console.log('|---|---|---|---|');
for (const accuracies of [[0.7, 0.7, 0.3, 0.1], [0.9, 0.9, 0.5], [0.7, 0.7, 0.7, 0.7]]) {
  const sim = simulateAllocation({ accuracies, n, sims: Math.round(sims / 4) });
  for (const r of sim.rows) console.log(`| ${accuracies.map(pct).join(', ')} | ${r.rule === 'sequence' ? 'confidence sequence' : 'repeated Wald test'} | ${pct(r.pairError)} ± ${pct(r.pairErrorSe)} | ${pct(r.meanShare)} |`);
}
