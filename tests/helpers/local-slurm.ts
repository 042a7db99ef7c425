/**
 * A one-node Slurm cluster on localhost for tests: munged, slurmctld and slurmd started with a
 * minimal config in a temporary folder (its own munge key and socket, spool, logs and ports), and
 * stopped again. Needs root and Debian's slurmctld, slurmd, slurm-client and munge (.ci/run
 * installs them).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../scripts/collect/server.ts';

const DAEMONS = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch'];

/** Why a cluster cannot be started here, or undefined when it can. */
export function slurmUnavailable(): string | undefined {
  const missing = DAEMONS.filter((p) => !existsSync(p));
  if (missing.length) return `not installed: ${missing.join(', ')} (apt-get install slurmctld slurmd slurm-client munge)`;
  if (process.getuid?.() !== 0) return 'the daemons need root';
  return undefined;
}

export interface LocalSlurm {
  /** SLURM_CONF for sbatch, squeue and scontrol. */
  env: NodeJS.ProcessEnv;
  dir: string;
  /** The state of a job (COMPLETED, FAILED, PENDING...) and its reason. */
  job(id: string): { state: string; reason: string };
  /** The daemons' logs, for a failing test's message. */
  logs(): string;
  stop(): void;
}

export async function startLocalSlurm(dir: string): Promise<LocalSlurm> {
  for (const d of ['spool/ctld', 'spool/d', 'log']) mkdirSync(join(dir, d), { recursive: true });
  chmodSync(dir, 0o700);
  const key = join(dir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge.sock');
  const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  run('/usr/sbin/munged', [`--key-file=${key}`, `--socket=${socket}`, `--pid-file=${join(dir, 'munged.pid')}`, `--log-file=${join(dir, 'log', 'munged.log')}`, `--seed-file=${join(dir, 'munged.seed')}`, '--force']);
  const node = hostname().split('.')[0]!;
  const conf = join(dir, 'slurm.conf');
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  writeFileSync(
    conf,
    [
      'ClusterName=evalsite-test',
      `SlurmctldHost=${node}`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      `StateSaveLocation=${join(dir, 'spool/ctld')}`,
      `SlurmdSpoolDir=${join(dir, 'spool/d')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log/slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log/slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'SchedulerType=sched/backfill',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'ReturnToService=2',
      'MpiDefault=none',
      'MinJobAge=600',
      `NodeName=${node} CPUs=2 RealMemory=2000 State=UNKNOWN`,
      `PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const stop = () => {
    spawnSync('scancel', ['--user=root'], { env });
    for (const pidFile of ['slurmd.pid', 'slurmctld.pid']) {
      try {
        process.kill(Number(readFileSync(join(dir, pidFile), 'utf8')), 'SIGTERM');
      } catch {
        /* not running */
      }
    }
    spawnSync('/usr/sbin/munged', ['--stop', `--socket=${socket}`]);
  };
  try {
    run('/usr/sbin/slurmctld', ['-f', conf], env);
    run('/usr/sbin/slurmd', ['-f', conf], env);
    // The node registers with the controller within a few seconds.
    for (let i = 0; i < 100; i++) {
      const r = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', env });
      if (r.status === 0 && /^idle/m.test(r.stdout)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (err) {
    stop();
    throw err;
  }
  return {
    env,
    dir,
    job(id) {
      const r = spawnSync('scontrol', ['show', 'job', id], { encoding: 'utf8', env });
      const text = r.stdout ?? '';
      return { state: /JobState=(\S+)/.exec(text)?.[1] ?? 'UNKNOWN', reason: /Reason=(\S+)/.exec(text)?.[1] ?? '' };
    },
    logs: () => ['slurmctld.log', 'slurmd.log'].map((f) => `== ${f}\n${existsSync(join(dir, 'log', f)) ? readFileSync(join(dir, 'log', f), 'utf8').split('\n').slice(-15).join('\n') : ''}`).join('\n'),
    stop,
  };
}
