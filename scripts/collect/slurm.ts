/** `collect --slurm`: an sbatch array script with one task per shard, and a merge job after it. */
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { steps } from './plan.ts';

/**
 * A value as one shell word: single-quoted, a quote inside closed, escaped and reopened. The script
 * runs under bash, so a config value never becomes a command however it is spelt.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * #SBATCH lines and comments are read line by line before any quoting applies: a value with a
 * line break or other control character would start a line of its own, so it is refused.
 */
function oneLine(value: string, what: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new ConfigError(`${what} ${JSON.stringify(value)} holds a line break or control character; it cannot be written into an sbatch script`);
  return value;
}

export function sbatchScript(c: Config, configPath: string, opts: { tasks?: number; gpus?: number; time?: string; out?: string } = {}): string {
  const total = steps(c).length;
  const n = Math.max(1, Math.min(opts.tasks ?? total, total));
  const gpus = opts.gpus ?? Math.max(1, ...c.variants.map((v) => v.tensor_parallel_size ?? 1));
  const time = oneLine(opts.time ?? '24:00:00', '--time');
  if (!/^[\d:-]+$/.test(time)) throw new ConfigError(`--time ${JSON.stringify(time)} is not a Slurm time (D-HH:MM:SS)`);
  const output = oneLine(opts.out ?? c.output, 'output folder');
  const config = oneLine(configPath, '--config');
  const outArg = opts.out ? ` --out ${shellQuote(opts.out)}` : '';
  // The merge line is itself a shell word for --wrap: quote the command, then the whole.
  const merge = `npm run collect -- merge --config ${shellQuote(config)}${outArg}`;
  // sbatch does not expand #SBATCH values; spaces in --output are fine, newlines were refused.
  return `#!/bin/bash
# evalsite collect: study ${c.study} (${total} steps in ${n} array tasks). Submit with:
#   jobid=$(sbatch --parsable collect-${c.study}.sbatch)
#   sbatch --dependency=afterok:$jobid --wrap ${shellQuote(merge)}
#SBATCH --job-name=evalsite-${c.study}
#SBATCH --array=0-${n - 1}
#SBATCH --gres=gpu:${gpus}
#SBATCH --cpus-per-task=8
#SBATCH --time=${time}
#SBATCH --output=${output}/${c.study}/slurm-%A_%a.out
set -euo pipefail
# The shard comes from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT.
npm run collect -- --config ${shellQuote(config)}${outArg}
`;
}
