/**
 * Ticking runs for the compare page: the order of ticking is kept (the first is the baseline), at
 * most 8, and kept in sessionStorage so runs ticked on two pages end up in one comparison.
 */
import { COMPARE_MAX } from '../lib/compare-data.ts';
import { fill } from './dom.ts';

const KEY = 'evalsite-compare';

function stored(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, COMPARE_MAX) : [];
  } catch {
    return [];
  }
}

function store(ids: string[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ids));
  } catch {
    // Storage off: the ticks still work on this page.
  }
}

/** The selection after ticking or unticking one run. */
export function toggled(ids: readonly string[], id: string, on: boolean): string[] {
  if (!on) return ids.filter((x) => x !== id);
  return ids.includes(id) || ids.length >= COMPARE_MAX ? [...ids] : [...ids, id];
}

export function mountComparePick(doc: Document): void {
  const boxes = [...doc.querySelectorAll<HTMLInputElement>('input[data-compare-pick]')];
  const bar = doc.querySelector<HTMLElement>('[data-compare-bar]');
  if (!bar || !boxes.length) return;
  const count = bar.querySelector('[data-compare-count]');
  const open = bar.querySelector<HTMLAnchorElement>('[data-compare-open]');
  const base = open?.getAttribute('href') ?? '';
  let ids = stored();
  // Only boxes whose state changes are touched: a page of 500 runs starts with nothing ticked.
  let full = false;
  const render = () => {
    const nowFull = ids.length >= COMPARE_MAX;
    const picked = new Set(ids);
    for (const b of boxes) {
      if (b.checked !== picked.has(b.value)) b.checked = picked.has(b.value);
      if (nowFull !== full || b.disabled) b.disabled = !b.checked && nowFull;
    }
    full = nowFull;
    bar.hidden = ids.length === 0;
    if (count) count.textContent = fill(bar.dataset.countText ?? '{n}', { n: new Intl.NumberFormat(doc.documentElement.lang).format(ids.length) });
    if (open) {
      open.href = `${base}?runs=${ids.map(encodeURIComponent).join(',')}`;
      open.toggleAttribute('aria-disabled', ids.length < 2);
    }
  };
  // One listener for every box (a table of 500 runs would otherwise get 500).
  doc.addEventListener('change', (e) => {
    const b = e.target;
    if (!(b instanceof HTMLInputElement) || !b.hasAttribute('data-compare-pick')) return;
    ids = toggled(ids, b.value, b.checked);
    store(ids);
    render();
  });
  bar.querySelector('[data-compare-clear]')?.addEventListener('click', () => {
    ids = [];
    store(ids);
    render();
  });
  render();
}
