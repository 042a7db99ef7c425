/**
 * `collect --slurm --submit` on a real Slurm: a one-node cluster started on localhost for the test
 * (tests/helpers/local-slurm.ts). The array tasks run the collector against the STAND-IN `vllm` and
 * `lm_eval` (the GPU boundary); everything from sbatch on is real.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.ts';
import { slurmUnavailable, startLocalSlurm } from '../../tests/helpers/local-slurm.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'evalsite-slurm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const unavailable = slurmUnavailable();

// CI installs Slurm (.ci/run), so there the test never skips; elsewhere it says why it did.
describe.skipIf(unavailable !== undefined && !process.env.CI)(`collect --slurm on a one-node Slurm cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('submits the array and the merge, each task loads one model, and the merged study is read by ingest as one run per variant', async () => {
    const cluster = await startLocalSlurm(join(work, 'cluster'));
    try {
      const dir = join(work, 'project');
      cpSync(join(ROOT, 'tests', 'fixtures', 'collect'), dir, { recursive: true });
      // A test cluster has no GPUs: gres null requests none.
      const config = join(dir, 'study.yaml');
      writeFileSync(config, `${readFileSync(config, 'utf8').replace(/benchmark:[\s\S]*?(?=report:)/, '')}slurm:\n  gres: null\n  time: '10:00'\n`);
      const logs = join(dir, 'standin-logs');
      const env = { ...cluster.env, PATH: `${join(ROOT, 'tests', 'stand-ins')}:${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, STANDIN_LOG_DIR: logs, CI: '1' };
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', 'study.yaml', '--slurm', '--submit', '--tasks', '4'], { cwd: dir, encoding: 'utf8', env });
      expect(r.status, r.stderr).toBe(0);
      const ids = /submitted array job (\d+) and merge job (\d+)/.exec(r.stdout);
      expect(ids, r.stdout).not.toBeNull();
      const merge = ids![2]!;
      let state = cluster.job(merge);
      for (let i = 0; i < 600 && !['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT'].includes(state.state) && state.reason !== 'DependencyNeverSatisfied'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = cluster.job(merge);
      }
      const slurmDir = join(dir, 'results', 'standin-study', 'slurm');
      const jobLogs = existsSync(slurmDir) ? readdirSync(slurmDir).filter((f) => /\.(out|err)$/.test(f)).map((f) => `== ${f}\n${readFileSync(join(slurmDir, f), 'utf8').slice(-1500)}`).join('\n') : '';
      expect(state.state, `${state.reason}\n${jobLogs}\n${cluster.logs()}`).toBe('COMPLETED');

      const study = join(dir, 'results', 'standin-study');
      // Four tasks, each served one model once; every task's log is kept.
      expect(lines(join(logs, 'vllm-calls.jsonl')).filter((l) => l.args[0] === 'serve')).toHaveLength(4);
      expect(readdirSync(slurmDir).filter((f) => /^collect-\d+_\d\.out$/.test(f))).toHaveLength(4);
      expect(readdirSync(slurmDir).some((f) => /^merge-\d+\.out$/.test(f))).toBe(true);
      const meta = JSON.parse(readFileSync(join(study, 'original', 'run_meta.json'), 'utf8')) as { status: string; shards: { slurm_job_id: unknown; slurm_array_task_id: unknown }[] };
      expect(meta.status).toBe('complete');
      expect(meta.shards.map((s) => String(s.slurm_array_task_id))).toEqual(['0', '1']);
      const result = ingest({ inputs: [study], root: dir });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.runs).toHaveLength(2);
      expect(result.studies[0]?.variants).toHaveLength(2);
      console.log(`slurm: array job ${ids![1]} (4 tasks) and merge job ${merge} COMPLETED; ${slurmDir}: ${readdirSync(slurmDir).sort().join(', ')}`);
    } finally {
      cluster.stop();
    }
  }, 180_000);
});

const lines = (p: string) => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: string[] });
