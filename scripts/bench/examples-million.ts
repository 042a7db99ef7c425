/**
 * npm run bench, examples at a million: one run whose gsm8k task holds BENCH_EXAMPLES (1,000,000)
 * five-shot examples (tests/helpers/scale-fixture.ts, one task), ingested and built into a
 * temporary folder, then the examples browser in headless Chromium: time to the first rendered
 * row, to all shards loaded, a search over everything, and the worker's JS heap once all is in.
 * Each figure is printed beside its goal (issue 11: 300 ms, 1 s, 300 MB).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleFixture } from '../../tests/helpers/scale-fixture.ts';
import { INGEST_ENV, timed } from './timed-command.ts';
import { serveDir } from '../../tests/helpers/static-server.ts';
import { examplesLoadTimes, hasChromium, launchBrowser } from '../../tests/helpers/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = Number(process.env.BENCH_EXAMPLES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'evalsite-million-'));
const inputs = join(work, 'inputs');
const content = join(work, 'content');
const dist = join(work, 'dist');
console.log(`examples bench: one task of ${EXAMPLES.toLocaleString('en')} five-shot examples`);
writeScaleFixture(inputs, { runs: 1, examples: EXAMPLES, tasks: 1 });
// As `npm run ingest` runs it (package.json).
const ing = timed([process.execPath, join(ROOT, 'scripts/ingest/cli.ts'), inputs, '--out', content, '--quiet'], INGEST_ENV);
console.log(`  ingest (lm-eval samples): ${ing.seconds.toFixed(1)} s, peak RSS ${ing.rssMb.toFixed(0)} MB (goal ≤ 512 MB)`);
// The same examples as the collector writes them (one canonical results file), ingested on their own.
const canonicalInputs = join(work, 'canonical');
writeScaleFixture(canonicalInputs, { runs: 1, examples: EXAMPLES, tasks: 1, format: 'canonical' });
const canonical = timed([process.execPath, join(ROOT, 'scripts/ingest/cli.ts'), canonicalInputs, '--out', join(work, 'canonical-content'), '--quiet'], INGEST_ENV);
console.log(`  ingest (canonical results file): ${canonical.seconds.toFixed(1)} s, peak RSS ${canonical.rssMb.toFixed(0)} MB (goal ≤ 512 MB)`);
rmSync(canonicalInputs, { recursive: true, force: true });
rmSync(join(work, 'canonical-content'), { recursive: true, force: true });
const built = timed([process.execPath, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist], { ...process.env, EVALSITE_CONTENT: content, ASTRO_TELEMETRY_DISABLED: '1' });
console.log(`  build: ${built.seconds.toFixed(1)} s`);
const runId = readdirSync(join(dist, 'en', 'runs'))[0]!;
if (!hasChromium()) {
  console.log('  the examples browser not measured: no Chromium (apt-get install chromium)');
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

const server = await serveDir(dist);
const browser = await launchBrowser();
const first: number[] = [];
const all: number[] = [];
const search: number[] = [];
const heap: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  // The examples worker, attached as it starts; commands go to it as messages through the page's session.
  let workerSession: string | undefined;
  const replies = new Map<number, (r: Record<string, unknown>) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workerSession = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
    if (msg.id !== undefined) replies.get(msg.id)?.(msg.result ?? {});
  });
  let nextId = 1;
  const ask = (sessionId: string, method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await page.goto(`${server.url}en/runs/${runId}/examples/gsm8k/`);
  const t = await examplesLoadTimes(page);
  first.push(t.first);
  all.push(t.all);
  // A search over every example: typed, until the first row of the answer is painted.
  const wanted = `Example ${EXAMPLES - 7} of gsm8k`;
  search.push(
    await page.evaluate(
      (q) =>
        new Promise<number>((resolve) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid=search]')!;
          const t0 = performance.now();
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const tick = () => {
            const rows = document.querySelectorAll('[data-testid=rows] button.row');
            if (rows.length === 1 && rows[0]!.textContent?.includes(q)) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      wanted,
    ),
  );
  // The worker's heap after a collection, asked over the DevTools protocol (workers have no performance.memory).
  if (workerSession) {
    await ask(workerSession, 'HeapProfiler.collectGarbage');
    const usage = await ask(workerSession, 'Runtime.getHeapUsage');
    if (typeof usage.usedSize === 'number') heap.push(usage.usedSize / 1e6);
  }
  await page.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`  first rendered row: ${median(first).toFixed(0)} ms from navigation start (goal ≤ 300 ms)`);
console.log(`  all ${EXAMPLES.toLocaleString('en')} loaded, counts final: ${median(all).toFixed(0)} ms`);
console.log(`  search over all, typed to painted: ${median(search).toFixed(0)} ms (goal ≤ 1 s)`);
console.log(`  worker JS heap: ${heap.length ? `${median(heap).toFixed(0)} MB` : 'not measured'} (goal ≤ 300 MB)`);
await browser.close();
await server.close();
rmSync(work, { recursive: true, force: true });
