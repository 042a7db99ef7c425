/**
 * `vllm serve` for one variant: a free port, its log kept in the run directory, health waited for
 * with a timeout, and a clean stop (SIGTERM to the process group, SIGKILL after a grace period) on
 * success, on error and on Ctrl-C. With server.base_url, an external server is used instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import type { Config, Variant } from './config.ts';
import { externalEndpoint, shellLine, vllmServeArgs } from './commands.ts';
import { sleep } from './openai-client.ts';
import { FailureError } from '../lib/cli.ts';

export class ServerError extends FailureError {
  constructor(message: string) {
    super(message, 'ESERVER');
  }
}

export interface RunningServer {
  baseUrl: string;
  command?: string;
  stop(): Promise<void>;
}

const live = new Set<RunningServer>();

/** Stops every server this process started (Ctrl-C, fatal errors). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function startServer(c: Config, v: Variant, logPath: string, onLine?: (line: string) => void): Promise<RunningServer> {
  const external = externalEndpoint(c, v);
  if (external) {
    const baseUrl = external;
    await reachable(baseUrl);
    return { baseUrl, stop: async () => {} };
  }
  // A collector killed with -9 leaves its server running (it is in its own process group): stop it
  // before starting another, or two servers would share the GPU.
  const pidFile = join(dirname(logPath), 'server.pid');
  await stopOrphan(pidFile);
  const port = await freePort(c.server.host);
  const args = vllmServeArgs(c, v, port);
  const log = createWriteStream(logPath, { flags: 'a' });
  log.write(`$ ${shellLine(c.server.vllm, args)}\n`);
  let child: ChildProcess;
  try {
    child = spawn(c.server.vllm, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  } catch (err) {
    throw new ServerError(`cannot start ${c.server.vllm}: ${(err as Error).message}`);
  }
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (onLine) child.stderr?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach(onLine));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  child.on('error', (err) => (spawnError = err));

  const baseUrl = `http://${c.server.host}:${port}`;
  const server: RunningServer = {
    baseUrl,
    command: shellLine(c.server.vllm, args),
    async stop() {
      live.delete(server);
      if (!exited && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        for (let waited = 0; !exited && waited < 30_000; waited += 100) await sleep(100);
        if (!exited) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
      rmSync(pidFile, { force: true });
      await new Promise<void>((r) => log.end(() => r()));
    },
  };
  live.add(server);

  const deadline = Date.now() + c.server.startup_timeout_s * 1000;
  for (;;) {
    await sleep(200);
    if (spawnError) {
      await server.stop();
      const code = (spawnError as NodeJS.ErrnoException).code;
      throw new ServerError(
        code === 'ENOENT'
          ? `"${c.server.vllm}" was not found on PATH. Install vLLM in the serving environment (pip install vllm), set server.vllm to its path, or set server.base_url to use a server that is already running.`
          : `cannot start ${c.server.vllm}: ${spawnError.message}`,
      );
    }
    if (exited) {
      await server.stop();
      throw new ServerError(`vllm serve exited (${exited.code ?? exited.signal}) before it was healthy; last lines of ${logPath}:\n${tail(logPath)}`);
    }
    if (await healthy(baseUrl)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new ServerError(`vllm serve was not healthy after ${c.server.startup_timeout_s} s; last lines of ${logPath}:\n${tail(logPath)}`);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopOrphan(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (pid > 0 && alive(pid)) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    for (let waited = 0; alive(pid) && waited < 30_000; waited += 100) await sleep(100);
    if (alive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  rmSync(pidFile, { force: true });
}

/**
 * An external server must answer before anything is asked: a closed port or a wrong host fails in
 * seconds with the address, instead of every request failing after its retries. Any HTTP answer
 * counts (a 401 is a server that wants a key, which the requests carry).
 */
async function reachable(baseUrl: string): Promise<void> {
  try {
    await fetch(`${baseUrl}/v1/models`, { signal: AbortSignal.timeout(5000) });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new ServerError(`base_url ${baseUrl} does not answer (${cause}); start the server or fix the address`);
  }
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function tail(path: string, n = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}
