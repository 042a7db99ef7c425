/**
 * npm run screenshots -- [paths...]: serves dist/ (or $DIST) and saves full-page PNGs of pages in both
 * languages to test-output/screenshots/, to look at what the site shows a person.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveDir } from '../../tests/helpers/static-server.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'test-output', 'screenshots');
mkdirSync(out, { recursive: true });
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['', 'problems/'];
const width = Number(process.env.WIDTH ?? 1280);
const dark = process.env.DARK === '1';
const server = await serveDir(process.env.DIST ?? join(root, 'dist'));
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  for (const lang of ['en', 'zh']) {
    for (const p of pages) {
      // Network idle: the examples browser has fetched its shards and rendered.
      await page.goto(`${server.url}${lang}/${p}`, { waitUntil: 'networkidle' });
      const name = `${lang}-${p.replace(/\/$/, '').replace(/[^a-z0-9]+/gi, '_') || 'home'}${dark ? '-dark' : ''}${width < 800 ? '-narrow' : ''}.png`;
      await page.screenshot({ path: join(out, name), fullPage: process.env.FULL !== '0' });
      console.log(join(out, name));
    }
  }
} finally {
  await browser.close();
  await server.close();
}
