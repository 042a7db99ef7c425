/**
 * npm run collect -- --config study.yaml [--dry-run] [--until-decided] [--shard i/n] [--out DIR]
 * npm run collect -- --config study.yaml --slurm [--submit] [--tasks N] [sbatch options]
 * npm run collect -- merge --config study.yaml [--out DIR]
 * Runs the evaluations of a study on a GPU host and writes canonical run directories.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isAccuracyDataset, loadConfig, untilDecidedSettings } from './config.ts';
import { collect, stopAllServers } from './collect.ts';
import { interruptClients } from './processes.ts';
import { loadItems } from './datasets.ts';
import { merge } from './merge.ts';
import { describePlan, parseShard, shardSteps, steps } from './plan.ts';
import { sbatchScripts, slurmOptions, submit, writeSbatchScripts } from './slurm.ts';
import { createProgress, type Progress } from '../lib/progress.ts';
import { asUsageError, runCommand, UsageError } from '../lib/cli.ts';
import { isObj } from '../../domain/guards.ts';

const USAGE = `usage: npm run collect -- --config study.yaml [--dry-run] [--until-decided] [--shard i/n] [--out DIR] [--sampling-plan plan.json]
       npm run collect -- --config study.yaml --slurm [--submit] [--tasks N] [--partition P] [--account A] [--qos Q]
                         [--gres G|none] [--gpus N] [--cpus-per-task N] [--mem M] [--time D-HH:MM:SS] [--constraint C]
       npm run collect -- merge --config study.yaml [--out DIR]`;

const stopping = { value: false };
/** Where `npm run collect` works: the sbatch jobs enter it before running the collector. */
const PROJECT_DIR = join(import.meta.dirname, '..', '..');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      'dry-run': { type: 'boolean', default: false },
      shard: { type: 'string' },
      out: { type: 'string' },
      slurm: { type: 'boolean', default: false },
      tasks: { type: 'string' },
      'sampling-plan': { type: 'string' },
      'until-decided': { type: 'boolean', default: false },
      submit: { type: 'boolean', default: false },
      partition: { type: 'string' },
      account: { type: 'string' },
      qos: { type: 'string' },
      gres: { type: 'string' },
      gpus: { type: 'string' },
      'cpus-per-task': { type: 'string' },
      mem: { type: 'string' },
      time: { type: 'string' },
      constraint: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) throw new UsageError('--config is required', 'EARG');
  const planFile = values['sampling-plan'];
  const plan = planFile ? { file: resolve(planFile), fractions: readPlan(planFile) } : undefined;
  const c = loadConfig(resolve(values.config), plan);
  for (const w of c.warnings) console.error(`warning: ${w}`);
  if (values['until-decided']) {
    if (values.shard || values.slurm) throw new UsageError('--until-decided runs the variants one after the other against the baseline; it does not combine with --shard or --slurm', 'EARG');
    c.untilDecided = untilDecidedSettings(c);
  }
  if (positionals[0] === 'merge') {
    const dir = merge(c, values.out, (l) => console.log(l));
    console.log(`merged study: ${dir}`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unknown command "${positionals[0]}"`, 'EARG');
  if (values.slurm) {
    const scripts = sbatchScripts(c, values.config, { ...(values.tasks ? { tasks: Number(values.tasks) } : {}), ...(values.out ? { out: values.out } : {}), slurm: slurmOptions(c, values), projectDir: PROJECT_DIR });
    const files = writeSbatchScripts(scripts);
    console.log(`wrote ${files.array} (${scripts.tasks} array tasks) and ${files.merge}; job logs go to ${scripts.dir}`);
    if (values.submit) {
      const ids = submit(files);
      console.log(`submitted array job ${ids.array} and merge job ${ids.merge} (runs after every task succeeded)`);
    } else console.log('submit both with --submit, or see the commands at the top of the array script');
    return 0;
  }
  if (values.submit) throw new UsageError('--submit goes with --slurm', 'EARG');
  const shard = parseShard(values.shard);
  if (values['dry-run']) {
    const counts = new Map<string, number | undefined>();
    for (const d of c.datasets.filter(isAccuracyDataset)) {
      try {
        counts.set(d.name, d.path ? (await loadItems(d, c, resolve(values.config, '..'))).length : undefined);
      } catch (err) {
        counts.set(d.name, undefined);
        console.error(`warning: ${d.name}: ${(err as Error).message}`);
      }
    }
    console.log(describePlan(c, shardSteps(steps(c), shard), counts, values.out, shard));
    return 0;
  }

  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    stopping.value = true;
    // Clients run in groups of their own (so a killed collector's can be found): pass the Ctrl-C on.
    if (interrupts === 1) interruptClients();
    console.error(interrupts === 1 ? '\nstopping: finishing requests in flight, then stopping the server (Ctrl-C again to stop now)' : '\nstopping now');
    if (interrupts > 1) void stopAllServers().then(() => process.exit(130));
  });
  process.on('SIGTERM', () => {
    stopping.value = true;
  });
  const bars = new Map<string, Progress>();
  await collect(
    c,
    {
      log: (line) => {
        for (const b of bars.values()) b.done();
        console.log(line);
      },
      progress: (label, done, total) => {
        let bar = bars.get(label);
        if (!bar) {
          bar = createProgress(label);
          bar.total(total);
          bars.set(label, bar);
        }
        bar.set(done);
      },
    },
    { ...(values.out ? { out: values.out } : {}), ...(shard ? { shard } : {}), stopping },
  );
  return 0;
}

/** A sampling plan written by sample-study --write-plan: fractions per dataset. */
function readPlan(file: string): Record<string, number> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read sampling plan ${file}: ${err instanceof Error ? err.message : String(err)}`, 'EPLAN');
  }
  const fractions = isObj(doc) ? doc.fractions : undefined;
  if (!isObj(fractions) || !Object.values(fractions).every((v) => typeof v === 'number' && v > 0 && v <= 1)) throw new UsageError(`${file}: /fractions must map dataset names to fractions in (0, 1]`, 'EPLAN');
  return Object.fromEntries(Object.entries(fractions).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v]] : [])));
}

void runCommand('collect', USAGE, () => main().catch((err: unknown) => Promise.reject(asUsageError(err))), stopAllServers, () => stopping.value);
