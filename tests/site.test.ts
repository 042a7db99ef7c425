/**
 * The built site: `ensure-content` + `astro build` from an empty content folder (as on a fresh
 * clone) with the embedded examples and an XSS fixture, then a real browser (Debian's Chromium via
 * playwright-core) over every page type in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ingest } from '../scripts/ingest/ingest.ts';
import { writeContent } from '../scripts/ingest/write-content.ts';
import { serveDir } from './helpers/static-server.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';

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
  // Then the XSS fixture is added to the same content set.
  const inputs = [join(ROOT, 'examples'), join(ROOT, 'tests/fixtures/xss')];
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

  it('copies per-example shards for the browser to load on demand', () => {
    const idx = readdirSync(join(dist, 'data', 'examples'));
    expect(idx.length).toBeGreaterThan(0);
  });

  it('never puts a secret into the site', () => {
    const all = spawnSync('grep', ['-rl', '-e', 'sk-live-', '-e', 'hf_abcdefghij', '-e', 'EXAMPLE-NOT-A-SECRET', dist], { encoding: 'utf8' });
    expect(all.stdout).toBe('');
  });
});

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
    expect(await page.textContent('h2')).toBe('准确率：变体 × 任务');
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
    for (const lang of ['en', 'zh']) {
      for (const p of ['', 'problems/', ...evil.map((e) => (pagesOf('studies').includes(e) ? `studies/${e}/` : `runs/${e}/`))]) {
        const { page, dialogs } = await visit(`${lang}/${p}`);
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
  });
});
