/** Debian's Chromium driven by playwright-core (no browser download), headless. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * On an examples page just opened: when its first row was rendered and when every shard was in
 * (the status no longer says loading), in ms from navigation start, polled once a frame.
 */
export function examplesLoadTimes(page: Page): Promise<{ first: number; all: number }> {
  return page.evaluate(
    () =>
      new Promise<{ first: number; all: number }>((resolve) => {
        let first = 0;
        const tick = () => {
          if (!first && document.querySelector('[data-testid=rows] button.row')) first = performance.now();
          const status = document.querySelector('[data-testid=status]')?.textContent ?? '';
          if (first && status && !status.includes('loading')) resolve({ first, all: performance.now() });
          else requestAnimationFrame(tick);
        };
        tick();
      }),
  );
}
