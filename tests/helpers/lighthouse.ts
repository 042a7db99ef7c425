/**
 * Lighthouse over pages of a served site, in Debian's Chromium started by playwright-core with a
 * remote-debugging port for Lighthouse to drive. Desktop or mobile (Lighthouse's default) settings.
 */
import { createServer } from 'node:net';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM } from './browser.ts';
import { chromium } from 'playwright-core';

export interface LighthouseScores {
  url: string;
  /** Category scores 0..100: performance, accessibility, best-practices, seo. */
  scores: Map<string, number>;
  cls: number;
  /** Audits of the four categories that failed, by id. */
  failed: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `categories`: the ones to run (all four by default; without performance a page takes a fraction of the time). */
export async function auditPages(urls: string[], { mode = 'desktop', categories }: { mode?: 'desktop' | 'mobile'; categories?: string[] } = {}): Promise<LighthouseScores[]> {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out: LighthouseScores[] = [];
  try {
    for (const url of urls) {
      const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', ...(categories ? { onlyCategories: categories } : {}) }, mode === 'desktop' ? desktopConfig : undefined);
      if (!result) throw new Error(`lighthouse gave no result for ${url}`);
      const { categories: found, audits } = result.lhr;
      const scores = new Map(Object.entries(found).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
      const ids = new Set(Object.values(found).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => r.id)));
      const failed = [...ids].filter((id) => {
        const a = audits[id];
        return a && a.scoreDisplayMode === 'binary' && a.score !== null && a.score < 1;
      });
      out.push({ url, scores, cls: audits['cumulative-layout-shift']?.numericValue ?? 0, failed });
    }
  } finally {
    await browser.close();
  }
  return out;
}
