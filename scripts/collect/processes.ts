/**
 * The long-running programs the collector starts (vllm serve, lm_eval, vllm bench serve) run in a
 * process group of their own and leave a record in their run folder (`.processes/<role>-<pid>.json`):
 * pid, process group, command line, start time, and the collector that started them.
 *
 * Why: a collector killed with -9 cannot stop its children, and on a GPU host an orphaned vLLM
 * server holds the GPU, so every later run fails with out-of-memory. The next run of the study
 * reads the records and stops what is still running, but only after checking that the pid is still
 * that program (pids are reused) and that the collector which started it is gone (a shard running
 * beside it on the same node keeps its server).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeJsonAtomic } from '../lib/atomic.ts';
import { sleep } from './openai-client.ts';
import { isObj } from '../../domain/guards.ts';

/** The folder of a run folder that holds the records of the programs running for it. */
export const PROCESS_RECORDS = '.processes';

export interface ProcessRecord {
  role: string;
  /**
   * Null in the record written just before the program starts: a collector killed between the
   * start and the record's update still leaves the command line to find the program by.
   */
  pid: number | null;
  /** The child leads its own group: the pgid is its pid; the group is what gets signalled. */
  pgid: number | null;
  command: string[];
  /** Kernel start time of the process (clock ticks since boot); with the pid it names one process. */
  start_time: number | null;
  started_utc: string;
  collector: { pid: number; start_time: number | null };
}

/** Children started by this process and still running: stopped on Ctrl-C and fatal errors. */
const live = new Map<number, { role: string; interruptible: boolean }>();

/** /proc/<pid>/stat: state and start time (fields 3 and 22), read after the parenthesised name. */
function procStat(pid: number): { state: string; pgid: number; startTime: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0] ?? '', pgid: Number(f[2]), startTime: Number(f[19]) };
  } catch {
    return undefined;
  }
}

const hasProc = existsSync('/proc/self/stat');

/** Running, not a zombie waiting to be reaped (a zombie holds no GPU memory and cannot be stopped). */
export function running(pid: number): boolean {
  if (!(pid > 0)) return false;
  if (hasProc) {
    const s = procStat(pid);
    return !!s && s.state !== 'Z' && s.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

function commandLine(pid: number): string[] | undefined {
  if (hasProc) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
    } catch {
      return undefined;
    }
  }
  const r = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(/\s+/) : undefined;
}

const startTimeOf = (pid: number): number | null => procStat(pid)?.startTime ?? null;

/**
 * The recorded program is still the one at that pid: same start time where the kernel tells it,
 * and a command line that names the program and ends with the recorded arguments (a script such as
 * `vllm` runs as `python .../vllm serve ...`, so the interpreter may stand before it).
 */
export function stillThatProcess(r: ProcessRecord & { pid: number }): boolean {
  if (!running(r.pid)) return false;
  if (r.start_time !== null && hasProc && startTimeOf(r.pid) !== r.start_time) return false;
  return runsCommand(r.pid, r.command);
}

function runsCommand(pid: number, command: string[]): boolean {
  const now = commandLine(pid);
  if (!now) return false;
  const [program, ...args] = command;
  if (!program || !now.some((a) => basename(a) === basename(program))) return false;
  if (!hasProc) return now.join(' ').endsWith(args.join(' '));
  return args.length <= now.length && args.every((a, i) => now[now.length - args.length + i] === a);
}

function collectorAlive(r: ProcessRecord): boolean {
  if (r.collector.pid === process.pid) return true;
  if (!running(r.collector.pid)) return false;
  return r.collector.start_time === null || !hasProc || startTimeOf(r.collector.pid) === r.collector.start_time;
}

/** Processes of a group that are still running (zombies do not count). */
function groupRunning(pgid: number): boolean {
  if (!hasProc) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const s = procStat(Number(e));
    if (s && s.pgid === pgid && s.state !== 'Z' && s.state !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* the group is gone */
  }
}

/** SIGTERM to the group, SIGKILL to what is left after the grace period. */
export async function stopGroup(pgid: number, graceMs = 30_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  // A stopped process acts on SIGTERM only once continued (as a shell's kill does for a job).
  signalGroup(pgid, 'SIGCONT');
  for (let waited = 0; groupRunning(pgid) && waited < graceMs; waited += 100) await sleep(100);
  if (groupRunning(pgid)) signalGroup(pgid, 'SIGKILL');
  for (let waited = 0; groupRunning(pgid) && waited < 5_000; waited += 100) await sleep(100);
}

/**
 * Starts a program in its own process group and records it in `folder/.processes/`; the record
 * goes when the program exits. `interruptible` programs (clients such as lm_eval) get the user's
 * Ctrl-C forwarded, as a terminal would have sent it to them before they had a group of their own.
 */
export function spawnTracked(command: string, args: string[], o: { folder: string; role: string; env?: NodeJS.ProcessEnv; interruptible?: boolean }): ChildProcess {
  const options: SpawnOptions = { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: o.env ?? process.env };
  const path = join(o.folder, PROCESS_RECORDS, `${o.role}-${process.pid}.json`);
  const pending: ProcessRecord = { role: o.role, pid: null, pgid: null, command: [command, ...args], start_time: null, started_utc: new Date().toISOString(), collector: { pid: process.pid, start_time: startTimeOf(process.pid) } };
  mkdirSync(join(o.folder, PROCESS_RECORDS), { recursive: true });
  writeJsonAtomic(path, pending);
  const child = spawn(command, args, options);
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(path, { force: true });
    return child; // spawn failed: the 'error' event says why
  }
  writeJsonAtomic(path, { ...pending, pid, pgid: pid, start_time: startTimeOf(pid) });
  live.set(pid, { role: o.role, interruptible: !!o.interruptible });
  child.on('exit', () => {
    live.delete(pid);
    rmSync(path, { force: true });
  });
  return child;
}

/** Ctrl-C: clients get SIGINT (they stop as they would in a terminal); servers are stopped by their owner. */
export function interruptClients(): void {
  for (const [pid, p] of live) if (p.interruptible) signalGroup(pid, 'SIGINT');
}

/** A fatal error or a second Ctrl-C: every group this collector started is stopped. */
export async function stopAllTracked(graceMs = 10_000): Promise<void> {
  await Promise.all([...live.keys()].map((pid) => stopGroup(pid, graceMs)));
}

function readRecord(path: string): ProcessRecord | undefined {
  try {
    const r: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObj(r) || !Array.isArray(r.command) || !isObj(r.collector) || typeof r.collector.pid !== 'number') return undefined;
    return {
      role: String(r.role),
      pid: typeof r.pid === 'number' ? r.pid : null,
      pgid: typeof r.pgid === 'number' ? r.pgid : null,
      command: r.command.map(String),
      start_time: typeof r.start_time === 'number' ? r.start_time : null,
      started_utc: String(r.started_utc),
      collector: { pid: r.collector.pid, start_time: typeof r.collector.start_time === 'number' ? r.collector.start_time : null },
    };
  } catch {
    return undefined;
  }
}

/** Run folders of a study: `<study>/<variant>/` and `<study>/shards/<i-of-n>/<variant>/`. */
function runFolders(study: string): string[] {
  const dirs = (p: string) => (existsSync(p) ? readdirSync(p).map((e) => join(p, e)).filter((e) => statSync(e).isDirectory()) : []);
  return [...dirs(study).filter((d) => basename(d) !== 'shards'), ...dirs(join(study, 'shards')).flatMap(dirs)];
}

/**
 * Before a study runs: every recorded program whose collector is gone is stopped if it is still
 * running as recorded; stale records go. Also removes temporary files (`*.tmp-<pid>`) that a killed
 * collector left mid-write. Returns what was stopped, for the log.
 */
export async function stopOrphans(study: string, log: (line: string) => void = () => {}): Promise<ProcessRecord[]> {
  const stopped: ProcessRecord[] = [];
  for (const folder of runFolders(study)) {
    const recDir = join(folder, PROCESS_RECORDS);
    for (const e of existsSync(recDir) ? readdirSync(recDir) : []) {
      const path = join(recDir, e);
      if (!e.endsWith('.json')) continue;
      const r = readRecord(path);
      if (r && collectorAlive(r)) continue;
      for (const pid of r ? stillRunning(r) : []) {
        if (!r) break;
        log(`stopping ${r.role} (pid ${pid}) left running by an earlier collector that was killed: ${r.command.join(' ')}`);
        await stopGroup(pid);
        stopped.push({ ...r, pid, pgid: pid });
      }
      rmSync(path, { force: true });
    }
    removeStaleTemporaries(folder);
  }
  return stopped;
}

/**
 * The recorded program if it still runs. A record without a pid (the collector was killed as it
 * started the program) is matched by command line among group leaders: the arguments hold the
 * run folder or a port, so another study's programs do not match.
 */
function stillRunning(r: ProcessRecord): number[] {
  if (r.pid !== null) return stillThatProcess({ ...r, pid: r.pid }) ? [r.pid] : [];
  if (!hasProc) return [];
  return readdirSync('/proc').flatMap((e) => {
    const pid = /^\d+$/.test(e) ? Number(e) : 0;
    const s = pid ? procStat(pid) : undefined;
    return s && s.pgid === pid && s.state !== 'Z' && pid !== process.pid && runsCommand(pid, r.command) ? [pid] : [];
  });
}

/** `name.tmp-<pid>` files of writeFileAtomic whose writer is gone: a crash between write and rename. */
function removeStaleTemporaries(folder: string): void {
  for (const e of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const m = /\.tmp-(\d+)$/.exec(e);
    if (m && Number(m[1]) !== process.pid && !running(Number(m[1]))) rmSync(join(folder, e), { force: true });
  }
}
