/**
 * `vllm serve` for one variant: a free port, its log kept in the run directory, health waited for
 * with a timeout, and a clean stop (SIGTERM to the process group, SIGKILL after a grace period) on
 * success, on error and on Ctrl-C. With server.base_url, an external server is used instead.
 */
import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import type { Config, Variant } from './config.ts';
import { externalEndpoint, shellLine, vllmServeArgs } from './commands.ts';
import { sleep } from './openai-client.ts';
import { FailureError } from '../lib/cli.ts';
import { spawnTracked, stopAllTracked, stopGroup } from './processes.ts';
import { logTail } from './files.ts';

export class ServerError extends FailureError {
  constructor(message: string) {
    super(message, 'ESERVER');
  }
}

export interface RunningServer {
  baseUrl: string;
  command?: string;
  /**
   * Called once if the server dies or stops answering while the variant runs (the process exited,
   * or /health failed `server.health_failures` checks in a row): the reason, for run_meta and the log.
   */
  onDeath(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

const live = new Set<RunningServer>();

/** Stops every server this process started (Ctrl-C, fatal errors), and the clients talking to them. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
  await stopAllTracked();
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

/**
 * Watches a server while the variant runs: a check every `server.health_interval_s`; `failures`
 * checks in a row that get no answer make it dead. One check failing is not enough: a server
 * busy with a long batch may answer /health late.
 */
function watch(check: () => Promise<boolean>, c: Config): { died(reason: string): void; onDeath(l: (reason: string) => void): void; stop(): void } {
  let reason: string | undefined;
  const listeners: ((reason: string) => void)[] = [];
  let misses = 0;
  const died = (why: string) => {
    if (reason !== undefined) return;
    reason = why;
    clearInterval(timer);
    for (const l of listeners) l(why);
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void check().then((ok) => {
      checking = false;
      misses = ok ? 0 : misses + 1;
      if (misses >= c.server.health_failures) died(`the server stopped answering (${misses} health checks in a row failed, ${c.server.health_interval_s} s apart)`);
    });
  }, c.server.health_interval_s * 1000);
  timer.unref();
  return {
    died,
    onDeath: (l) => (reason !== undefined ? l(reason) : listeners.push(l)),
    stop: () => clearInterval(timer),
  };
}

export async function startServer(c: Config, v: Variant, logPath: string, onLine?: (line: string) => void, modelPath?: string): Promise<RunningServer> {
  const external = externalEndpoint(c, v);
  if (external) {
    const baseUrl = external;
    await reachable(baseUrl);
    const w = watch(() => answers(baseUrl), c);
    return { baseUrl, onDeath: w.onDeath, stop: async () => w.stop() };
  }
  const port = await freePort(c.server.host);
  const args = vllmServeArgs(c, v, port, modelPath);
  const log = createWriteStream(logPath, { flags: 'a' });
  log.write(`$ ${shellLine(c.server.vllm, args)}\n`);
  // Its own process group and a record in the run folder: a collector killed with -9 leaves the
  // server running, and the next run stops it before anything else (processes.ts).
  const child = spawnTracked(c.server.vllm, args, { folder: dirname(logPath), role: 'server' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (onLine) child.stderr?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach(onLine));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  let stopping = false;
  const baseUrl = `http://${c.server.host}:${port}`;
  const w = watch(() => healthy(baseUrl), c);
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    if (!stopping) w.died(`vllm serve exited (${code ?? signal}) while the variant ran; last lines of ${logPath}:\n${logTail(logPath)}`);
  });
  child.on('error', (err) => (spawnError = err));

  const server: RunningServer = {
    baseUrl,
    command: shellLine(c.server.vllm, args),
    onDeath: w.onDeath,
    async stop() {
      stopping = true;
      w.stop();
      live.delete(server);
      if (!exited && child.pid) await stopGroup(child.pid);
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
      throw new ServerError(`vllm serve exited (${exited.code ?? exited.signal}) before it was healthy; last lines of ${logPath}:\n${logTail(logPath)}`);
    }
    if (await healthy(baseUrl)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new ServerError(`vllm serve was not healthy after ${c.server.startup_timeout_s} s; last lines of ${logPath}:\n${logTail(logPath)}`);
    }
  }
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

/** Any HTTP answer from an external server's model list: it is up. */
async function answers(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/v1/models`, { signal: AbortSignal.timeout(10_000) });
    return true;
  } catch {
    return false;
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
