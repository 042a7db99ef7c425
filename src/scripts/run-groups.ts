/**
 * The home page's run list: filter runs by any word of their row or group (model, variant,
 * folder, dialect, study), and order the model groups by name, newest run or number of runs.
 * Rows are only hidden, never rebuilt, so 500 runs filter within a frame.
 */
import { naturalCompare } from '../lib/natural-order.ts';
import { hasEveryWord, queryWords } from '../lib/query-words.ts';
import { fill, setParams } from './dom.ts';

export function attachRunGroups(root: Document): void {
  const tools = root.querySelector<HTMLElement>('[data-run-tools]');
  const list = root.querySelector<HTMLElement>('.run-groups');
  if (!tools || !list) return;
  const input = tools.querySelector<HTMLInputElement>('[data-run-filter]')!;
  const select = tools.querySelector<HTMLSelectElement>('[data-run-sort]')!;
  const count = tools.querySelector<HTMLElement>('[data-run-count]')!;
  const none = root.querySelector<HTMLElement>('[data-run-none]');
  const groups = [...list.querySelectorAll<HTMLElement>('section[data-group]')].map((body, order) => ({ body, order, name: body.querySelector('h3 a')?.textContent ?? '' }));
  // A run is found by its model, its own cells and its studies (not by another run's study); the
  // texts are gathered at the first keystroke, not while the page loads.
  let texts: { body: HTMLElement; rows: { row: HTMLTableRowElement; text: string }[] }[] | undefined;
  const searchable = () =>
    (texts ??= groups.map(({ body, name }) => ({ body, rows: [...(body.querySelector('tbody')?.rows ?? [])].map((row) => ({ row, text: `${name} ${row.textContent ?? ''} ${row.dataset.studies ?? ''}`.toLowerCase() })) })));
  const format = new Intl.NumberFormat(root.documentElement.lang);
  const template = count.dataset.template ?? '';
  const initial = count.textContent;

  const filter = () => {
    const words = queryWords(input.value);
    let shown = 0;
    let shownGroups = 0;
    for (const g of searchable()) {
      let any = 0;
      for (const r of g.rows) {
        const match = hasEveryWord(r.text, words);
        r.row.hidden = !match;
        any += match ? 1 : 0;
      }
      g.body.hidden = any === 0;
      shown += any;
      shownGroups += any ? 1 : 0;
    }
    // The count line is the page's own sentence with marks where the numbers go (no strings bundled).
    count.textContent = words.length ? fill(template, { runs: format.format(shown), models: format.format(shownGroups) }) : initial;
    if (none) none.hidden = shown > 0;
  };

  const order = () => {
    const by = select.value;
    const sorted = [...groups].sort((a, b) =>
      by === 'newest' ? (b.body.dataset.newest ?? '').localeCompare(a.body.dataset.newest ?? '') || a.order - b.order
      : by === 'runs' ? Number(b.body.dataset.runs) - Number(a.body.dataset.runs) || a.order - b.order
      : naturalCompare(a.name, b.name) || a.order - b.order);
    list.append(...sorted.map((g) => g.body));
  };

  // The filter and order live in the address, so a filtered list can be shared and survives reload.
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  if (['newest', 'runs'].includes(params.get('sort') ?? '')) select.value = params.get('sort')!;
  const remember = () => setParams({ q: input.value.trim(), sort: select.value === 'model' ? '' : select.value });
  input.addEventListener('input', () => { filter(); remember(); });
  select.addEventListener('change', () => { order(); remember(); });
  if (input.value) filter();
  if (select.value !== 'model') order();
}
