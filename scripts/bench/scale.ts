/**
 * npm run bench, scale: the figures of a campaign of BENCH_RUNS runs (500) × 4 tasks ×
 * BENCH_EXAMPLES examples (500, so a million), made up by tests/helpers/scale-fixture.ts in a
 * temporary folder, each printed beside its goal. Whole commands are timed as a user runs them
 * (`npm run ingest`, `astro build`), with peak memory from /usr/bin/time; the bare loop
 * (read + split + JSON.parse of the same files) runs in the same process for the ratio.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleFixture } from '../../tests/helpers/scale-fixture.ts';
import { INGEST_ENV, timed } from './timed-command.ts';
import { serveDir } from '../../tests/helpers/static-server.ts';
import { hasChromium, launchBrowser } from '../../tests/helpers/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const EXAMPLES = Number(process.env.BENCH_EXAMPLES ?? 500);
const MODELS = Math.max(1, Math.round(RUNS / 4));

const work = mkdtempSync(join(tmpdir(), 'evalsite-scale-'));
const inputs = join(work, 'inputs');
const content = join(work, 'content');
const dist = join(work, 'dist');
const rows: [string, string, string][] = [];
const row = (figure: string, measured: string, goal = '') => {
  rows.push([figure, measured, goal]);
  console.log(`  ${figure}: ${measured}${goal ? `   (goal ${goal})` : ''}`);
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

console.log(`scale bench: ${RUNS} runs × 4 tasks × ${EXAMPLES} examples (${(RUNS * 4 * EXAMPLES).toLocaleString('en')} examples), node ${process.version}`);
writeScaleFixture(inputs, { runs: RUNS - 1, examples: EXAMPLES, models: MODELS });
const files = walk(inputs);
const inputBytes = files.reduce((s, f) => s + statSync(f).size, 0);
row('input', `${files.length} files, ${mb(inputBytes)}`);

// The bare loop: what reading these files costs before any of evalsite's work.
let s = performance.now();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  if (f.endsWith('.json')) JSON.parse(text);
  else for (const line of text.split('\n')) if (line) JSON.parse(line);
}
const bareSeconds = (performance.now() - s) / 1000;
row('bare read + split + JSON.parse', `${bareSeconds.toFixed(1)} s, ${(inputBytes / 1e6 / bareSeconds).toFixed(0)} MB/s`);

const node = process.execPath;
const ingestCmd = [node, join(ROOT, 'scripts/ingest/cli.ts'), inputs, '--out', content, '--quiet'];
// As `npm run ingest` runs it (package.json): two malloc arenas.
const first = timed(ingestCmd, INGEST_ENV);
row('npm run ingest (cold)', `${first.seconds.toFixed(1)} s, ${(inputBytes / 1e6 / first.seconds).toFixed(0)} MB/s = ${(bareSeconds / first.seconds).toFixed(2)}× bare`, '≥ 0.5× bare');
row('ingest peak RSS', `${first.rssMb.toFixed(0)} MB`, '≤ 512 MB');

const env = { ...process.env, EVALSITE_CONTENT: content, ASTRO_TELEMETRY_DISABLED: '1' };
const astro = [node, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist];
const build = timed(astro, env);
row('astro build (cold)', `${build.seconds.toFixed(1)} s, peak RSS ${build.rssMb.toFixed(0)} MB`);

const distFiles = walk(dist);
const distBytes = distFiles.reduce((n, f) => n + statSync(f).size, 0);
row('dist', `${distFiles.length} files, ${mb(distBytes)}`, '≤ 370 MB at 500 runs / 1M examples');
const html = distFiles.filter((f) => f.endsWith('.html')).map((f) => ({ f, n: statSync(f).size })).sort((a, b) => b.n - a.n);
row('largest page', `${(html[0]!.n / 1024).toFixed(0)} KB (${html[0]!.f.slice(dist.length + 1)})`, '≤ 300 KB');
for (const p of ['en/index.html', 'en/leaderboard/index.html', 'en/leaderboard/gsm8k/index.html']) if (existsSync(join(dist, p))) row(`page ${p}`, `${(statSync(join(dist, p)).size / 1024).toFixed(0)} KB`, '≤ 300 KB');

// One more run: what adding a result to a big site costs.
writeScaleFixture(inputs, { runs: 1, examples: EXAMPLES, models: MODELS, from: RUNS - 1 });
const again = timed(ingestCmd, INGEST_ENV);
row('ingest after adding one run', `${again.seconds.toFixed(1)} s`, '≤ 3 s');
const rebuild = timed(astro, env);
row('build after adding one run', `${rebuild.seconds.toFixed(1)} s; ingest + build ${(again.seconds + rebuild.seconds).toFixed(1)} s`, '≤ 20 s end to end');

// The home page at this many runs, in headless Chromium: load, then a filter keystroke.
if (hasChromium()) {
  const server = await serveDir(dist);
  const browser = await launchBrowser();
  const loads: number[] = [];
  const plain: number[] = [];
  const filters: number[] = [];
  const loadTime = async (path: string) => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
    return { page, ms };
  };
  const inTab: number[] = [];
  for (let r = 0; r < 5; r++) {
    // A page with no table beside it, loaded the same way: what any page costs on this machine.
    const base = await loadTime('en/methods/');
    plain.push(base.ms);
    // As a reader goes there: from another page of the site, in the same tab (no new renderer).
    await base.page.goto(`${server.url}en/`, { waitUntil: 'load' });
    inTab.push(await base.page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration));
    await base.page.close();
    const { page, ms } = await loadTime('en/');
    loads.push(ms);
    filters.push(await page.evaluate(() => new Promise<number>((resolve) => {
      const input = document.querySelector<HTMLInputElement>('[data-run-filter]')!;
      const t0 = performance.now();
      input.value = 'model-42';
      input.dispatchEvent(new Event('input'));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    })));
    await page.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  row(`home page load (${RUNS} runs, navigation to load event, new tab)`, `${median(loads).toFixed(0)} ms (the methods page, no table: ${median(plain).toFixed(0)} ms)`, '≤ 200 ms interactive');
  row(`home page load (${RUNS} runs, from another page in the same tab)`, `${median(inTab).toFixed(0)} ms`, '≤ 200 ms interactive');
  row('home filter keystroke to painted', `${median(filters).toFixed(0)} ms`, '≤ 200 ms');
  await browser.close();
  await server.close();
}

console.log('\n| figure | measured | goal |\n|---|---|---|');
for (const [f, m, g] of rows) console.log(`| ${f} | ${m} | ${g} |`);
rmSync(work, { recursive: true, force: true });
