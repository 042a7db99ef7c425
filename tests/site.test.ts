/**
 * The built site: `ensure-content` + `astro build` from an empty content folder (as on a fresh
 * clone) with the embedded examples and an XSS fixture, then a real browser (Debian's Chromium via
 * playwright-core) over every page type in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ingest } from '../scripts/ingest/ingest.ts';
import { writeContent } from '../scripts/ingest/write-content.ts';
import { serveDir } from './helpers/static-server.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';
import { auditPages } from './helpers/lighthouse.ts';
import { writeF1Run, writeSyntheticRun } from './helpers/synthetic-run.ts';
import { PLANTED_SECRETS, writeSecretRun } from './helpers/secret-forms.ts';
import { gunzipSync } from 'node:zlib';
import { SHARD_SUFFIX } from '../domain/shard-file.ts';
import { shardParts, shardRecordsOf } from '../domain/shard-format.ts';
import { isValid } from '../domain/validate.ts';

const SCALE = 100_000;

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'evalsite-site-'));
const content = join(work, 'content');
const dist = join(work, 'dist');
const BASE = '/reports/evalsite/';

// Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test...) into process.env; a child
// Astro build must not inherit them or it ignores the configured base path.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(VITEST|VITE_)/.test(k) || ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(k)) delete env[k];
  return env;
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [cmd, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...cleanEnv(), ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  // As on a fresh clone: an empty content folder is filled from the embedded examples.
  const out = run(join(ROOT, 'scripts/ingest/ensure-content.ts'), [], { EVALSITE_CONTENT: content });
  expect(out).toContain('ingested the embedded examples');
  // A study collected by `npm run collect` (stand-in vllm and lm_eval on PATH, the GPU boundary).
  cpSync(join(ROOT, 'tests/fixtures/collect'), join(work, 'collect'), { recursive: true });
  const collected = spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), '--config', join(work, 'collect/study.yaml'), '--out', join(work, 'collected')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(ROOT, 'tests/stand-ins')}:${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`, CI: '1', STANDIN_SCRIPT: JSON.stringify({ 'what is 38 + 7': { kind: 'wrong' } }) },
  });
  if (collected.status !== 0) throw new Error(`collect failed:\n${collected.stderr}`);
  // Then the XSS fixture and a 100,000-example run are added to the same content set.
  // And a run with every secret form in every place one can travel from (swept for in dist below).
  const inputs = [join(ROOT, 'examples'), join(ROOT, 'tests/fixtures/xss'), writeSyntheticRun(join(work, 'scale-run'), SCALE), join(work, 'collected'), writeSecretRun(join(work, 'secrets')), join(ROOT, 'tests/fixtures/impossible'), writeF1Run(join(work, 'f1-run'))];
  writeContent(ingest({ inputs, root: ROOT }), content, inputs);
  run(join(ROOT, 'node_modules/astro/bin/astro.mjs'), ['build', '--outDir', dist], { EVALSITE_CONTENT: content, EVALSITE_BASE: BASE });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function pagesOf(kind: string): string[] {
  return readdirSync(join(dist, 'en', kind)).filter((d) => existsSync(join(dist, 'en', kind, d, 'index.html')));
}

describe('npm run build', () => {
  it('writes every page in both languages under the base path', () => {
    for (const lang of ['en', 'zh']) {
      expect(existsSync(join(dist, lang, 'index.html'))).toBe(true);
      expect(existsSync(join(dist, lang, 'problems', 'index.html'))).toBe(true);
    }
    expect(pagesOf('studies').length).toBeGreaterThanOrEqual(3);
    expect(pagesOf('runs').length).toBeGreaterThanOrEqual(18);
    for (const kind of ['studies', 'runs']) for (const p of pagesOf(kind)) expect(existsSync(join(dist, 'zh', kind, p, 'index.html')), p).toBe(true);
    const home = readFileSync(join(dist, 'zh', 'index.html'), 'utf8');
    expect(home).toContain('<html lang="zh-CN"');
    expect(home.match(/href="[^"]*problems[^"]*"/)?.[0]).toBe(`href="${BASE}zh/problems/"`);
  });

  it('copies per-example shards for the browser to load on demand, gzipped', () => {
    const idx = readdirSync(join(dist, 'data', 'examples'));
    expect(idx.length).toBeGreaterThan(0);
    const dir = join(dist, 'data', 'examples', 'scale-test-scale-run', 'gsm8k');
    const shards = readdirSync(dir).filter((f) => f !== 'index.json');
    expect(shards).toHaveLength(SCALE / 500);
    expect(shards.every((f) => /^\d{4}-[0-9a-f]{12}\.json\.gz$/.test(f))).toBe(true);
    const bytes = readFileSync(join(dir, shards[0]!));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const doc: unknown = JSON.parse(gunzipSync(bytes).toString('utf8'));
    expect(isValid('example-shard.schema.json', doc)).toBe(true);
    expect(shardParts(doc)?.records.length).toBe(500);
    // Stored compressed: a quarter of the JSON or less.
    expect(bytes.length * 4).toBeLessThan(gunzipSync(bytes).length);
  });

  it('never puts a secret into the site: every planted form, in every file of dist, the compressed search index included', () => {
    expect(PLANTED_SECRETS.length).toBeGreaterThanOrEqual(20);
    const secrets = [...PLANTED_SECRETS, 'sk-live-', 'hf_abcdefghij', 'EXAMPLE-NOT-A-SECRET'];
    const found: string[] = [];
    let files = 0;
    let searchIndexFiles = 0;
    const sweep = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          sweep(path);
          continue;
        }
        let bytes = readFileSync(path);
        // Pagefind's index and fragments are gzip streams: search what they decompress to.
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
          bytes = gunzipSync(bytes);
          searchIndexFiles++;
        }
        let text = bytes.toString('utf8');
        // A shard stores its prompts' shared start once: search the prompts whole too.
        if (path.endsWith(SHARD_SUFFIX)) text += JSON.stringify(shardRecordsOf(JSON.parse(text)));
        files++;
        for (const s of secrets) if (text.includes(s)) found.push(`${path.slice(dist.length)}: ${s}`);
      }
    };
    sweep(dist);
    expect(found).toEqual([]);
    expect(searchIndexFiles).toBeGreaterThan(0);
    // The secret run itself was published (its pages were swept, not skipped).
    expect(files).toBeGreaterThan(100);
    expect(readdirSync(join(dist, 'en', 'runs')).some((d) => d.includes('secret'))).toBe(true);
  });
});

/**
 * One built page per route file under src/pages/[lang] (and the per-language MDX pages), so a new
 * page is visited by the browser test without editing this list.
 */
function routeSamples(): { paths: string[]; missing: string[] } {
  const pagesDir = join(ROOT, 'src', 'pages');
  const routeFiles = (dir: string, prefix: string): string[] =>
    readdirSync(join(pagesDir, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(join(dir, e.name), `${prefix}${e.name}/`) : /\.(astro|mdx|md)$/.test(e.name) ? [`${prefix}${e.name}`] : []));
  const routes = [...routeFiles('[lang]', ''), ...routeFiles('en', '')];
  const built = (dir: string, prefix: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? built(join(dir, e.name), `${prefix}${e.name}/`) : e.name === 'index.html' ? [prefix] : []));
  const pages = built(join(dist, 'en'), '');
  const paths: string[] = [];
  const missing: string[] = [];
  for (const route of routes) {
    // analysis/[task].astro -> ^analysis/[^/]+/$ ; records/index.astro -> ^records/$ ; index.astro -> ^$
    const pattern = route.replace(/\.(astro|mdx|md)$/, '').replace(/(^|\/)index$/, '').split('/').filter(Boolean).map((seg) => (/^\[\w+\]$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const re = new RegExp(`^${pattern.map((s) => `${s}/`).join('')}$`);
    const hit = pages.find((p) => re.test(p));
    if (hit === undefined) missing.push(route);
    else paths.push(hit);
  }
  return { paths, missing };
}

describe.skipIf(!hasChromium())('in a browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;
  beforeAll(async () => {
    server = await serveDir(dist, BASE);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(path: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} ${m.location().url ?? ''}`));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(server.url + path);
    expect(res?.status(), path).toBe(200);
    return { page, errors, dialogs };
  }

  it('loads every page type in both languages without console errors', async () => {
    const study = pagesOf('studies')[0]!;
    const runPage = pagesOf('runs')[0]!;
    for (const lang of ['en', 'zh']) {
      for (const p of ['', 'problems/', `studies/${study}/`, `runs/${runPage}/`]) {
        const { page, errors } = await visit(`${lang}/${p}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang === 'en' ? 'en' : 'zh-CN');
        expect(errors, `${lang}/${p}`).toEqual([]);
        await page.close();
      }
    }
  });

  it('sends / to a language and the switch keeps the page', async () => {
    const { page } = await visit('');
    await page.waitForURL(/\/(en|zh)\/$/);
    const study = pagesOf('studies')[0]!;
    await page.goto(`${server.url}en/studies/${study}/`);
    await page.click('[data-testid=lang-switch]');
    await page.waitForURL(`**/zh/studies/${study}/`);
    expect(await page.textContent('h2')).toBe('结论'); // the decision card comes first
    await page.click('[data-testid=lang-switch]');
    await page.waitForURL(`**/en/studies/${study}/`);
    await page.close();
  });

  it('shows the example-data banner and the study table of seed 000', async () => {
    const { page } = await visit('en/studies/qwen3-30b-a3b-instruct-2507-variants/');
    expect(await page.isVisible('[data-testid=example-banner]')).toBe(true);
    const cells = await page.$$eval('[data-testid=study-table] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));
    expect(cells).toEqual(['accuracy', '★ 78.56%', '77.89% -0.67 pp', '76.54% -2.02 pp']);
    await page.close();
  });

  it('marks an impossible value on the run page in both languages, and leaves it off the leaderboard', async () => {
    for (const [lang, label] of [['en', 'impossible'], ['zh', '不可能的值']] as const) {
      const { page } = await visit(`${lang}/runs/impossible-7b/`);
      const marks = await page.$$eval('[data-testid=impossible]', (els) => els.map((e) => [e.closest('td')?.textContent?.replace(/\s+/g, ' ').trim(), e.getAttribute('title')]));
      expect(marks.map(([cell]) => cell)).toEqual([`7.5 ${label}`, `-3 ${label}`]);
      expect(marks[0]?.[1]).toContain('7.5');
      await page.close();
    }
    const board = readFileSync(join(dist, 'en', 'leaderboard', 'index.html'), 'utf8');
    expect(board).not.toContain('Impossible-7B');
  });

  it('lists ingest problems with file, line and field', async () => {
    const { page } = await visit('zh/problems/');
    const text = await page.textContent('[data-testid=problem-table]');
    expect(text).toContain('错误');
    expect(text).toContain('JSON ends early');
    await page.close();
  });

  it('shows XSS payloads from data as text: no dialog, no script run, no element injected', async () => {
    const evil = [...pagesOf('runs').filter((p) => p.startsWith('run') || p.startsWith('md') || p.includes('img')), ...pagesOf('studies').filter((s) => s.includes('evil') || s.includes('img'))];
    expect(evil.length).toBeGreaterThanOrEqual(3);
    const evilRuns = evil.filter((e) => !pagesOf('studies').includes(e));
    for (const lang of ['en', 'zh']) {
      for (const p of ['', 'problems/', `compare/?runs=${evilRuns.slice(0, 3).join(',')}`, ...evil.map((e) => (pagesOf('studies').includes(e) ? `studies/${e}/` : `runs/${e}/`))]) {
        const { page, dialogs } = await visit(`${lang}/${p}`);
        // The compare page renders its tables from the runs' data in the browser.
        if (p.startsWith('compare/')) await page.waitForSelector('[data-testid=compare-table]');
        expect(dialogs, p).toEqual([]);
        expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), p).toBeUndefined();
        // Our own scripts are JSON data islands and bundled modules; an injected one would be neither.
        expect(await page.$$eval('main img, main script:not([type="application/json"]):not([type="module"])', (els) => els.length), p).toBe(0);
        expect(await page.$$eval('main *', (els) => els.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length), p).toBe(0);
        await page.close();
      }
    }
    const { page } = await visit(`en/`);
    expect(await page.textContent('body')).toContain('<img src=x onerror="window.__xss=1">');
    await page.close();
  }, 90_000);

  it('examples browser: filters with counts, search, deep link to an opened example, Escape closes', async () => {
    const path = 'runs/qwen2.5-72b-instruct-quality-20260224t140000z/examples/gsm8k/';
    const { page, errors } = await visit(`en/${path}`);
    await page.waitForSelector('[data-testid=rows] button.row');
    expect(await page.textContent('[data-filter=all]')).toBe('All (12)');
    await page.click('[data-filter=unscorable]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=rows] li').length === 1);
    expect(page.url()).toContain('filter=unscorable');
    await page.click('[data-testid=rows] button.row');
    await page.waitForSelector('[data-testid=detail]:not([hidden])');
    expect(await page.textContent('[data-testid=detail] .reason')).toContain("no '#### <number>'");
    expect(page.url()).toContain('ex=gsm8k-demo-009');
    // The language switch carries the state: the same example opens in Chinese.
    const zh = page;
    await zh.click('[data-testid=lang-switch]');
    await zh.waitForURL(`**/zh/${path}?filter=unscorable&ex=gsm8k-demo-009`);
    await zh.waitForSelector('[data-testid=detail]:not([hidden])');
    expect(await zh.textContent('[data-filter=unscorable]')).toBe('无法评分 (1)');
    expect(await zh.textContent('[data-testid=detail] h2')).toBe('样例 gsm8k-demo-009');
    await zh.keyboard.press('Escape');
    expect(await zh.isHidden('[data-testid=detail]')).toBe(true);
    await zh.click('[data-testid=lang-switch]');
    await page.waitForURL(`**/en/${path}?filter=unscorable`);
    await page.waitForSelector('[data-testid=rows] button.row');
    // Search narrows the list and the counts.
    await page.click('[data-filter=all]');
    await page.fill('[data-testid=search]', 'GSM8K-demo-004');
    await page.waitForFunction(() => document.querySelector('[data-filter=all]')?.textContent === 'All (1)');
    await page.click('[data-testid=rows] button.row');
    await page.waitForSelector('[data-testid=detail]:not([hidden])');
    const marked = await page.textContent('[data-testid=detail] mark');
    expect(marked).toBe(await page.textContent('[data-testid=detail] .block:nth-of-type(3) pre'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('examples browser: the first page comes from the page itself while the worker starts (worker script held back)', async () => {
    const page = await browser.newPage();
    // The worker never arrives: before, the page waited for it to fetch and show anything.
    await page.route(/\/_astro\/worker-[^/]*\.js$/, (route) => route.abort());
    await page.goto(`${server.url}zh/runs/qwen2.5-72b-instruct-quality-20260224t140000z/examples/gsm8k/`);
    await page.waitForSelector('[data-testid=rows] button.row', { timeout: 10_000 });
    expect(await page.$$eval('[data-testid=rows] li', (li) => li.length)).toBeGreaterThan(0);
    // The index was asked for before any script ran (a preload), and fetched once.
    expect(await page.$$eval('link[rel=preload][as=fetch]', (l) => l.map((x) => x.getAttribute('href')))).toEqual([expect.stringMatching(/\/data\/examples\/.*\/index\.json$/)]);
    await page.close();
  });

  it('examples browser: j/k and arrows step through examples shown beside the list (below it at 390 px), search marks, an empty result offers to clear', async () => {
    const path = 'en/runs/qwen2.5-72b-instruct-quality-20260224t140000z/examples/gsm8k/';
    const { page, errors } = await visit(path);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForSelector('[data-testid=rows] button.row');
    const ids = await page.$$eval('[data-testid=rows] button.row', (bs) => bs.map((b) => (b as HTMLElement).dataset.id));
    await page.keyboard.press('j');
    await page.waitForSelector('[data-testid=detail]:not([hidden])');
    expect(await page.getAttribute('button.row[aria-current=true]', 'data-id')).toBe(ids[0]);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((id) => document.querySelector('button.row[aria-current=true]')?.getAttribute('data-id') === id, ids[1]);
    expect(page.url()).toContain(`ex=${ids[1]}`);
    await page.keyboard.press('k');
    await page.waitForFunction((id) => document.querySelector('[data-testid=detail] h2')?.textContent?.endsWith(id!), ids[0]);
    // Side by side: the example starts level with the list, to its right.
    const list = (await page.locator('.list-pane').boundingBox())!;
    const detail = (await page.locator('[data-testid=detail]').boundingBox())!;
    expect(detail.x).toBeGreaterThan(list.x + list.width - 1);
    expect(Math.abs(detail.y - list.y)).toBeLessThan(20);
    await page.click('[data-testid=next-example]');
    await page.waitForFunction((id) => document.querySelector('button.row[aria-current=true]')?.getAttribute('data-id') === id, ids[1]);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('[data-testid=detail]')).toBe(true);
    // Search terms are marked in the rows; no match says so and offers to clear.
    await page.fill('[data-testid=search]', 'the');
    await page.waitForSelector('[data-testid=rows] mark.hit');
    await page.fill('[data-testid=search]', 'no-such-text-anywhere');
    await page.waitForSelector('[data-testid=empty]:not([hidden]) [data-testid=clear]');
    await page.click('[data-testid=clear]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=rows] button.row').length === n, ids.length);
    // Narrow screens: the example below the list.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.keyboard.press('j');
    await page.waitForSelector('[data-testid=detail]:not([hidden])');
    const narrowList = (await page.locator('.list-pane').boundingBox())!;
    const narrowDetail = (await page.locator('[data-testid=detail]').boundingBox())!;
    expect(narrowDetail.y).toBeGreaterThan(narrowList.y + narrowList.height - 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links a run to its studies and its model page, which lists the model\'s runs and studies', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await visit(`${lang}/runs/qwen2.5-7b-instruct-fp8/`);
      expect(await page.textContent('[data-testid=run-studies]')).toContain('Qwen/Qwen2.5-7B-Instruct: original vs fp8');
      // No standard error in the source: computed from n (70.69% of 58 → ±5.98 points), and marked so.
      expect(await page.textContent('[data-testid=stderr-from-n]')).toBe('±5.98*');
      await page.click('[data-testid=model-link]');
      await page.waitForURL(`**/${lang}/models/**`);
      expect(await page.locator('[data-testid=model-studies] a').count()).toBeGreaterThan(0);
      await page.goBack();
      await page.click('[data-testid=run-studies] a');
      // The study links each variant's examples of a task.
      const links = await page.$$eval('[data-testid=variant-examples]', (as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      expect(links.some((p) => p.includes('/runs/qwen2.5-7b-instruct-fp8/examples/'))).toBe(true);
      await page.goBack();
      await page.click('[data-testid=model-link]');
      await page.waitForURL(`**/${lang}/models/**`);
      expect(await page.textContent('[data-testid=model-studies]')).toContain('original vs fp8');
      expect(await page.locator('[data-testid=run-table] tbody tr').count()).toBeGreaterThanOrEqual(2);
      // Back on the run: its leaderboard row, and the comparison and flips against its study's baseline.
      await page.goBack();
      const board = await page.$eval('[data-testid=run-boards] a', (a) => (a as HTMLAnchorElement).pathname);
      expect(board).toBe(`${BASE}${lang}/leaderboard/gsm8k/`);
      await page.click('[data-testid=run-vs-baseline] a >> nth=1');
      await page.waitForFunction(() => /\((\d+)\)/.test(document.querySelector('[data-filter=lost]')?.textContent ?? '') && !document.querySelector('[data-filter=lost]')?.textContent?.includes('…') && !document.querySelector('[data-testid=status]')?.textContent?.match(/loading|加载中/));
      expect(await page.textContent('[data-filter=lost]')).toMatch(/\(5\)$/);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('sorts data tables by a header click, numbers as numbers, again in reverse', async () => {
    const { page, errors } = await visit('zh/leaderboard/gsm8k/');
    const table = '[data-testid=board-task] >> nth=0';
    const values = async () => (await page.locator(table).locator('tbody tr td:nth-child(5)').allTextContents()).map((s) => Number(s.replace(/[^\d.-]/g, '')));
    await page.locator(table).locator('thead th:nth-child(5) button.sort').click();
    const up = await values();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await page.locator(table).locator('thead th:nth-child(5)').getAttribute('aria-sort')).toBe('ascending');
    await page.locator(table).locator('thead th:nth-child(5) button.sort').click();
    const down = await values();
    expect(down).toEqual([...up].reverse());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaderboard: a runs x tasks matrix sorted by a column and filtered by a word kept in the address; each task ranked in full on its page; downloads are files', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await visit(`${lang}/leaderboard/`);
      const matrix = page.locator('[data-testid=board-matrix]');
      const heads = await matrix.locator('thead th a').evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).pathname]));
      expect(heads).toContainEqual(['gsm8k', `${BASE}${lang}/leaderboard/gsm8k/`]);
      const all = await matrix.locator('tbody tr').count();
      expect(all).toBeGreaterThan(10);
      // Sorted by gsm8k: numbers ascending, the runs without a gsm8k score last.
      const col = 1 + heads.findIndex(([t]) => t === 'gsm8k') + (await matrix.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.querySelector('a'))));
      await matrix.locator(`thead th:nth-child(${col}) button.sort`).click();
      const cells = await matrix.locator(`tbody tr td:nth-child(${col})`).allTextContents();
      const numbers = cells.filter((c) => c !== '—').map((c) => Number(c.replace(/[^\d.]/g, '')));
      expect(numbers.length).toBeGreaterThanOrEqual(4);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(cells.slice(numbers.length).every((c) => c === '—')).toBe(true);
      // Filtered: only Qwen2.5-7B-Instruct's runs stay, the count says so, the address keeps the words.
      await page.fill('[data-board-filter]', 'qwen2.5-7b-instruct');
      const shown = await matrix.locator('tbody tr:not([hidden])').allTextContents();
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(shown.every((t) => t.toLowerCase().includes('qwen2.5-7b-instruct'))).toBe(true);
      expect(await page.textContent('[data-board-count]')).toBe(lang === 'en' ? `runs shown: ${shown.length} of ${all}` : `显示 ${shown.length} / ${all} 个运行`);
      expect(new URL(page.url()).searchParams.get('q')).toBe('qwen2.5-7b-instruct');
      await page.reload();
      expect(await matrix.locator('tbody tr:not([hidden])').count()).toBe(shown.length);
      // The download is a file of every ranking, one row per run and task.
      const csv = await (await page.request.get(new URL(await page.getAttribute('[data-testid=download-files] a[download$=".csv"]', 'href') ?? '', page.url()).href)).text();
      expect(csv.split('\r\n')[0]).toBe('\ufeffrun,model,variant,task,metric,value,ci_low,ci_high,sampled');
      expect(csv).toMatch(/\r\nqwen2\.5-7b-instruct-fp8,Qwen\/Qwen2\.5-7B-Instruct,fp8,gsm8k,accuracy,0\.7069/);
      // A task's own page: every run with its interval and tier.
      await page.click(`[data-testid=board-matrix] thead th a[href$="/leaderboard/gsm8k/"]`);
      await page.waitForURL(`**/${lang}/leaderboard/gsm8k/`);
      expect(await page.locator('[data-testid=board-task] tbody tr').count()).toBe(numbers.length);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('home: runs grouped by model with their studies, filtered by any word, groups ordered by newest or size', async () => {
    const { page, errors } = await visit('zh/');
    const groups = page.locator('[data-testid=run-table] section');
    const total = await groups.count();
    expect(total).toBeGreaterThan(10);
    const qwen7 = groups.filter({ has: page.locator('h3 a', { hasText: /^Qwen\/Qwen2\.5-7B-Instruct$/ }) });
    expect(await qwen7.locator('h3').textContent()).toContain('original vs fp8');
    // A study's title finds exactly its runs (the header names the study, but other runs of the model are not in it).
    await page.fill('[data-run-filter]', 'Qwen/Qwen2.5-7B-Instruct: original vs fp8');
    const visible = '[data-testid=run-table] section:not([hidden]) tbody tr:not([hidden])';
    expect(await page.locator(visible).evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.getAttribute('href')?.split('/runs/')[1]))).toEqual(['qwen2.5-7b-instruct-fp8/', 'qwen2.5-7b-instruct-original/']);
    await page.fill('[data-run-filter]', 'qwen2.5 awq');
    const rows = await page.locator(visible).allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.includes('awq'))).toBe(true);
    expect(await page.textContent('[data-run-count]')).toBe(`运行：${rows.length} · 模型：${await page.locator('[data-testid=run-table] section:not([hidden])').count()}`);
    await page.fill('[data-run-filter]', '');
    await page.selectOption('[data-run-sort]', 'runs');
    const sizes = await groups.evaluateAll((bs) => bs.map((b) => Number((b as HTMLElement).dataset.runs)));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('runs');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('examples browser: order by a per-example metric and filter it by range, kept in the address', async () => {
    const run = pagesOf('runs').find((p) => p.includes('f1-model'))!;
    const path = `en/runs/${run}/examples/squadv2/`;
    const { page, errors } = await visit(path);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=range]').length > 0);
    // F1 is continuous and gets a range; exact match is 0/1 and is a filter already (correct / incorrect).
    expect(await page.locator('[data-testid=range] .name').allTextContents()).toEqual(['f1']);
    expect(await page.textContent('.row-head')).toContain('extracted answer / reference');
    await page.click('[data-testid=ranges] summary');
    await page.fill('[data-testid=range] input[data-bound=min]', '0.5');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.startsWith('10 '));
    await page.selectOption('[data-testid=sort]', '-metric:f1');
    await page.waitForFunction(() => document.querySelector('[data-testid=rows] button.row')?.getAttribute('data-id') === '19');
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('-metric:f1');
    expect(url.searchParams.getAll('r')).toEqual(['f1:0.5:']);
    // The address alone gives the same view.
    const again = await visit(`${path}${url.search}`);
    await again.page.waitForFunction(() => document.querySelector('[data-testid=rows] button.row')?.getAttribute('data-id') === '19' && document.querySelector('[data-testid=status]')?.textContent?.startsWith('10 '));
    expect(await again.page.inputValue('[data-testid=range] input[data-bound=min]')).toBe('0.5');
    expect(await again.page.locator('[data-testid=rows] button.row').count()).toBe(10);
    expect([...errors, ...again.errors]).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('flips view lists right-to-wrong and wrong-to-right pairs side by side', async () => {
    const { page } = await visit('en/studies/qwen2.5-7b-instruct-variants/flips/fp8/gsm8k/');
    await page.waitForFunction(() => /Right → wrong \(\d+\)/.test(document.querySelector('[data-filter=lost]')?.textContent ?? '') && !document.querySelector('[data-testid=status]')?.textContent?.includes('loading'));
    // The same pairs the study's McNemar test counts (5 down, 1 up); 2 the variant could not score apart.
    expect(await page.textContent('[data-filter=lost]')).toBe('Right → wrong (5)');
    expect(await page.textContent('[data-filter=gained]')).toBe('Wrong → right (1)');
    expect(await page.textContent('[data-filter=unscorable]')).toBe('Unscorable (2)');
    await page.click('[data-filter=gained]');
    await page.click('[data-testid=rows] button.row');
    await page.waitForSelector('[data-testid=detail] .side-by-side');
    expect(await page.$$eval('[data-testid=detail] .record .st', (els) => els.map((e) => e.textContent))).toEqual(['Incorrect', 'Correct']);
    // The prompt once, above the two responses; what differs between them is marked on each side.
    expect(await page.locator('[data-testid=detail] .flip > .block').first().locator('h4').textContent()).toBe('Prompt');
    expect(await page.locator('[data-testid=detail] .record h4', { hasText: 'Prompt' }).count()).toBe(0);
    expect(await page.locator('[data-testid=detail] .side-by-side .record:nth-child(1) ins.diff').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=detail] .side-by-side .record:nth-child(2) ins.diff').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('compares runs ticked in a table: the link keeps them, paired test from the examples in a worker, flips, what else differs', async () => {
    const { page, errors } = await visit('en/');
    await page.check('input[data-compare-pick][value="qwen2.5-7b-instruct-original"]');
    await page.check('input[data-compare-pick][value="qwen2.5-7b-instruct-fp8"]');
    expect(await page.textContent('[data-compare-count]')).toBe('2 selected');
    await page.click('[data-testid=compare-open]');
    await page.waitForSelector('[data-testid=compare-results][data-final=true]');
    // A deep link: the selection, baseline first, is in the address.
    expect(new URL(page.url()).searchParams.get('runs')).toBe('qwen2.5-7b-instruct-original,qwen2.5-7b-instruct-fp8');
    const change = page.locator('[data-testid=compare-change]').first();
    // The same pairs the study's McNemar test counts: 58 scorable in both, 5 lost, 1 gained.
    expect(await change.locator('[data-testid=compare-method]').getAttribute('data-method')).toBe('mcnemar');
    expect(await change.locator('[data-testid=compare-method]').textContent()).toContain('58 pairs');
    expect(await change.locator('.delta').textContent()).toBe('-6.90 pp');
    expect(await page.textContent('[data-testid=compare-flips]')).toBe('flips: 5 lost, 1 gained');
    expect(await page.textContent('[data-testid=compare-status]')).toBe('Tasks compared with paired tests: 1.');
    // The two runs were measured alike; nothing invalidates the comparison.
    expect(await page.locator('[data-testid=compare-env] tr.invalidates').count()).toBe(0);
    await page.click('[data-testid=compare-flips]');
    await page.waitForFunction(() => /Right → wrong \(\d+\)/.test(document.querySelector('[data-filter=lost]')?.textContent ?? '') && !document.querySelector('[data-testid=status]')?.textContent?.includes('loading'));
    expect(await page.textContent('[data-filter=lost]')).toBe('Right → wrong (5)');
    expect(await page.textContent('[data-flips-what]')).toBe('gsm8k: Qwen/Qwen2.5-7B-Instruct · original → Qwen/Qwen2.5-7B-Instruct · fp8');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compare page in Chinese: a deep link, a third run found by its name, the baseline swapped', async () => {
    const { page, errors } = await visit('zh/compare/?runs=qwen2.5-7b-instruct-original,qwen2.5-7b-instruct-fp8');
    page.setDefaultTimeout(10_000);
    await page.waitForSelector('[data-testid=compare-results][data-final=true]');
    expect(await page.locator('[data-testid=compare-change] .delta').first().textContent()).toBe('-6.90 个百分点');
    // With two runs in the address, finding more is folded away until asked for.
    expect(await page.isVisible('[data-testid=compare-search]')).toBe(false);
    await page.click('[data-testid=compare-adding] summary');
    await page.fill('[data-testid=compare-search]', 'base_unfine');
    expect(await page.locator('[data-testid=compare-matches] li').first().textContent()).toContain('base_unfinetuned');
    await page.click('[data-testid=compare-matches] button >> nth=0');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-table] thead th').length === 4);
    expect(new URL(page.url()).searchParams.get('runs')).toBe('qwen2.5-7b-instruct-original,qwen2.5-7b-instruct-fp8,base_unfinetuned');
    // The fp8 run as baseline: the change turns around.
    await page.click('[data-testid=compare-chosen] li[data-id="qwen2.5-7b-instruct-fp8"] button[data-action=baseline]');
    await page.waitForFunction(() => document.querySelector('[data-testid=compare-results]')?.getAttribute('data-final') === 'true' && new URL(location.href).searchParams.get('runs')?.startsWith('qwen2.5-7b-instruct-fp8,'));
    expect(await page.locator('[data-testid=compare-change] .delta').first().textContent()).toBe('+6.90 个百分点');
    expect(await page.locator('[data-testid=compare-summary]').allTextContents()).toContain('与基线没有共同任务');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serving compares runs: one line per run against rate and throughput, a percentile picker, throughput per GPU', async () => {
    const { page, errors } = await visit('zh/serving/');
    expect(await page.isVisible('[data-testid=cross-p99-e2el-rate]')).toBe(true);
    expect(await page.isVisible('[data-testid=cross-p99-e2el-throughput]')).toBe(true);
    expect(await page.isVisible('[data-testid=cross-p50-e2el-rate]')).toBe(false);
    const legend = await page.locator('[data-testid=cross-p99-e2el-rate] .legend li').allTextContents();
    expect(legend.length).toBeGreaterThanOrEqual(2);
    expect(legend).toContain('Qwen/Qwen2.5-72B-Instruct · original · online');
    await page.check('input[name=serving-stat][value=p50]');
    expect(await page.isVisible('[data-testid=cross-p50-e2el-rate]')).toBe(true);
    expect(await page.isVisible('[data-testid=cross-p99-e2el-rate]')).toBe(false);
    // Seed 003's 72B throughput run: 1,432 tok/s on tensor_parallel_size 4 (its serving.yaml).
    expect(await page.locator('[data-testid=per-gpu]').allTextContents()).toContain('357.98');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a study collected by npm run collect end to end: variants, paired test, serving, lm-eval tasks', async () => {
    const { page, errors } = await visit('en/studies/tiny-model-variants/');
    const head = await page.$$eval('[data-testid=study-table] thead th', (th) => th.map((x) => x.textContent?.trim()));
    expect(head).toEqual(['Task', 'Metric', 'originalbaseline', 'fp8']);
    const tasks = await page.$$eval('[data-testid=study-table] tbody th', (th) => th.map((x) => x.textContent?.trim()));
    expect(tasks).toEqual(expect.arrayContaining(['gsm8k', 'math', 'hellaswag', 'arc_easy', 'wikitext']));
    expect(await page.textContent('[data-testid=degradation-table]')).toContain('paired, McNemar score test (Tango interval), 22 pairs');
    expect(await page.textContent('[data-testid=efficiency-table]')).toMatch(/1,216/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts the decision in the first screen (1280×800) of a study, in both languages', async () => {
    for (const lang of ['en', 'zh']) {
      const { page } = await visit(`${lang}/studies/qwen2.5-7b-instruct-variants/`);
      await page.setViewportSize({ width: 1280, height: 800 });
      const box = await page.locator('[data-testid=verdict-card]').first().boundingBox();
      expect(box, lang).not.toBeNull();
      expect(box!.y, lang).toBeLessThan(800 - 120);
      expect(await page.locator('[data-testid=verdict-card]').first().textContent()).toMatch(lang === 'en' ? /Recovery \d+\.\d%/ : /恢复率 \d+\.\d%/);
      await page.close();
    }
  });

  it('the study page shows the paired test of the collected study', async () => {
    const { page } = await visit('zh/studies/qwen2.5-7b-instruct-variants/');
    const row = await page.$$eval('[data-testid=degradation-table] tbody tr td', (tds) => tds.map((td) => td.textContent?.trim()));
    // Compared on the 58 questions both runs scored: 45/58 vs 41/58, 5 lost and 1 gained.
    expect(row.slice(0, 7)).toEqual(['77.59%', '70.69%', '-6.90 个百分点', '-8.89%', '[-17.28 个百分点, +1.85 个百分点]', '[-17.28 个百分点, +1.85 个百分点]', '0.102']);
    expect(row[7]).toContain('配对，McNemar 得分检验（Tango 区间），58 对');
    expect(row[7]).toContain('在 60 个中的 58 个上配对');
    expect(row[7]).toContain('不可评分计为错误：-10.00 个百分点 [-20.87 个百分点, -0.98 个百分点]');
    expect(row[8]).toBe('在噪声内');
    await page.close();
  });

  it(`browses ${SCALE.toLocaleString('en')} examples of one task: first page early, counts when all shards are in`, async () => {
    const { page, errors } = await visit('en/runs/scale-test-scale-run/examples/gsm8k/?filter=incorrect&page=3');
    await page.waitForSelector('[data-testid=rows] button.row');
    await page.waitForFunction(() => !document.querySelector('[data-testid=status]')?.textContent?.includes('loading'), undefined, { timeout: 60_000 });
    expect(await page.textContent('[data-filter=all]')).toBe('All (100,000)');
    expect(await page.textContent('[data-filter=unscorable]')).toBe('Unscorable (10,000)');
    expect(await page.$$eval('[data-testid=rows] li', (li) => li.length)).toBe(50);
    expect(await page.textContent('.pager span')).toMatch(/^Page 3 of /);
    await page.fill('[data-testid=search]', 'question 99999:');
    await page.waitForFunction(() => document.querySelector('[data-filter=all]')?.textContent === 'All (1)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads a table as CSV with raw values', async () => {
    const { page } = await visit('en/studies/qwen3-30b-a3b-instruct-2507-variants/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-downloads] button[data-format=csv]')]);
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('qwen3-30b-a3b-instruct-2507-variants-accuracy.csv');
    // A BOM so spreadsheet programs read UTF-8 (Chinese); numbers without binary float noise.
    expect(csv.split('\r\n')[0]).toBe('\ufefftask,metric,variant,value,stderr,best,delta');
    expect(csv).toContain('gsm8k,accuracy,fp8,0.7789,,false,-0.0067');
    await page.close();
  });

  it('every page type (one built page per route file in src/pages) loads in both languages without console errors; the theme switch works', async () => {
    const samples = routeSamples();
    expect(samples.missing, 'routes the example content builds no page for').toEqual([]);
    for (const lang of ['en', 'zh']) {
      for (const p of samples.paths) {
        const { page, errors } = await visit(`${lang}/${p}`);
        expect(errors, `${lang}/${p}`).toEqual([]);
        await page.close();
      }
    }
    const { page } = await visit('en/');
    await page.click('[data-theme-toggle]');
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(['dark', 'light']).toContain(theme);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await page.close();
  }, 120_000);

  it('shows the sampled-evaluation replay of seed 002-like data: 7 models, tiers from simultaneous tests, noise ceiling, error control', async () => {
    const { page } = await visit('zh/analysis/m3ke/');
    const main = await page.textContent('main');
    expect(main).toContain('7 个模型，2,000 条共同样例；每种策略 2,000 次带种子的抽样（种子 1），均值后的 ± 为蒙特卡洛标准误；α = 0.05；梯队由同时成立的配对检验划分：2 / 1 / 1 / 1 / 1 / 1。');
    const rows = await page.$$eval('[data-testid=analysis-table] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(rows[0]).toEqual(['均匀抽样 100%', '100.00%', '0 个百分点', '[0 个百分点, 0 个百分点]', '1 ± 0 (1–1)', '100.0% ± 0.0%', '100.0% ± 0.0%', '100.0%', '—']);
    expect(rows.map((r) => r[0])).toEqual(['均匀抽样 100%', '均匀抽样 20%', '均匀抽样 5%', '均匀抽样 1%', '梯队 1 / 0.2 / 0.05，预知梯队', '先粗测 5%，再按梯队 1 / 0.2 / 0.05', '排名感知，从 1% 开始，置信序列', '排名感知，从 1% 开始，重复 Wald 检验（无误差控制）']);
    // Two tied models at the top and five tiers of one: (1 + 1 + 0.2 + 4 × 0.05) / 7.
    expect(rows[4]![1]).toBe('34.29%');
    // Non-uniform strategies are set beside uniform sampling at their compute.
    expect(rows[4]![8]).toMatch(/^0\.9\d+ · \d+\.\d%$/);
    // The tied pair at the top: the full data reproduces its own exact order only about half the time.
    const ceiling = await page.$$eval('[data-testid=analysis-ceiling] tbody td', (tds) => tds.map((td) => td.textContent?.trim()));
    expect(ceiling[1]).toMatch(/^5\d\.\d% ± 1\.\d%$/);
    const stopping = await page.$$eval('[data-testid=analysis-stopping] tbody tr', (trs) => trs.length);
    expect(stopping).toBe(8);
    const allocation = await page.$$eval('[data-testid=analysis-allocation] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(allocation.map((r) => r[0])).toEqual(['置信序列', '重复 Wald 检验']);
    const en = await visit('en/analysis/m3ke/');
    expect(await en.page.textContent('main')).toContain('Stopping rule of collect --until-decided');
    expect(await en.page.$$eval('[data-testid=analysis-allocation] tbody th', (ths) => ths.map((th) => th.textContent?.trim()))).toEqual(['Confidence sequence', 'Repeated Wald test']);
    await en.page.close();
    const lb = await visit('en/leaderboard/m3ke/');
    expect(await lb.page.textContent('[data-testid=board-what]')).toContain('sampled-evaluation analysis');
    await lb.page.close();
    await page.close();
  });

  it('site search finds a model in the page language', async () => {
    const { page } = await visit('zh/search/?q=fp8');
    await page.waitForSelector('.pagefind-ui__result', { timeout: 15_000 });
    const titles = await page.$$eval('.pagefind-ui__result-title', (els) => els.map((e) => e.textContent?.trim()));
    expect(titles.some((x) => x?.includes('fp8'))).toBe(true);
    await page.close();
  });

  it('site search finds a model id as written: its model page, study and runs, and offers to compare the runs', async () => {
    const { page, errors } = await visit('en/search/?q=Qwen2.5-7B-Instruct');
    await page.waitForSelector('[data-testid=entity-results] li');
    const items = await page.locator('[data-testid=entity-results] li').allTextContents();
    expect(items).toContain('model Qwen/Qwen2.5-7B-Instruct');
    expect(items).toContain('study Qwen/Qwen2.5-7B-Instruct: original vs fp8');
    expect(items.filter((i) => i.startsWith('run Qwen/Qwen2.5-7B-Instruct')).length).toBeGreaterThanOrEqual(2);
    expect(items.some((i) => i.includes('72B'))).toBe(false);
    // Typing in the search box narrows the list as it goes.
    await page.fill('#search input', 'qwen2.5-7b-instruct fp8');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=entity-results] li')].every((li) => li.textContent?.includes('fp8')));
    expect(errors).toEqual([]);
    await page.close();
    const zh = await visit('zh/search/?q=Qwen2.5-7B-Instruct');
    await zh.page.waitForSelector('[data-testid=entity-results] li');
    expect(await zh.page.locator('[data-testid=entity-results] li').first().textContent()).toBe('模型 Qwen/Qwen2.5-7B-Instruct');
    await zh.page.close();
  });

  // Performance scores are measured in `npm run bench` (a loaded CI machine makes them noisy); the
  // other three categories and layout shift do not depend on the machine's speed.
  it('Lighthouse: accessibility, best practices and SEO >= 95, layout shift <= 0.05, on home, study, run, examples and serving in both languages, compare, search and the leaderboard', async () => {
    const pages = ['', 'studies/qwen2.5-7b-instruct-variants/', 'runs/qwen2.5-7b-instruct-fp8/', 'runs/qwen2.5-7b-instruct-fp8/examples/gsm8k/', 'serving/'];
    // Mobile settings: a phone's width is where late-filled controls would move the page.
    const urls = [...['en', 'zh'].flatMap((lang) => pages.map((p) => `${lang}/${p}`)), 'zh/compare/?runs=qwen2.5-7b-instruct-original,qwen2.5-7b-instruct-fp8', 'en/search/?q=Qwen2.5-7B', 'zh/leaderboard/'];
    const results = await auditPages(urls.map((u) => server.url + u), { mode: 'mobile' });
    const low = results.flatMap((r) => [...r.scores].filter(([k, v]) => k !== 'performance' && v < 95).map(([k, v]) => `${r.url}: ${k} ${v} (${r.failed.join(', ')})`));
    expect(low).toEqual([]);
    expect(results.filter((r) => r.cls > 0.05).map((r) => `${r.url}: CLS ${r.cls}`)).toEqual([]);
  }, 300_000);

  it('shows XSS payloads inside per-example data as text in the examples browser', async () => {
    const run = pagesOf('runs').find((p) => p.startsWith('run-img'))!;
    const { page, dialogs } = await visit(`en/runs/${run}/examples/gsm8k/`);
    await page.waitForSelector('[data-testid=rows] button.row');
    for (const i of [0, 1]) {
      await page.click(`[data-testid=rows] li:nth-child(${i + 1}) button.row`);
      await page.waitForSelector('[data-testid=detail]:not([hidden])');
    }
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.$$eval('main img, main svg[onload]', (els) => els.length)).toBe(0);
    expect(await page.textContent('[data-testid=detail]')).toContain('<img src=x onerror="window.__xss=1">');
    await page.close();
  });
});

