/**
 * Long tables (the leaderboard's 500 runs): only the first `data-limit` rows are laid out until
 * "show all" is pressed, since laying out thousands of rows is most of a page's load time. The
 * page marks the rows past the limit `data-later` (shown without a script: the rule hiding them
 * needs the `js` class the layout sets); filtering and sorting keep the limit on what they show.
 * An optional filter box hides rows lacking any typed word and keeps the words in the address.
 */
import { fill, setParams } from './dom.ts';
import { hasEveryWord, queryWords } from '../lib/query-words.ts';

export interface LongTableParts {
  input?: HTMLInputElement | null;
  /** A count line with {shown} and {total} in its data-template. */
  count?: HTMLElement | null;
  /** Shown when the filter leaves no row. */
  none?: HTMLElement | null;
  /** The "show all" button. */
  more?: HTMLButtonElement | null;
}

export function attachLongTable(table: HTMLTableElement, parts: LongTableParts = {}): void {
  const body = table.tBodies[0];
  if (!body) return;
  const { input, count, none, more } = parts;
  const limit = Number(table.dataset.limit) || Infinity;
  const format = new Intl.NumberFormat(document.documentElement.lang);
  const template = count?.dataset.template ?? '';
  // Gathered at the first keystroke, not while the page loads.
  let texts: Map<HTMLTableRowElement, string> | undefined;

  const apply = () => {
    const w = queryWords(input?.value ?? '');
    if (w.length) texts ??= new Map([...body.rows].map((row) => [row, (row.textContent ?? '').toLowerCase()]));
    let shown = 0;
    for (const row of body.rows) {
      const match = !w.length || hasEveryWord(texts!.get(row)!, w);
      row.hidden = !match;
      if (match) row.toggleAttribute('data-later', shown++ >= limit);
    }
    if (count) count.textContent = fill(template, { shown: format.format(shown), total: format.format(body.rows.length) });
    if (none) none.hidden = shown > 0;
    if (more) more.hidden = table.hasAttribute('data-all') || shown <= limit;
  };

  more?.addEventListener('click', () => {
    table.setAttribute('data-all', '');
    more.hidden = true;
  });
  // A sort puts other rows first: the limit follows the new order.
  table.addEventListener('sorted', apply);
  if (input) {
    input.value = new URLSearchParams(location.search).get('q') ?? '';
    input.addEventListener('input', () => {
      apply();
      setParams({ q: input.value.trim() });
    });
  }
  if (input?.value) apply();
}
