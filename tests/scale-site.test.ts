/**
 * The site at 500 runs (made up by tests/helpers/scale-fixture.ts: 125 models × 4 variants, four
 * tasks, two examples each to keep the build short): no page is over 300 KB of HTML, the
 * leaderboard is one matrix with a row per run, the home page groups the runs by model, and the
 * big tables' downloads are files. Timings are the bench's (npm run bench), not asserted here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../scripts/ingest/ingest.ts';
import { writeContent } from '../scripts/ingest/write-content.ts';
import { writeScaleFixture } from './helpers/scale-fixture.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';
import { serveDir } from './helpers/static-server.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 500;
const work = mkdtempSync(join(tmpdir(), 'evalsite-scale-site-'));
const dist = join(work, 'dist');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

beforeAll(() => {
  const inputs = [join(work, 'inputs')];
  writeScaleFixture(inputs[0]!, { runs: RUNS, examples: 2, models: RUNS / 4 });
  writeContent(ingest({ inputs, root: ROOT }), join(work, 'content'), inputs);
  const env: NodeJS.ProcessEnv = { ...process.env, EVALSITE_CONTENT: join(work, 'content'), ASTRO_TELEMETRY_DISABLED: '1' };
  for (const k of Object.keys(env)) if (/^(VITEST|VITE_)/.test(k) || ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(k)) delete env[k];
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  buildLog = `${r.stdout}${r.stderr}`;
}, 300_000);
let buildLog = '';

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`the site at ${RUNS} runs`, () => {
  it('builds without a warning (content without studies or records is not a warning per page)', () => {
    expect(buildLog).toContain('page(s) built');
    expect(buildLog.split('\n').filter((l) => l.includes('[WARN]'))).toEqual([]);
  });

  it('has no page over 300 KB of HTML', () => {
    const pages = walk(dist).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(2 * RUNS);
    const big = pages.map((f) => [f.slice(dist.length + 1), statSync(f).size] as const).filter(([, n]) => n > 300 * 1024);
    expect(big).toEqual([]);
  });

  it('ranks every run in one matrix, a column per task, each task on a page of its own', () => {
    for (const lang of ['en', 'zh']) {
      const html = readFileSync(join(dist, lang, 'leaderboard', 'index.html'), 'utf8');
      const body = html.slice(html.indexOf('data-testid="board-matrix"'));
      expect(body.slice(body.indexOf('<tbody'), body.indexOf('</tbody>')).split('<tr').length - 1).toBe(RUNS);
      for (const task of ['gsm8k', 'arc_easy', 'hellaswag', 'winogrande']) {
        expect(html.includes(`/${lang}/leaderboard/${task}/"`)).toBe(true);
        const page = readFileSync(join(dist, lang, 'leaderboard', task, 'index.html'), 'utf8');
        expect(page.split('data-compare-pick').length - 1).toBe(RUNS);
      }
      // No inline rows for downloads: they are files.
      expect(html.includes('data-downloads data-name')).toBe(false);
    }
    const csv = readFileSync(join(dist, 'data', 'tables', 'leaderboard.csv'), 'utf8').trim().split('\r\n');
    expect(csv.length).toBe(1 + RUNS * 5); // the average and four tasks per run
  });

  it('groups the runs by model on the home page, in natural order', () => {
    const html = readFileSync(join(dist, 'en', 'index.html'), 'utf8');
    const groups = [...html.matchAll(/<h3><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(groups).toHaveLength(RUNS / 4);
    expect(groups.slice(0, 4)).toEqual(['scale/model-0', 'scale/model-1', 'scale/model-2', 'scale/model-3']);
    expect(groups.indexOf('scale/model-10')).toBe(10);
    expect(html.split('data-compare-pick').length - 1).toBe(RUNS);
    expect(readFileSync(join(dist, 'data', 'tables', 'runs.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1 + RUNS);
  });

  it.skipIf(!hasChromium())('lays out the first 100 rows of a long ranking; a sort or a filter brings the right rows up; "show all" shows every one', async () => {
    const server = await serveDir(dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}en/leaderboard/`);
      const rows = '[data-testid=board-matrix] tbody tr';
      const visible = () => page.locator(rows).evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement).offsetParent !== null).map((tr) => tr.querySelector('a')?.textContent));
      expect(await visible()).toHaveLength(100);
      // Sorted by gsm8k ascending: the 100 rows shown are the 100 lowest of all 500.
      const col = await page.locator('[data-testid=board-matrix] thead th').evaluateAll((ths) => 1 + ths.findIndex((th) => th.querySelector('a')?.textContent === 'gsm8k'));
      await page.locator(`[data-testid=board-matrix] thead th:nth-child(${col}) button.sort`).click();
      const shownValues = await page.locator(rows).evaluateAll((trs, c) => trs.filter((tr) => (tr as HTMLElement).offsetParent !== null).map((tr) => parseFloat(tr.children[c - 1]!.textContent!)), col);
      const allValues = await page.locator(rows).evaluateAll((trs, c) => trs.map((tr) => parseFloat(tr.children[c - 1]!.textContent!)), col);
      expect(shownValues).toEqual([...allValues].sort((a, b) => a - b).slice(0, 100));
      // A filter finds a run past the first 100.
      await page.fill('[data-board-filter]', 'scale/model-124 ');
      expect(await visible()).toEqual(['scale/model-124', 'scale/model-124', 'scale/model-124', 'scale/model-124']);
      expect(await page.textContent('[data-board-count]')).toBe('runs shown: 4 of 500');
      await page.fill('[data-board-filter]', '');
      await page.click('[data-board-more]');
      expect(await visible()).toHaveLength(500);
      expect(await page.isVisible('[data-board-more]')).toBe(false);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
