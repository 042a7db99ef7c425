/**
 * `collect --slurm`: an sbatch array script (one task per shard, each shard one variant's model
 * loaded once) and a merge script to run after it, with sbatch options from the config's `slurm`
 * block and the command line. `--submit` submits both, the merge with `afterok` on the array.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { shardSteps, steps, studyDir } from './plan.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import { FailureError } from '../lib/cli.ts';

export type SlurmOptions = NonNullable<Config['slurm']>;

/** The sbatch options the command line may set too (they win over the config's). */
export type SlurmFlags = { [K in 'partition' | 'account' | 'qos' | 'gres' | 'gpus' | 'cpus-per-task' | 'mem' | 'time' | 'constraint']?: string | undefined };

/**
 * A value as one shell word: single-quoted, a quote inside closed, escaped and reopened. The script
 * runs under bash, so a path or name never becomes a command however it is spelt.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * sbatch reads #SBATCH lines itself, before any shell: a value there must be one plain word (no
 * space, quote or line break), or it would change the line's meaning. The config's schema holds
 * its values to this; values from the command line are checked here.
 */
const SBATCH_WORD = /^[A-Za-z0-9_.:,=@%+/-]+$/;
function sbatchWord(value: string, what: string): string {
  if (!SBATCH_WORD.test(value)) throw new ConfigError(`${what} ${JSON.stringify(value)} is not a single word of letters, digits and _.:,=@%+/- ; it cannot go into an #SBATCH line`);
  return value;
}

/** A path written into the script or a #SBATCH line: no line break or control character. */
function oneLine(value: string, what: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new ConfigError(`${what} ${JSON.stringify(value)} holds a line break or control character; it cannot be written into an sbatch script`);
  return value;
}

/** The config's options, each replaced by the command line's where given. */
export function slurmOptions(c: Config, cli: SlurmFlags): SlurmOptions {
  const o: SlurmOptions = { ...c.slurm };
  if (cli.partition !== undefined) o.partition = sbatchWord(cli.partition, '--partition');
  if (cli.account !== undefined) o.account = sbatchWord(cli.account, '--account');
  if (cli.qos !== undefined) o.qos = sbatchWord(cli.qos, '--qos');
  if (cli.gres !== undefined) o.gres = cli.gres === 'none' ? null : sbatchWord(cli.gres, '--gres');
  if (cli.mem !== undefined) o.mem = sbatchWord(cli.mem, '--mem');
  if (cli.constraint !== undefined) o.constraint = sbatchWord(cli.constraint, '--constraint');
  if (cli.time !== undefined) {
    if (!/^\d+(-\d{1,2})?(:\d{1,2}){0,2}$/.test(cli.time)) throw new ConfigError(`--time ${JSON.stringify(cli.time)} is not a Slurm time (D-HH:MM:SS)`);
    o.time = cli.time;
  }
  for (const [flag, key] of [['gpus', 'gpus'], ['cpus-per-task', 'cpus_per_task']] as const) {
    const v = cli[flag];
    if (v === undefined) continue;
    if (!/^[1-9]\d*$/.test(v)) throw new ConfigError(`--${flag} ${JSON.stringify(v)} is not a positive whole number`);
    o[key] = Number(v);
  }
  return o;
}

export interface SlurmScripts {
  /** The array job: one task per shard. */
  array: string;
  /** The merge job, to run once every task succeeded. */
  merge: string;
  tasks: number;
  /** Where the scripts and the jobs' logs go: `<study>/slurm/` (created: sbatch does not create it). */
  dir: string;
}

/**
 * Both scripts. Paths are made absolute (a job starts in the submit directory, maybe on another
 * node), the project folder is entered before `npm run`, every value in a shell line is quoted.
 * The array has as many tasks as shards that have steps (one per variant at least, so no task
 * loads two models unless asked for fewer tasks than variants).
 */
export function sbatchScripts(c: Config, configPath: string, opts: { tasks?: number; out?: string; slurm?: SlurmOptions; projectDir: string }): SlurmScripts {
  const all = steps(c);
  const requested = opts.tasks ?? c.variants.length;
  if (!(Number.isInteger(requested) && requested >= 1)) throw new ConfigError(`--tasks must be a positive whole number, got ${String(opts.tasks)}`);
  const n = Math.min(requested, all.length);
  if (Array.from({ length: n }, (_, index) => shardSteps(all, { index, count: n })).some((s) => s.length === 0)) throw new ConfigError(`--tasks ${n}: some tasks would have no step (${all.length} steps in ${c.variants.length} variants); ask for fewer`);
  const s = opts.slurm ?? c.slurm ?? {};
  const out = resolve(oneLine(opts.out ?? c.output, 'output folder'));
  const dir = join(studyDir(c, out), 'slurm');
  oneLine(dir, 'log folder');
  const config = resolve(oneLine(configPath, '--config'));
  const project = oneLine(opts.projectDir, 'project folder');
  const gpus = Math.max(1, ...c.variants.map((v) => v.tensor_parallel_size ?? 1));
  const common = [
    ...(s.partition ? [`--partition=${s.partition}`] : []),
    ...(s.account ? [`--account=${s.account}`] : []),
    ...(s.qos ? [`--qos=${s.qos}`] : []),
    `--time=${s.time ?? '24:00:00'}`,
  ];
  const resources = [
    ...(s.gpus !== undefined ? [`--gpus-per-task=${s.gpus}`] : s.gres === null ? [] : [`--gres=${s.gres ?? `gpu:${gpus}`}`]),
    ...(s.cpus_per_task !== undefined ? [`--cpus-per-task=${s.cpus_per_task}`] : []),
    ...(s.mem ? [`--mem=${s.mem}`] : []),
    ...(s.constraint ? [`--constraint=${s.constraint}`] : []),
    ...(s.extra ?? []),
  ];
  // sbatch reads #SBATCH values itself (no shell): a path there must not hold blanks or quotes.
  if (!/^[^\s'"\\]+$/.test(dir)) throw new ConfigError(`log folder ${JSON.stringify(dir)} holds a blank, quote or backslash; it cannot go into #SBATCH --output (choose an --out without them)`);
  const logPath = dir;
  const sbatch = (lines: string[]) => lines.map((l) => `#SBATCH ${l}`).join('\n');
  const setup = (s.setup ?? []).map((l) => oneLine(l, 'slurm.setup line'));
  const body = (command: string) => `set -euo pipefail
cd ${shellQuote(project)}
${setup.length ? `# slurm.setup from the config\n${setup.join('\n')}\n` : ''}${command}
`;
  const collectArgs = `--config ${shellQuote(config)} --out ${shellQuote(out)}`;
  const array = `#!/bin/bash
# evalsite collect: study ${c.study}, ${all.length} steps of ${c.variants.length} variants in ${n} array tasks
# (each task loads one variant's model once). Submit both jobs with
#   npm run collect -- ${collectArgs} --slurm --submit
# or by hand:
#   jobid=$(sbatch --parsable ${shellQuote(join(dir, 'collect.sbatch'))})
#   sbatch --dependency=afterok:$jobid ${shellQuote(join(dir, 'merge.sbatch'))}
${sbatch([`--job-name=evalsite-${c.study}`, `--array=0-${n - 1}`, ...common, ...resources, `--output=${logPath}/collect-%A_%a.out`, `--error=${logPath}/collect-%A_%a.err`])}
${body(`exec npm run collect -- ${collectArgs} --shard "\${SLURM_ARRAY_TASK_ID}/${n}"`)}`;
  const merge = `#!/bin/bash
# evalsite collect: joins the shards of study ${c.study} into one run folder per variant.
${sbatch([`--job-name=evalsite-${c.study}-merge`, ...common, '--cpus-per-task=1', `--output=${logPath}/merge-%j.out`])}
${body(`exec npm run collect -- merge ${collectArgs}`)}`;
  return { array, merge, tasks: n, dir };
}

export class SlurmError extends FailureError {
  constructor(message: string) {
    super(message, 'ESLURM');
  }
}

/** Writes both scripts into `<study>/slurm/` (the jobs' log folder, created now). */
export function writeSbatchScripts(scripts: SlurmScripts): { array: string; merge: string } {
  mkdirSync(scripts.dir, { recursive: true });
  const array = join(scripts.dir, 'collect.sbatch');
  const merge = join(scripts.dir, 'merge.sbatch');
  writeFileAtomic(array, scripts.array);
  writeFileAtomic(merge, scripts.merge);
  return { array, merge };
}

/** sbatch the array, then the merge with afterok on it; returns both job ids. */
export function submit(files: { array: string; merge: string }, sbatchCommand = 'sbatch'): { array: string; merge: string } {
  const run = (args: string[]) => {
    const r = spawnSync(sbatchCommand, args, { encoding: 'utf8' });
    if (r.error) throw new SlurmError(`cannot run ${sbatchCommand}: ${r.error.message}`);
    if (r.status !== 0) throw new SlurmError(`${sbatchCommand} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim()}`);
    // --parsable prints "jobid" or "jobid;cluster".
    const id = r.stdout.trim().split(';')[0] ?? '';
    if (!/^\d+$/.test(id)) throw new SlurmError(`${sbatchCommand} printed no job id: ${r.stdout.trim()}`);
    return id;
  };
  const array = run(['--parsable', files.array]);
  const merge = run(['--parsable', `--dependency=afterok:${array}`, files.merge]);
  return { array, merge };
}
