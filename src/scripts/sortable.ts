/**
 * Sortable data tables, one behaviour for the whole site: every `table[data-sortable]` gets header
 * buttons that sort its rows by that column (again: reverse), with aria-sort for screen readers.
 * A cell sorts by its `data-sort` value when it has one, else by the number in its text (78.56%,
 * -0.67 pp, 1,432), else by its text in the page's language; empty cells go last. A header with a
 * link keeps it and gets a button of its own beside it (named by the header's data-sort-label).
 */
function keyOf(cell: Element | undefined): number | string | undefined {
  if (!cell) return undefined;
  const given = cell.getAttribute('data-sort');
  const text = (given ?? cell.textContent ?? '').trim();
  if (!text || text === '—' || text === '–') return undefined;
  const numeric = /^[-+−]?[\d,. ]*\d/.exec(text.replace(/^[★\s]+/, ''));
  if (numeric) {
    const n = Number(numeric[0].replace(/[, ]/g, '').replace('−', '-'));
    if (Number.isFinite(n)) return n;
  }
  return text;
}

export function makeSortable(table: HTMLTableElement): void {
  const head = table.tHead?.rows[0];
  const body = table.tBodies[0];
  if (!head || !body || table.tBodies.length !== 1) return;
  const collator = new Intl.Collator(document.documentElement.lang, { numeric: true });
  [...head.cells].forEach((th, col) => {
    if (th.hasAttribute('data-nosort') || !th.textContent?.trim()) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    // A header that links somewhere (a task's own page) keeps its link; the sort button follows it.
    if (th.querySelector('a')) button.setAttribute('aria-label', th.dataset.sortLabel ?? th.textContent?.trim() ?? '');
    else button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const other of head.cells) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const rows = [...body.rows].map((row, i) => ({ row, i, key: keyOf(row.cells[col]) }));
      rows.sort((a, b) => {
        if (a.key === undefined || b.key === undefined) return a.key === b.key ? a.i - b.i : a.key === undefined ? 1 : -1;
        const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
        return c * dir || a.i - b.i;
      });
      body.append(...rows.map((r) => r.row));
      table.dispatchEvent(new Event('sorted'));
    });
  });
}

// Every data table of the page; a module that imports makeSortable outside a page (a test) gets no DOM.
if (typeof document !== 'undefined') for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) makeSortable(table);
