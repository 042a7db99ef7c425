/** `collect --slurm`: an sbatch array script with one task per shard, and a merge job after it. */
import type { Config } from './config.ts';
import { steps } from './plan.ts';

export function sbatchScript(c: Config, configPath: string, opts: { tasks?: number; gpus?: number; time?: string; out?: string } = {}): string {
  const total = steps(c).length;
  const n = Math.max(1, Math.min(opts.tasks ?? total, total));
  const gpus = opts.gpus ?? Math.max(1, ...c.variants.map((v) => v.tensor_parallel_size ?? 1));
  const outArg = opts.out ? ` --out ${opts.out}` : '';
  return `#!/bin/bash
# evalsite collect: study ${c.study} (${total} steps in ${n} array tasks). Submit with:
#   jobid=$(sbatch --parsable collect-${c.study}.sbatch)
#   sbatch --dependency=afterok:$jobid --wrap "npm run collect -- merge --config ${configPath}${outArg}"
#SBATCH --job-name=evalsite-${c.study}
#SBATCH --array=0-${n - 1}
#SBATCH --gres=gpu:${gpus}
#SBATCH --cpus-per-task=8
#SBATCH --time=${opts.time ?? '24:00:00'}
#SBATCH --output=${c.output}/${c.study}/slurm-%A_%a.out
set -euo pipefail
# The shard comes from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT.
npm run collect -- --config ${configPath}${outArg}
`;
}
