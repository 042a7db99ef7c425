/**
 * Requests per second the collector's OpenAI client sustains against a loopback OpenAI-compatible
 * server (the tests' stand-in, answering at once), side by side with wrk on the same server, the
 * same request body and the same number of connections. wrk is Debian's package; without it this
 * part is skipped. Also the client's CPU time per request (user + system of this process, which
 * runs only the client: the server has a process of its own).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAIClient, runLimited } from '../collect/openai-client.ts';

// The collector's default concurrency (generation.concurrency).
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 256);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const body = { model: 'm', prompt: 'Question: what is 12 + 30?\nAnswer:', max_tokens: 64, temperature: 0 };

if (spawnSync('wrk', ['--version']).error) {
  console.log('client bench skipped: wrk is not installed (apt-get install wrk)');
  process.exit(0);
}
// The server runs in its own process so that neither the client nor wrk shares its event loop.
const child = (await import('node:child_process')).spawn(process.execPath, ['--input-type=module', '-e', `import { startFakeServer } from ${JSON.stringify(join(import.meta.dirname, '../../tests/helpers/fake-openai-server.ts'))}; const s = await startFakeServer(); console.log(s.port);`], { stdio: ['ignore', 'pipe', 'inherit'] });
const port: number = await new Promise((resolvePort) => child.stdout.once('data', (d: Buffer) => resolvePort(Number(String(d).trim()))));
const url = `http://127.0.0.1:${port}`;

async function clientRun(): Promise<{ rate: number; cpuUsPerRequest: number }> {
  const cpu = process.cpuUsage();
  const client = new OpenAIClient({ baseUrl: url, timeoutMs: 10_000, retries: 0, concurrency: CONNECTIONS });
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  await runLimited(Array.from({ length: CONNECTIONS }), CONNECTIONS, async () => {
    while (performance.now() < end) {
      await client.complete(body);
      n++;
    }
  });
  client.close();
  const used = process.cpuUsage(cpu);
  return { rate: n / SECONDS, cpuUsPerRequest: (used.user + used.system) / n };
}

function wrkRun(): number {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  const lua = join(dir, 'post.lua');
  writeFileSync(lua, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify(body))}\nwrk.headers["Content-Type"] = "application/json"\n`);
  const r = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', lua, `${url}/v1/completions`], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const m = /Requests\/sec:\s*([\d.]+)/.exec(r.stdout);
  if (!m) throw new Error(`wrk printed no rate:\n${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

await clientRun(); // warm-up
const rounds: { client: number; cpu: number; wrk: number }[] = [];
for (let i = 0; i < 3; i++) {
  const r = await clientRun();
  rounds.push({ client: r.rate, cpu: r.cpuUsPerRequest, wrk: wrkRun() });
}
child.kill();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
const c = median(rounds.map((r) => r.client));
const w = median(rounds.map((r) => r.wrk));
console.log(`\ncollector client vs wrk, loopback stand-in server, ${CONNECTIONS} connections, ${SECONDS} s x 3 rounds (median):`);
const cpu = median(rounds.map((r) => r.cpu));
console.log(`| collector client | wrk | ratio (client / wrk) | client CPU per request |\n|---|---|---|---|\n| ${c.toFixed(0)} req/s | ${w.toFixed(0)} req/s | ${(c / w).toFixed(2)} | ${cpu.toFixed(0)} µs |`);
