/**
 * Site benchmarks, side by side in one run: page weight (HTML + JS + CSS, gzip) of each page type,
 * and the examples browser's time to first rendered row and to all shards loaded with 100,000
 * examples in one task, in headless Chromium. Builds its own site from the examples plus a
 * synthetic 100k-example run into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingest } from '../ingest/ingest.ts';
import { writeContent } from '../ingest/write-content.ts';
import { serveDir } from '../../tests/helpers/static-server.ts';
import { examplesLoadTimes, hasChromium, launchBrowser } from '../../tests/helpers/browser.ts';
import { writeSyntheticRun } from '../../tests/helpers/synthetic-run.ts';
import { auditPages } from '../../tests/helpers/lighthouse.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!hasChromium()) {
  console.log('site bench skipped: no Chromium (apt-get install chromium)');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'evalsite-sitebench-'));
const content = join(work, 'content');
const dist = join(work, 'dist');
const inputs = [join(ROOT, 'examples'), writeSyntheticRun(join(work, 'scale-run'), 100_000)];
writeContent(ingest({ inputs, root: ROOT }), content, inputs);
const env = { ...process.env, EVALSITE_CONTENT: content, ASTRO_TELEMETRY_DISABLED: '1' };
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist], { cwd: ROOT, env, encoding: 'utf8' });
if (build.status !== 0) throw new Error(build.stderr || build.stdout);

const server = await serveDir(dist);
const browser = await launchBrowser();

const PAGES: [string, string][] = [
  ['home', 'en/'],
  ['study (seed 000)', 'en/studies/qwen3-30b-a3b-instruct-2507-variants/'],
  ['study (paired, collected)', 'en/studies/qwen2.5-7b-instruct-variants/'],
  ['run (lm-eval record, 68 tasks)', 'en/runs/qwen2.5-7b-awq-record/'],
  ['examples browser (12 examples)', 'en/runs/qwen2.5-72b-instruct-quality-20260224t140000z/examples/gsm8k/'],
  ['flips', 'en/studies/qwen2.5-7b-instruct-variants/flips/fp8/gsm8k/'],
  ['leaderboard', 'en/leaderboard/'],
  ['task ranking', 'en/leaderboard/gsm8k/'],
  ['serving', 'en/serving/'],
  ['record', 'en/records/qwen2.5-7b-awq-record/'],
  ['problems', 'en/problems/'],
  ['methods (MDX)', 'en/methods/'],
  ['search', 'en/search/'],
];

console.log('\n| page type | HTML gz | JS gz | CSS gz | total gz | requests |');
console.log('|---|---|---|---|---|---|');
for (const [label, path] of PAGES) {
  const page = await browser.newPage();
  const sizes = { html: 0, js: 0, css: 0 };
  let requests = 0;
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    const url = res.url().split('?')[0]!;
    // Workers and module preloads count as JS by their extension.
    const kind = type === 'document' ? 'html' : type === 'script' || url.endsWith('.js') ? 'js' : type === 'stylesheet' || url.endsWith('.css') ? 'css' : undefined;
    if (!kind) return;
    requests++;
    pending.push(res.body().then((b) => void (sizes[kind] += gzipSync(b).length)).catch(() => undefined));
  });
  await page.goto(server.url + path, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`| ${label} | ${kb(sizes.html)} | ${kb(sizes.js)} | ${kb(sizes.css)} | ${kb(sizes.html + sizes.js + sizes.css)} | ${requests} |`);
  await page.close();
}

const firstRow: number[] = [];
const allLoaded: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const page = await browser.newPage();
  await page.goto(`${server.url}en/runs/scale-test-scale-run/examples/gsm8k/`);
  const t = await examplesLoadTimes(page);
  firstRow.push(t.first);
  allLoaded.push(t.all);
  await page.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\nexamples browser, 100,000 examples in one task (200 shards of 500), ${ROUNDS} page loads, median from navigation start:`);
console.log(`| first rendered row | all shards loaded, counts final |\n|---|---|\n| ${median(firstRow).toFixed(0)} ms | ${median(allLoaded).toFixed(0)} ms |`);

// Lighthouse, all four categories, desktop and mobile settings (simulated throttling), both languages.
const AUDITED = ['', 'studies/qwen2.5-7b-instruct-variants/', 'runs/qwen2.5-7b-instruct-fp8/', 'runs/qwen2.5-72b-instruct-quality-20260224t140000z/examples/gsm8k/', 'serving/', 'leaderboard/', 'compare/?runs=qwen2.5-7b-instruct-original,qwen2.5-7b-instruct-fp8'];
for (const mode of ['desktop', 'mobile'] as const) {
  const results = await auditPages(['en', 'zh'].flatMap((lang) => AUDITED.map((p) => `${server.url}${lang}/${p}`)), { mode });
  console.log(`
Lighthouse (${mode}): performance / accessibility / best practices / SEO, CLS`);
  console.log('| page | en | zh |\n|---|---|---|');
  for (const p of AUDITED) {
    const cell = (lang: string) => {
      const r = results.find((x) => x.url === `${server.url}${lang}/${p}`)!;
      return `${['performance', 'accessibility', 'best-practices', 'seo'].map((k) => r.scores.get(k)).join(' / ')}, ${r.cls.toFixed(3)}`;
    };
    console.log(`| ${p || 'home'} | ${cell('en')} | ${cell('zh')} |`);
  }
}

await browser.close();
await server.close();
rmSync(work, { recursive: true, force: true });
